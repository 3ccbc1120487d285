import { splitAuthorName } from '../../authors';
import type { CitationRecord } from '../format';
import { splitPages } from '../records';
import { tagLine } from './tags';

/** RIS as EndNote, Zotero and Mendeley import it: "TAG  - value" lines, CRLF, each record TY to ER. */
const EOL = '\r\n';

function field(tag: string, value: string | undefined): string[] {
  if (value === undefined || value.trim() === '') return [];
  // A value's own line breaks go on untagged continuation lines; a line that would read as a tag
  // is indented by one space so no reader mistakes it for one.
  const [first, ...rest] = value.replace(/\r\n?/g, '\n').split('\n');
  return [`${tag}  - ${first}`, ...rest.map((line) => (tagLine(line) ? ` ${line}` : line))];
}

function risName(name: string): string {
  const n = splitAuthorName(name);
  return 'literal' in n ? n.literal : `${n.family}, ${n.given}`;
}

export function recordToRis(r: CitationRecord): string[] {
  const p = r.publication;
  const pages = p.pages ? splitPages(p.pages) : undefined;
  return [
    'TY  - JOUR',
    ...p.authors.flatMap((a) => field('AU', risName(a))),
    ...field('TI', p.title),
    ...field('T2', p.journal),
    ...field('J2', p.journal),
    ...field('PY', p.year === undefined ? undefined : String(p.year)),
    ...field('VL', p.volume),
    ...field('IS', p.issue),
    ...field('SP', pages?.start),
    ...field('EP', pages?.end),
    ...field('DO', p.doi),
    ...field('AN', p.pmid),
    ...(p.pmid ? field('DB', 'PubMed') : []),
    ...field('UR', r.url),
    ...(p.keywords ?? []).flatMap((k) => field('KW', k)),
    ...field('AB', p.abstract),
    ...field('N1', r.note),
    'ER  - ',
  ];
}

export function writeRis(records: CitationRecord[]): string {
  return records.map((r) => recordToRis(r).join(EOL) + EOL).join(EOL);
}

