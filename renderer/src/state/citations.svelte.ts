import { CITATION_STYLES, DEFAULT_CITATION_STYLE, isCitationStyle, type CitationStyle } from '../../../electron/shared/citation-styles';
import type { CopiedCitation, Reply } from '../../../electron/contract';
import { api } from '../lib/api';
import { messages } from './messages.svelte';
import { reading } from './reading.svelte';

/**
 * Copy citation: main formats the citations (citation-js with the bundled CSL styles) and puts
 * them on the clipboard as plain text and HTML. The style last used is the reader's default, kept
 * in their settings, so the next copy and a bibliography export use it.
 */
class CitationState {
  get style(): CitationStyle {
    const chosen = reading.settings.citationStyle;
    return isCitationStyle(chosen) ? chosen : DEFAULT_CITATION_STYLE;
  }

  /** One publication's citation (or several, as a bibliography). */
  async copy(publicationIds: string[], style: CitationStyle = this.style): Promise<void> {
    await this.#report(await api.copyCitation(publicationIds, style), style, 'citation');
  }

  /** A reading list, or All bookmarks, as a bibliography. */
  async copyList(listId: string, style: CitationStyle = this.style): Promise<void> {
    await this.#report(await api.copyBibliography(listId, style), style, 'bibliography');
  }

  async #report(reply: Reply<CopiedCitation>, style: CitationStyle, what: 'citation' | 'bibliography'): Promise<void> {
    if (!reply.ok) {
      messages.error(`The ${what} was not copied`, [reply.message]);
      return;
    }
    const { items, text } = reply.value;
    const label = CITATION_STYLES[style].label;
    messages.success(what === 'citation' && items === 1 ? `Copied the citation in ${label}` : `Copied ${items} citations in ${label}, as a bibliography`, [text.length > 600 ? `${text.slice(0, 600)}…` : text]);
    if (style !== this.style) await reading.setCitationStyle(style);
  }
}

export const citations = new CitationState();
