import { splitAuthorName } from '../authors';
import type { ExportRecord } from './records';

/**
 * RIS, the tagged format EndNote, Zotero and Mendeley all import: one "TAG  - value" line per
 * field, CRLF line ends, each record from TY to ER. No maintained RIS library exists on npm, and
 * the format is a few lines of text, so the writer and its forgiving reader live here.
 */

const EOL = '\r\n';
/** Two capitals or a capital and a digit, then "  - " (readers in the wild also accept one space). */
const TAG_LINE = /^([A-Z][A-Z0-9])\s{1,2}-(?: (.*))?$/;

/** "1911-8" as PubMed abbreviates it becomes 1911 and 1918; citation managers want both ends. */
export function splitPages(pages: string): { start: string; end?: string } {
  const m = /^\s*([A-Za-z]?\d+)\s*[-–]\s*([A-Za-z]?\d+)\s*$/.exec(pages);
  if (!m) return { start: pages.trim() };
  const start = m[1]!;
  let end = m[2]!;
  if (/^\d+$/.test(start) && /^\d+$/.test(end) && end.length < start.length) end = start.slice(0, start.length - end.length) + end;
  return { start, end };
}

function field(tag: string, value: string | undefined): string[] {
  if (value === undefined || value.trim() === '') return [];
  // A value's own line breaks go on untagged continuation lines; a line that would read as a tag
  // is indented by one space so no reader mistakes it for one.
  const [first, ...rest] = value.replace(/\r\n?/g, '\n').split('\n');
  return [`${tag}  - ${first}`, ...rest.map((line) => (TAG_LINE.test(line) ? ` ${line}` : line))];
}

function risName(name: string): string {
  const n = splitAuthorName(name);
  return 'literal' in n ? n.literal : `${n.family}, ${n.given}`;
}

export function recordToRis(r: ExportRecord): string[] {
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
    ...r.genes.flatMap((g) => field('KW', g)),
    ...field('AB', p.abstract),
    ...field('N1', r.note),
    'ER  - ',
  ];
}

export function writeRis(records: ExportRecord[]): string {
  return records.map((r) => recordToRis(r).join(EOL) + EOL).join(EOL);
}

export interface RisRecord {
  /** 1-based line of the record's TY. */
  line: number;
  /** Values in file order, per tag. */
  fields: Map<string, string[]>;
}

/**
 * Reads RIS as real files come: a BOM, CRLF or LF, text before the first record, one or two spaces
 * before the hyphen, values spread over continuation lines (joined with line breaks, blank lines
 * inside a value kept).
 */
export function readRis(text: string): RisRecord[] {
  const records: RisRecord[] = [];
  let current: RisRecord | null = null;
  let lastTag: string | null = null;
  let blanks = 0;
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const m = TAG_LINE.exec(raw);
    if (m) {
      const tag = m[1]!;
      const value = (m[2] ?? '').trimEnd();
      blanks = 0;
      if (tag === 'TY') {
        current = { line: i + 1, fields: new Map([['TY', [value]]]) };
        records.push(current);
        lastTag = 'TY';
      } else if (tag === 'ER') {
        current = null;
        lastTag = null;
      } else if (current) {
        const values = (current as RisRecord).fields.get(tag);
        if (values) values.push(value);
        else (current as RisRecord).fields.set(tag, [value]);
        lastTag = tag;
      }
      return;
    }
    if (!current || !lastTag) return;
    if (raw.trim() === '') {
      blanks++;
      return;
    }
    const values = (current as RisRecord).fields.get(lastTag)!;
    const line = raw.startsWith(' ') && TAG_LINE.test(raw.slice(1)) ? raw.slice(1) : raw;
    values[values.length - 1] += '\n'.repeat(blanks + 1) + line.trimEnd();
    blanks = 0;
  });
  return records;
}
