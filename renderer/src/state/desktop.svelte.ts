import type { FormatSummary, StartState } from '../../../electron/contract';
import { api } from '../lib/api';

/** What main tells the page at start (the library's folder, the version, the formats it reads), and the system browser. */
class Desktop {
  #start = $state.raw<StartState | null>(null);

  get libraryFolder(): string {
    return this.#start?.libraryFolder ?? '';
  }

  get lastGene(): string | null {
    return this.#start?.lastGene ?? null;
  }

  get formats(): FormatSummary[] {
    return this.#start?.formats ?? [];
  }

  /** "PubMed MEDLINE (.nbib), RIS, PubMed XML, BibTeX or CSL-JSON": the reference formats, for help text. */
  get referenceFormats(): string {
    const names = this.formats.filter((f) => f.kind === 'publications').map((f) => f.name);
    return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
  }

  async load(): Promise<void> {
    const reply = await api.startState();
    if (reply.ok) this.#start = reply.value;
  }

  /** Opens a link in the system browser; main refuses anything but https. */
  open(url: string): void {
    void api.openExternal(url);
  }

  reset(): void {
    this.#start = null;
  }
}

export const desktop = new Desktop();
