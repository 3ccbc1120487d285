import { shortAuthorName } from '../../authors';
import type { ImportWarning } from '../../model';
import { makePublication } from '../../publication';
import { textSource, type TextSource } from '../../text';
import { FormatError, readAll, type ParsedRecord, type ParsedRecords, type ReferenceFormat } from '../format';
import { cleanPmid, doiIn, meshFromText, splitLabelledSections, yearOf } from '../records';

/**
 * PubMed's MEDLINE format (the .nbib file "Send to: Citation manager" saves). Each line is a tag
 * in columns 1-4, a hyphen in column 5 and the value from column 7; a value carries on over lines
 * indented by six spaces; records are separated by blank lines. The column rule is what keeps a
 * wrapped line such as "O-linked glycans" or "IL-6 signalling" from being read as a tag.
 * No maintained MEDLINE parser exists on npm, so this one is small and tested against
 * NLM's element descriptions and JabRef's test files.
 */


/**
 * The tags NLM's MEDLINE display uses. A line with no space after its hyphen is read as a tag only
 * when the tag is one of these: "BRCA-associated" at the start of a copied line is text.
 */
const KNOWN_TAGS = new Set(
  'AB AD AID AU AUID BTI CI CIN CN COI COIS CON CP CRDT CRF CRI CTDT CTI DA DCOM DDIN DEP DP DRDT ECF ECI EDAT EFR EIN ED EN ERI ERR FAU FED FIR FPS GN GR GS IP IR IRAD IS ISBN JID JT LA LID LR MH MHDA MID OAB OABL OCI OID ORI OT OTO OWN PB PG PHST PL PMC PMCR PMID PMCID PS PST PT PUBM RF RIN RN ROF RPF RPI RRF RRI SB SFM SI SO SPIN STAT TA TI TT UIN UOF VI VTI'.split(' '),
);

/** Tags only MEDLINE writes (RIS shares TI, AU and AB): one of them in a file makes it MEDLINE. */
const MEDLINE_ONLY = /(?:^|\n)(PMID|PMCR|OWN|STAT|FAU|DP|TA|JT|SO|LID|MH|BTI|PMC) {0,2}-/;

interface Field {
  tag: string;
  line: number;
  /** Where the value is in the text: from after the tag to the end of its last continuation line. */
  start: number;
  end: number;
  /** Its lines: the tag line and those that carry it on. */
  lines: number;
}

/**
 * One record's block of tag lines, as splitting finds it: where it is in the text and the line it
 * starts on. Its fields are read from there when the record is read, so they live only as long as
 * that record's reading: made for the whole file at once (a million strings and objects for an
 * 80 MB export), they all outlived the young generation, and copying them there and into the old
 * one was a fifth of an import's time.
 */
interface Block {
  source: TextSource;
  /** From its first tag line to the blank line (or the second PMID line) that ends it. */
  start: number;
  end: number;
  line: number;
}

/**
 * The tags a record is read from. Splitting keeps only these: a real PubMed record carries a
 * hundred fields (affiliations, grant numbers, history dates) that would otherwise be stored and
 * joined only to be thrown away.
 */
const READ_TAGS = new Set(['PMID', 'PMCR', 'TI', 'BTI', 'FAU', 'AU', 'CN', 'LID', 'AID', 'PMC', 'TA', 'JT', 'PB', 'DP', 'VI', 'IP', 'PG', 'AB', 'PT', 'MH', 'OT']);
const OPENING_TAGS = ['PMID', 'PMCR', 'TI', 'BTI', 'AU', 'FAU'];

const isCapital = (c: number) => c >= 65 && c <= 90;
const isTagChar = (c: number) => isCapital(c) || (c >= 48 && c <= 57);

/** A tag of up to four capitals and digits as one number, so a line's tag is looked up without making a string of it. */
function codeOf(tag: string): number {
  let code = 0;
  for (let i = tag.length - 1; i >= 0; i--) code = code * 128 + tag.charCodeAt(i);
  return code;
}
const KNOWN_CODES = new Set([...KNOWN_TAGS].map(codeOf));
/** The tags read, by code, to the tag itself: one string per tag, not one per line. */
const READ_BY_CODE = new Map([...READ_TAGS].map((t) => [codeOf(t), t]));
const PMID_CODE = codeOf('PMID');
const OPENING_CODES = new Set(OPENING_TAGS.map(codeOf));

/** Where the value of the tag line tagCodeAt last recognised starts. */
let tagValueStart = 0;

/**
 * The tag of a tag line as a code (codeOf), 0 for any other line, with the value's start in
 * tagValueStart. A tag line is a capital, then one to three capitals or digits, padded with
 * spaces to four columns, "-" in column 5, then a space or the end. Read by hand: a regex with
 * captures (or even a string for the tag) on each of the million lines of an 80 MB file is most
 * of the time of splitting it. "PMID-22664220", with no space, counts only for NLM's own tags.
 */
function tagCodeAt(text: string, start: number, end: number): number {
  if (end - start < 5 || text.charCodeAt(start + 4) !== 45 || !isCapital(text.charCodeAt(start))) return 0;
  let code = text.charCodeAt(start);
  let scale = 128;
  let tagEnd = start + 1;
  for (; tagEnd < start + 4; tagEnd++) {
    const c = text.charCodeAt(tagEnd);
    if (!isTagChar(c)) break;
    code += c * scale;
    scale *= 128;
  }
  if (tagEnd < start + 2) return 0;
  for (let k = tagEnd; k < start + 4; k++) if (text.charCodeAt(k) !== 32) return 0;
  if (end - start === 5 || text.charCodeAt(start + 5) === 32) {
    tagValueStart = start + 6;
    return code;
  }
  if (!KNOWN_CODES.has(code)) return 0;
  tagValueStart = start + 5;
  return code;
}

function tagOf(line: string): { tag: string; value: string } | null {
  if (!tagCodeAt(line, 0, line.length)) return null;
  return { tag: line.slice(0, 4).trimEnd(), value: line.slice(tagValueStart).trim() };
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 13 || c === 11 || c === 12;

/** 'P': only a line starting with it (PMID) can end a block that no blank line ends. */
const P = 80;

/** Where the line starting at `start` ends, less trailing white space (and a CRLF file's CR). */
function trimmedEnd(text: string, start: number, end: number): number {
  // A loop, not /\s+$/, which takes time in the square of a long run of spaces.
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return end;
}

/**
 * Splits the text into blocks; text before the first tag is not part of any. A block opens at a
 * tag line and ends at a blank line, or where a second PMID line opens the next record even with
 * no blank line before it (the first PMID may follow another tag: a book's record opens with
 * PMCR). One pass with indexOf (no array of every line), which looks at little more than the
 * first character of a line inside a block: only a line starting with P can end one.
 */
function splitBlocks(source: TextSource): { blocks: Block[]; opened: boolean } {
  const { text } = source;
  const blocks: Block[] = [];
  let current: Block | null = null;
  let hasPmid = false;
  // Whether some block holds a tag a record opens with (otherwise this is no MEDLINE at all).
  let opened = false;
  let lineNo = 0;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    const lineStart = start;
    start = end + 1;
    // Inside a block, once a record's opening tag has been seen, a line that starts with neither
    // white space nor P is neither blank nor a PMID line: nothing more to see in it.
    const first = text.charCodeAt(lineStart);
    const passing = current !== null && opened && first !== P;
    if (passing && end > lineStart && !isSpace(first)) continue;
    const lineEnd = trimmedEnd(text, lineStart, end);
    if (lineEnd === lineStart) {
      if (current) current.end = lineStart;
      current = null;
      continue;
    }
    if (passing) continue;
    const code = tagCodeAt(text, lineStart, lineEnd);
    if (!code) continue;
    if (!current || (code === PMID_CODE && hasPmid)) {
      if (current) current.end = lineStart;
      current = { source, start: lineStart, end: text.length, line: lineNo };
      hasPmid = false;
      blocks.push(current);
    }
    if (code === PMID_CODE) hasPmid = true;
    if (!opened && OPENING_CODES.has(code)) opened = true;
  }
  return { blocks, opened };
}

/**
 * A block's fields, those GeneShelf reads: its lines looked at in place, so a line of a field that
 * is not read (affiliations are most of a record's bytes) is never copied.
 */
function fieldsOf(block: Block): Field[] {
  const { source, end: blockEnd } = block;
  const { text } = source;
  const fields: Field[] = [];
  // The field continuation lines belong to; null while inside a field that is not read.
  let last: Field | null = null;
  let lineNo = block.line - 1;
  for (let start = block.start; start < blockEnd; ) {
    let end = text.indexOf('\n', start);
    if (end < 0 || end > blockEnd) end = blockEnd;
    lineNo++;
    const lineStart = start;
    const lineEnd = trimmedEnd(text, lineStart, end);
    start = end + 1;
    const code = tagCodeAt(text, lineStart, lineEnd);
    if (code) {
      const tag = READ_BY_CODE.get(code);
      if (tag) {
        last = { tag, line: lineNo, start: tagValueStart, end: lineEnd, lines: 1 };
        fields.push(last);
      } else last = null;
      continue;
    }
    // Anything else inside a record carries the field on: MEDLINE indents it by six spaces, and a
    // copy that lost the indent must not lose the text.
    if (last) {
      last.end = lineEnd;
      last.lines++;
    }
  }
  return fields;
}

/**
 * A field's value: its lines, each trimmed, joined by spaces. Taken from the text in one piece
 * (one string, and for a UTF-8 file's bytes one decoding, for an abstract of 25 lines) and split
 * at its line ends, not line by line: adding to a growing string line by line would also cost
 * time in the square of a long abstract.
 */
function valueOf(source: TextSource, f: Field): string {
  const text = source.slice(f.start, f.end);
  if (f.lines === 1) return text.trim();
  return text
    .split('\n')
    .map((l) => l.trim())
    .join(' ')
    .trim();
}

function recordOf(block: Block, warnings: ImportWarning[]): ParsedRecord | null {
  const line = block.line;
  const fields = fieldsOf(block).map((f) => ({ tag: f.tag, line: f.line, value: valueOf(block.source, f) }));
  const byTag = new Map<string, string[]>();
  for (const f of fields) {
    if (f.value === '') continue;
    const values = byTag.get(f.tag);
    if (values) values.push(f.value);
    else byTag.set(f.tag, [f.value]);
  }
  const values = (tag: string) => byTag.get(tag) ?? [];
  const first = (tag: string) => byTag.get(tag)?.[0];

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
  // AID holds every article id ("S0006-4971(24)00123-4 [pii]"): only one marked as a DOI is one.
  const doi = values('LID').map(doiIn).find(Boolean) ?? values('AID').filter((v) => /\[doi\]|^doi:/i.test(v)).map(doiIn).find(Boolean);
  const pmcid = values('PMC')[0];
  const pmidField = fields.find((f) => f.tag === 'PMID' && f.value !== '');
  const publication = makePublication({
    pmid: cleanPmid(pmidField?.value, pmidField?.line, warnings),
    doi,
    pmcid: pmcid && /^PMC\d+$/.test(pmcid) ? pmcid : undefined,
    title: title.replace(/^\[(.*)\]\.?$/, '$1'),
    authors: authors.map((a) => a.short ?? shortAuthorName(a.full!)),
    authorsFull: authors.every((a) => a.full) ? authors.map((a) => a.full!) : undefined,
    // A book (BTI) is cited by its publisher, as PubMed does.
    journal: first('TA') ?? first('JT') ?? first('PB') ?? '',
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
    // OT lines are the authors' keywords, one per line.
    keywords: values('OT'),
  });
  return { publication, line };
}

/**
 * MEDLINE when the first tag lines are MEDLINE's: a bibliographic tag and one only MEDLINE writes.
 * A record may open with another tag than PMID (PMCR, for a book), and tools drop the space after
 * the hyphen; looking at the first lines only keeps a title that quotes a tag from deciding.
 */
export function looksLikeMedline(text: string): boolean {
  const head: string[] = [];
  for (const line of text.slice(0, 20_000).split('\n')) {
    const tagged = tagOf(line.trimEnd());
    if (tagged) head.push(line);
    if (head.length >= 40) break;
  }
  const lines = head.join('\n');
  return MEDLINE_ONLY.test(lines) && /(?:^|\n)(PMID|PMCR|TI|BTI|AU|FAU) {0,2}-/.test(lines) && !/(?:^|\n)TY {2}-/.test(lines);
}

/**
 * Every block of tag lines is a record, read or skipped with its line: a block with no title (a
 * record cut in two by a stray blank line) is counted and named, never dropped silently.
 */
function blocksOf(source: TextSource): Block[] {
  const { blocks, opened } = splitBlocks(source);
  if (!opened) throw new FormatError('no MEDLINE record (a PMID- or TI- line) was found');
  return blocks;
}

export const medline: ReferenceFormat<Block> = {
  id: 'medline',
  name: 'PubMed MEDLINE (.nbib)',
  extensions: ['nbib', 'medline', 'txt'],
  from: 'PubMed: Send to > Citation manager',
  kind: 'publications',
  detect: ({ text, json }) => json === undefined && looksLikeMedline(text),
  split: (text) => blocksOf(textSource(text)),
  // Tags, line ends and the spaces trimmed are ASCII; every value is taken through source.slice.
  splitSource: blocksOf,
  read: recordOf,
};

export function parseMedline(text: string): ParsedRecords {
  return readAll(medline, text);
}
