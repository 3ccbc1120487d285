import { shortAuthorName } from '../../authors';
import type { ImportWarning } from '../../model';
import { makePublication } from '../../publication';
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

const TAG_LINE = /^([A-Z][A-Z0-9]{1,3}) {0,2}-(?: (.*))?$/s;
/** The same, written with no space after the hyphen ("PMID-22664220"), as some tools do. */
const TIGHT_TAG_LINE = /^([A-Z][A-Z0-9]{1,3}) {0,2}-(\S.*)$/s;

/**
 * The tags NLM's MEDLINE display uses. A line with no space after its hyphen is read as a tag only
 * when the tag is one of these: "BRCA-associated" at the start of a copied line is text.
 */
const KNOWN_TAGS = new Set(
  'AB AD AID AU AUID BTI CI CIN CN COI COIS CON CP CRDT CRF CRI CTDT CTI DA DCOM DDIN DEP DP DRDT ECF ECI EDAT EFR EIN ED EN ERI ERR FAU FED FIR FPS GN GR GS IP IR IRAD IS ISBN JID JT LA LID LR MH MHDA MID OAB OABL OCI OID ORI OT OTO OWN PB PG PHST PL PMC PMCR PMID PMCID PS PST PT PUBM RF RIN RN ROF RPF RPI RRF RRI SB SFM SI SO SPIN STAT TA TI TT UIN UOF VI VTI'.split(' '),
);

/** Tags only MEDLINE writes (RIS shares TI, AU and AB): one of them in a file makes it MEDLINE. */
const MEDLINE_ONLY = /(?<=^|\n)(PMID|PMCR|OWN|STAT|FAU|DP|TA|JT|SO|LID|MH|BTI|PMC) {0,2}-/;

interface Field {
  tag: string;
  value: string;
  line: number;
}

/** A tag line: the tag padded to four columns, then "-". */
function tagOf(line: string): { tag: string; value: string } | null {
  if (line.indexOf('-') !== 4) return null;
  const m = TAG_LINE.exec(line);
  if (m) return { tag: m[1]!, value: (m[2] ?? '').trim() };
  const tight = TIGHT_TAG_LINE.exec(line);
  if (tight && KNOWN_TAGS.has(tight[1]!)) return { tag: tight[1]!, value: tight[2]!.trim() };
  return null;
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
    // trimEnd, not /\s+$/: that expression takes time in the square of a long run of spaces.
    const line = raw.trimEnd();
    if (line === '') {
      current = null;
      return;
    }
    const tagged = tagOf(line);
    if (tagged) {
      // A second PMID opens a record even with no blank line before it; the first may follow
      // another tag (a book's record opens with PMCR).
      if (!current || (tagged.tag === 'PMID' && current.some((f) => f.tag === 'PMID'))) {
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
  return MEDLINE_ONLY.test(lines) && /(?<=^|\n)(PMID|PMCR|TI|BTI|AU|FAU) {0,2}-/.test(lines) && !/(?<=^|\n)TY {2}-/.test(lines);
}

export const medline: ReferenceFormat<Field[]> = {
  id: 'medline',
  name: 'PubMed MEDLINE (.nbib)',
  extensions: ['nbib', 'medline', 'txt'],
  from: 'PubMed: Send to > Citation manager',
  kind: 'publications',
  detect: ({ text, json }) => json === undefined && looksLikeMedline(text),
  split(text) {
    // Every block of tag lines is a record, read or skipped with its line: a block with no title
    // (a record cut in two by a stray blank line) is counted and named, never dropped silently.
    const blocks = fieldBlocks(text);
    if (!blocks.some((block) => block.some((f) => ['PMID', 'PMCR', 'TI', 'BTI', 'AU', 'FAU'].includes(f.tag)))) {
      throw new FormatError('no MEDLINE record (a PMID- or TI- line) was found');
    }
    return blocks;
  },
  read: recordOf,
};

export function parseMedline(text: string): ParsedRecords {
  return readAll(medline, text);
}
