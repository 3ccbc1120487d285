import { randomBytes } from 'node:crypto';
import { normaliseSymbol, type ImportWarning, type Publication } from '../model';
import { ImportError } from '../errors';
import type { LibraryStore } from '../library';
import type { ParsedRecord, ReadControl } from '../formats';
import { SYMBOL_PATTERN, SYMBOL_RULE } from '../../shared/ids';
import { readImportFile, type ParsedImport } from './read-file';
import { matchCandidates, mayMatch, planRecordImport, summary, type ImportCounts, type LibraryMatches, type NearMatch, type PublicationSummary } from './plan';
import { buildIndex, type MatchIndex } from './merge';
import { geneWithImport, importRecord, markAdded } from './provenance';

/**
 * Import in two steps: read the file and show what it would do (the preview), then write it in
 * one go when the user confirms. Nothing touches the library before the confirm, so cancelling,
 * or closing the window, changes nothing. Read files wait here, in memory, under a token.
 */

export interface ImportPreview {
  token: string;
  file: string;
  /** The format's id in the registry, and its name. */
  format: string;
  formatName: string;
  encoding: string;
  /** Genes (a gene page, a gene file or a panel) or publications (a reference export). */
  kind: 'genes' | 'publications';
  genes: Array<{ symbol: string; name: string; status: 'added' | 'updated'; publications: number }>;
  /** The gene a reference export goes to; null until the user picks or names one. */
  target: { symbol: string; exists: boolean } | null;
  counts: ImportCounts;
  nearMatches: NearMatch[];
  warnings: ImportWarning[];
  /** The first records, so the user sees what the file holds. */
  sample: PublicationSummary[];
}

export interface ImportReport {
  file: string;
  format: string;
  genes: Array<{ symbol: string; name: string; status: 'added' | 'updated'; publications: number }>;
  counts: ImportCounts;
  warnings: ImportWarning[];
}

const KEEP = 4;

interface Pending {
  parsed: ParsedImport;
  target: string | null;
}

export class ImportPreviews {
  private pending = new Map<string, Pending>();

  constructor(private readonly store: LibraryStore) {}

  /** Reads the file (in slices, with progress; the signal cancels) and says what importing it would do. */
  async open(file: string, options: { gene?: string | null } & ReadControl = {}): Promise<ImportPreview> {
    const parsed = await readImportFile(file, options);
    if (parsed.format === 'genefile' && parsed.genes.length === 0) throw new ImportError(file, 'the gene file holds no genes');
    const token = randomBytes(9).toString('hex');
    this.pending.set(token, { parsed, target: null });
    // Only the newest few wait; an abandoned preview must not hold a large file for ever.
    while (this.pending.size > KEEP) this.pending.delete(this.pending.keys().next().value!);
    if (options.gene) return this.setTarget(token, options.gene);
    return this.describe(token);
  }

  private get(token: string): Pending {
    const pending = this.pending.get(token);
    if (!pending) throw new ImportError('import', 'this preview has expired; choose the file again');
    return pending;
  }

  /** Sets (or makes up) the gene a reference export goes to. */
  async setTarget(token: string, symbol: string): Promise<ImportPreview> {
    const pending = this.get(token);
    const trimmed = symbol.trim();
    if (!SYMBOL_PATTERN.test(trimmed)) throw new ImportError(pending.parsed.file, `"${symbol}" is not a gene symbol (${SYMBOL_RULE})`);
    pending.target = this.store.geneSymbol(trimmed) ?? normaliseSymbol(trimmed);
    return this.describe(token);
  }

  private index: { revision: number; records: ParsedRecord[]; index: MatchIndex } | null = null;

  /**
   * Who in the library these records may be, read once per revision of it (a preview, its reviews
   * and its commit share one), and the stored copies of the publications they may match: the
   * duplicate check reads the identity index for these records' keys only, and those few shards,
   * not the whole library.
   */
  private async libraryMatches(records: ParsedRecord[]): Promise<LibraryMatches> {
    const revision = this.store.revision;
    if (!this.index || this.index.revision !== revision || this.index.records !== records) this.index = { revision, records, index: buildIndex(await this.store.identities(mayMatch(records))) };
    const index = this.index.index;
    return { index, stored: await this.store.publications(matchCandidates(records, index)) };
  }

  async describe(token: string, mergeNear: ReadonlySet<number> = new Set()): Promise<ImportPreview> {
    const { parsed, target } = this.get(token);
    const base = { token, file: parsed.file, format: parsed.format, formatName: parsed.formatName, encoding: parsed.encoding, warnings: parsed.warnings };
    if (parsed.publications.length === 0) {
      const counts: ImportCounts = { new: 0, updated: 0, duplicate: 0, skipped: 0 };
      const storedCopies = await this.store.publications(parsed.genes.flatMap((g) => g.publications.map((p) => p.id)));
      for (const gene of parsed.genes) {
        for (const p of gene.publications) {
          const stored = storedCopies.get(p.id);
          counts[!stored ? 'new' : samePublication(stored, p) ? 'duplicate' : 'updated']++;
        }
      }
      return {
        ...base,
        kind: 'genes',
        genes: parsed.genes.map((g) => ({ symbol: g.symbol, name: g.name, status: this.store.geneSymbol(g.symbol) ? 'updated' : 'added', publications: g.publications.length })),
        target: null,
        counts,
        nearMatches: [],
        sample: [],
      };
    }
    const plan = planRecordImport(parsed.publications, parsed.recordsSeen, await this.libraryMatches(parsed.publications), target ? this.store.publicationIdsOf(target) : new Set(), mergeNear);
    return {
      ...base,
      kind: 'publications',
      genes: [],
      target: target ? { symbol: target, exists: this.store.geneSymbol(target) !== undefined } : null,
      counts: plan.counts,
      nearMatches: plan.nearMatches,
      sample: parsed.publications.slice(0, 5).map((r) => summary(r.publication)),
    };
  }

  /** Writes what the preview showed, in one write, and forgets the preview. */
  async commit(token: string, options: { mergeNear?: number[] } = {}): Promise<ImportReport> {
    const { parsed, target } = this.get(token);
    let report: ImportReport;
    if (parsed.publications.length === 0) {
      const counts = (await this.describe(token)).counts;
      const record = importRecord(parsed.file, parsed.formatName, new Date());
      const saved = await this.store.saveGenes(
        parsed.genes.map((g) => geneWithImport(g, record)),
        parsed.file,
      );
      const added = new Set(saved.added);
      report = {
        file: parsed.file,
        format: parsed.format,
        genes: parsed.genes.map((g) => ({ symbol: g.symbol, name: g.name, status: added.has(g.symbol) ? 'added' : 'updated', publications: g.publications.length })),
        counts,
        warnings: parsed.warnings,
      };
    } else {
      if (!target) throw new ImportError(parsed.file, 'choose the gene these publications belong to');
      const plan = planRecordImport(parsed.publications, parsed.recordsSeen, await this.libraryMatches(parsed.publications), this.store.publicationIdsOf(target), new Set(options.mergeNear ?? []));
      const planned = plan.records.filter((r) => r.status !== 'duplicate').map((r) => r.publication);
      const record = importRecord(parsed.file, parsed.formatName, new Date(), planned.length);
      const toWrite = markAdded(planned, (id) => this.store.holds(id), record);
      const created = toWrite.length ? (await this.store.addPublications(target, toWrite, parsed.file, record)).created : false;
      report = {
        file: parsed.file,
        format: parsed.format,
        genes: [{ symbol: target, name: (await this.store.getGene(target))?.name ?? '', status: created ? 'added' : 'updated', publications: toWrite.length }],
        counts: plan.counts,
        warnings: parsed.warnings,
      };
    }
    this.pending.delete(token);
    return report;
  }

  /** The publications the file holds, as read (for the CLI's --json). */
  records(token: string): ParsedRecord[] {
    return this.get(token).parsed.publications;
  }

  cancel(token: string): void {
    this.pending.delete(token);
  }
}

/** Field for field, whatever order the keys were written in (files and readers differ in it). */
function samePublication(a: Publication, b: Publication): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
