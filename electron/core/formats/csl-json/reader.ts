import { initialsOf } from '../../authors';
import type { ImportWarning, Publication } from '../../model';
import { makePublication } from '../../publication';
import { FormatError, readAll, type ParsedRecord, type ParsedRecords, type ReferenceFormat } from '../format';
import { cleanPmid, doiIn, splitKeywords, splitLabelledSections, yearOf } from '../records';

/**
 * CSL-JSON (Zotero, Mendeley, pandoc, citation-js) into publications. The BibTeX reader goes
 * through citation-js to CSL first and then through cslToPublication too, so both formats map
 * names, dates and ids one way.
 */

type Csl = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() || undefined : typeof v === 'number' ? String(v) : undefined);

function names(value: unknown): { short: string[]; full: string[] | undefined } {
  const short: string[] = [];
  const full: string[] = [];
  for (const n of Array.isArray(value) ? value : []) {
    if (!n || typeof n !== 'object') continue;
    const name = n as Csl;
    const literal = str(name.literal);
    const family = [str(name['non-dropping-particle']), str(name.family)].filter(Boolean).join(' ');
    const given = str(name.given);
    if (!family) {
      if (literal) {
        short.push(literal);
        full.push(literal);
      }
      continue;
    }
    const initials = initialsOf(given ?? '');
    short.push(initials ? `${family} ${initials}` : family);
    // A family name alone is a mononym or a group ("Children's Oncology Group"): that is its full form.
    full.push(given ? `${family}, ${given}` : family);
  }
  return { short, full: full.length ? full : undefined };
}

function yearOfCsl(issued: unknown): number | undefined {
  if (!issued || typeof issued !== 'object') return yearOf(str(issued));
  const date = issued as Csl;
  const parts = date['date-parts'];
  if (Array.isArray(parts) && Array.isArray(parts[0])) {
    const y = Number(parts[0][0]);
    if (Number.isInteger(y) && y >= 1800 && y <= 2200) return y;
  }
  return yearOf(str(date.raw) ?? str(date.literal));
}

/**
 * One CSL item as a publication, or null when it has no title. A PMID that is not digits is
 * cleaned (and warned about, at `line`) as every reader does.
 */
export function cslToPublication(item: Csl, warnings: ImportWarning[] = [], line?: number): Publication | null {
  const title = str(item.title);
  if (!title) return null;
  const { short, full } = names(item.author);
  const shortTitle = str(item['container-title-short']) ?? str(item.journalAbbreviation);
  const container = str(item['container-title']);
  const abstract = str(item.abstract) ?? '';
  const pmcid = str(item.PMCID);
  return makePublication({
    pmid: cleanPmid(str(item.PMID), line, warnings),
    doi: doiIn(str(item.DOI)),
    pmcid: pmcid && /^PMC\d+$/.test(pmcid) ? pmcid : undefined,
    title,
    authors: short,
    authorsFull: full,
    journal: shortTitle ?? container ?? '',
    journalTitle: shortTitle && container && container !== shortTitle ? container : undefined,
    year: yearOfCsl(item.issued),
    volume: str(item.volume),
    issue: str(item.issue),
    pages: str(item.page)?.replace(/\s*[–—]\s*|--/g, '-'),
    abstract: abstract.includes('\n') ? abstract : splitLabelledSections(abstract),
    freeFullText: !!pmcid,
    // CSL's keyword is one string; its convention separates keywords with commas (Zotero: ", ").
    keywords: Array.isArray(item.keyword) ? item.keyword.map((k) => str(k) ?? '') : splitKeywords(str(item.keyword)),
  });
}

interface CslChunk {
  item: unknown;
  index: number;
  /** The line the item starts on, where the file is a plain array (Zotero's and pandoc's form). */
  line?: number;
}

/** Start lines of the elements of a top-level JSON array: one pass, minding strings and nesting. */
function itemLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (/\s/.test(c)) continue;
    if (depth === 1 && expectValue && c !== ']') {
      lines.push(line);
      expectValue = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1 && c === '[') expectValue = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expectValue = true;
  }
  return lines;
}

export const cslJson: ReferenceFormat<CslChunk> = {
  id: 'csl-json',
  name: 'CSL-JSON',
  extensions: ['json'],
  from: 'Zotero, Mendeley, pandoc, citation-js',
  kind: 'publications',
  detect: ({ json }) => json !== undefined && looksLikeCslJson(json),
  split(text) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new FormatError(`this is not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    const items = Array.isArray(data) ? data : data && typeof data === 'object' && Array.isArray((data as Csl).items) ? ((data as Csl).items as unknown[]) : null;
    if (!items || items.length === 0) throw new FormatError('this JSON holds no CSL-JSON items (an array of objects with a title)');
    const lines = Array.isArray(data) ? itemLines(text) : [];
    return items.map((item, index) => ({ item, index, ...(lines[index] !== undefined ? { line: lines[index] } : {}) }));
  },
  read({ item, index, line }, warnings: ImportWarning[]): ParsedRecord | null {
    const at = (path: string) => ({ path, ...(line !== undefined ? { line } : {}) });
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      warnings.push({ message: 'this item is not an object and was skipped', ...at(`$[${index}]`) });
      return null;
    }
    const publication = cslToPublication(item as Csl, warnings, line);
    if (!publication) {
      warnings.push({ message: 'this item has no title and was skipped', ...at(`$[${index}].title`) });
      return null;
    }
    return { publication, line: line ?? index + 1 };
  },
};

/** CSL-JSON: an array (or { items: [...] }) of objects with CSL's variables, not a gene file. */
export function looksLikeCslJson(data: unknown): boolean {
  const items = Array.isArray(data) ? data : data && typeof data === 'object' && Array.isArray((data as Csl).items) ? ((data as Csl).items as unknown[]) : null;
  return !!items && items.some((i) => i && typeof i === 'object' && ('title' in i || 'type' in i || 'author' in i || 'issued' in i));
}

export function parseCslJson(text: string): ParsedRecords {
  return readAll(cslJson, text);
}
