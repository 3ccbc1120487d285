import { shortAuthorName } from '../../authors';
import type { ImportWarning } from '../../model';
import { makePublication } from '../../publication';
import { FormatError, readAll, type ParsedRecord, type ParsedRecords, type ReferenceFormat } from '../format';
import { doiIn, meshFromText, splitLabelledSections, yearOf } from '../records';

/**
 * PubMed's MEDLINE format (the .nbib file "Send to: Citation manager" saves). Each line is a tag
 * in columns 1-4, a hyphen in column 5 and the value from column 7; a value carries on over lines
 * indented by six spaces; records are separated by blank lines. The column rule is what keeps a
 * wrapped line such as "O-linked glycans" or "IL-6 signalling" from being read as a tag.
 * No maintained MEDLINE parser exists on npm, so this one is small and tested against
 * NLM's element descriptions and JabRef's test files.
 */

const TAG_LINE = /^([A-Z][A-Z0-9]{1,3}) {0,2}-(?: (.*))?$/;

interface Field {
  tag: string;
  value: string;
  line: number;
}

/** A tag line: the tag padded to four columns, then "-". */
function tagOf(line: string): { tag: string; value: string } | null {
  const m = TAG_LINE.exec(line);
  if (!m || line.indexOf('-') !== 4) return null;
  return { tag: m[1]!, value: (m[2] ?? '').trim() };
}

/** Splits the text into records of fields; text before the first tag is not part of any. */
function fieldBlocks(text: string): Field[][] {
  const blocks: Field[][] = [];
  let current: Field[] | null = null;
  // A value's lines are gathered and joined once at the end: appending to a growing string line
  // by line would make a long wrapped abstract cost time in the square of its length.
  const continued = new Map<Field, string[]>();
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.replace(/\s+$/, '');
    if (line === '') {
      current = null;
      return;
    }
    const tagged = tagOf(line);
    if (tagged) {
      // PMID always opens a record, even with no blank line before it.
      if (!current || tagged.tag === 'PMID') {
        current = [];
        blocks.push(current);
      }
      current.push({ ...tagged, line: i + 1 });
      return;
    }
    // Anything else inside a record carries the field on: MEDLINE indents it by six spaces, and a
    // copy that lost the indent must not lose the text.
    const last = current?.at(-1);
    if (!last) return;
    const parts = continued.get(last);
    if (parts) parts.push(line.trim());
    else continued.set(last, [line.trim()]);
  });
  for (const [field, parts] of continued) field.value = [field.value, ...parts].join(' ').trim();
  return blocks;
}

function recordOf(fields: Field[], warnings: ImportWarning[]): ParsedRecord | null {
  const line = fields[0]!.line;
  const values = (tag: string) => fields.filter((f) => f.tag === tag && f.value !== '').map((f) => f.value);
  const first = (tag: string) => values(tag)[0];

  const titles = fields.filter((f) => (f.tag === 'TI' || f.tag === 'BTI') && f.value !== '');
  const title = titles[0]?.value;
  if (!title) {
    const pmid = first('PMID');
    warnings.push({ message: `the record${pmid ? ` for PMID ${pmid}` : ''} has no title (TI) and was skipped`, line });
    return null;
  }
  for (const extra of titles.slice(1)) warnings.push({ message: `a second title (${extra.tag}) in one record was left out`, line: extra.line });

  // FAU carries the full name and is followed by its AU; either may stand alone.
  const authors: Array<{ short?: string; full?: string }> = [];
  for (const f of fields) {
    if (!f.value) continue;
    if (f.tag === 'FAU') authors.push({ full: f.value });
    else if (f.tag === 'AU') {
      const last = authors.at(-1);
      if (last && last.full && !last.short) last.short = f.value;
      else authors.push({ short: f.value });
    } else if (f.tag === 'CN') authors.push({ short: f.value, full: f.value });
  }
  const doi = values('LID').map(doiIn).find(Boolean) ?? values('AID').filter((v) => /\[doi\]/.test(v)).map(doiIn).find(Boolean);
  const pmcid = values('PMC')[0];
  const publication = makePublication({
    pmid: first('PMID'),
    doi,
    pmcid: pmcid && /^PMC\d+$/.test(pmcid) ? pmcid : undefined,
    title: title.replace(/^\[(.*)\]\.?$/, '$1'),
    authors: authors.map((a) => a.short ?? shortAuthorName(a.full!)),
    authorsFull: authors.every((a) => a.full) ? authors.map((a) => a.full!) : undefined,
    journal: first('TA') ?? first('JT') ?? '',
    journalTitle: first('JT'),
    year: yearOf(first('DP')),
    volume: first('VI'),
    issue: first('IP'),
    pages: first('PG'),
    // Repeated AB lines are paragraphs of one abstract.
    abstract: values('AB').map(splitLabelledSections).join('\n'),
    freeFullText: !!pmcid,
    publicationTypes: values('PT'),
    mesh: values('MH').map(meshFromText),
  });
  return { publication, line };
}

export function looksLikeMedline(text: string): boolean {
  return /^PMID- ?\d+/m.test(text) && /^(TI|FAU|AU|DP|TA) {0,2}- /m.test(text);
}

export const medline: ReferenceFormat<Field[]> = {
  id: 'medline',
  name: 'PubMed MEDLINE (.nbib)',
  extensions: ['nbib', 'medline', 'txt'],
  from: 'PubMed: Send to > Citation manager',
  kind: 'publications',
  detect: ({ text, json }) => json === undefined && looksLikeMedline(text),
  split(text) {
    // A block with no bibliographic tag is prose before the first record, not a record.
    const blocks = fieldBlocks(text).filter((block) => block.some((f) => ['PMID', 'TI', 'BTI', 'AU', 'FAU'].includes(f.tag)));
    if (blocks.length === 0) throw new FormatError('no MEDLINE record (a PMID- or TI- line) was found');
    return blocks;
  },
  read: recordOf,
};

export function parseMedline(text: string): ParsedRecords {
  return readAll(medline, text);
}
