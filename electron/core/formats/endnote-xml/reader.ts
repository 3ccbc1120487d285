import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { shortAuthorName, splitAuthorName } from '../../authors';
import type { ImportWarning, MeshHeading } from '../../model';
import { makePublication } from '../../publication';
import { LineIndex } from '../../text';
import { FormatError, readAll, type ParsedRecord, type ParsedRecords, type ReferenceFormat } from '../format';
import { doiIn, meshFromText, splitLabelledSections, yearOf } from '../records';
import { all, decodeEntities, obj, rawContent, type XmlNode } from '../xml';

/**
 * EndNote XML, as EndNote X7 to 21 write it (File > Export > XML): <xml><records><record>...
 * Each record is validated and parsed on its own (fast-xml-parser), so one broken record is
 * skipped with its line and the rest import. Every text field may be plain or split into styled
 * runs (<style face="italic">); the fields read are stop nodes, taken raw and reduced to text, so
 * runs join in their order and no space is lost at a run's edge.
 */

// Every text field read below. Anything else in a record is parsed as it comes and ignored.
const TEXT_FIELDS = [
  'rec-number',
  'title',
  'secondary-title',
  'full-title',
  'abbr-1',
  'author',
  'keyword',
  'pages',
  'volume',
  'number',
  'year',
  'date',
  'accession-num',
  'electronic-resource-num',
  'abstract',
  'notes',
  'research-notes',
  'url',
  'remote-database-name',
  'remote-database-provider',
  ...[1, 2, 3, 4, 5, 6, 7].map((n) => `custom${n}`),
];

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  stopNodes: TEXT_FIELDS.map((f) => `*.${f}`),
});

type Node = XmlNode;

/**
 * A stop node's raw content as text: styled runs joined, tags dropped, entities decoded. Space
 * that only separates elements (a pretty-printer's indentation) counts as one space, not as a
 * line break. Line breaks (a newline, or EndNote's &#xD;) come back as "\n".
 */
function rawText(raw: unknown): string {
  const value = rawContent(raw);
  // CDATA is literal text: kept apart from tag stripping and entity decoding.
  return value
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) =>
      part.startsWith('<![CDATA[')
        ? part.slice(9, -3)
        : decodeEntities(
            part
              .replace(/(^|>)\s+(?=<|$)/g, '$1 ')
              .replace(/<[^>]*>/g, ''),
          ),
    )
    .join('')
    .replace(/\r\n?/g, '\n');
}

/** One line of text: titles, names, numbers. */
const textLine = (raw: unknown): string => rawText(raw).replace(/\s+/g, ' ').trim();
/** Each occurrence of a field, as one line of text, empty ones left out. */
const textLines = (v: unknown): string[] => all(v).map(textLine).filter(Boolean);
const first = (v: unknown): string | undefined => textLines(v)[0];

/** Paragraphs kept, one per line; a one-paragraph structured abstract split at its labels. */
function abstractOf(raw: unknown): string {
  const paragraphs = rawText(raw)
    .split('\n')
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  // As the RIS reader does: line breaks in the source are its own layout and are trusted as
  // they are, so EndNote's XML and RIS exports of one library give the same abstract.
  return paragraphs.length === 1 ? splitLabelledSections(paragraphs[0]!) : paragraphs.join('\n');
}

/**
 * "Mullighan, C. G." is a person: short form and full form. A name with no comma is a group
 * ("Children's Oncology Group"), kept as it is in both, unless it is already PubMed's short form
 * ("Mullighan CG"), whose full form is then unknown. EndNote users mark a group with a trailing
 * comma ("Children's Oncology Group,") so EndNote does not split it: that comma is dropped.
 */
function authorsOf(names: string[]): { short: string[]; full: string[] | undefined } {
  const short: string[] = [];
  const full: string[] = [];
  let allFull = true;
  for (const name of names) {
    const group = /^(.*?)\s*,\s*$/.exec(name)?.[1];
    if (group !== undefined || !name.includes(',')) {
      const literal = group ?? name;
      if (!literal) continue;
      short.push(literal);
      full.push(literal);
      if (group === undefined && 'family' in splitAuthorName(literal)) allFull = false;
      continue;
    }
    short.push(shortAuthorName(name));
    full.push(name);
  }
  return { short, full: allFull && full.length ? full : undefined };
}

const PUBMED_URL = /\bpubmed\.ncbi\.nlm\.nih\.gov\/(\d{1,9})\b|\bncbi\.nlm\.nih\.gov\/pubmed\/(\d{1,9})\b/i;
const PMCID_IN = /\b(PMC\d{1,12})\b/;

/** What a record holds, as text. */
export interface EndnoteFields {
  recNumber?: string;
  refType?: string;
  title?: string;
  authors: string[];
  journal?: string;
  journalTitle?: string;
  year?: number;
  volume?: string;
  issue?: string;
  pages?: string;
  doi?: string;
  pmid?: string;
  pmcid?: string;
  abstract: string;
  keywords: string[];
}

export function endnoteFields(record: Node): EndnoteFields {
  const titles = obj(record.titles);
  const periodical = obj(record.periodical);
  const dates = obj(record.dates);
  const urls = obj(record.urls);
  const urlList = Object.values(urls).flatMap((group) => all(group).flatMap((g) => textLines(obj(g).url)));
  const relatedUrls = all(urls['related-urls']).flatMap((g) => textLines(obj(g).url));

  const abbreviation = first(periodical['abbr-1']);
  const fullTitle = first(periodical['full-title']);
  const secondaryTitle = first(titles['secondary-title']);
  const journal = abbreviation ?? fullTitle ?? secondaryTitle;

  // Digits alone are an accession number of any database (Embase's are digits too): a PMID only
  // when the record says it came from PubMed.
  const origin = [...textLines(record['remote-database-name']), ...textLines(record['remote-database-provider'])];
  const fromPubmedUrl = relatedUrls.map((u) => PUBMED_URL.exec(u)).find(Boolean);
  const isPubmed = origin.some((o) => /pubmed|medline|\bnlm\b/i.test(o)) || !!fromPubmedUrl;
  const accession = first(record['accession-num']);
  const pmid = (isPubmed && accession && /^\d{1,9}$/.test(accession) ? accession : undefined) ?? (fromPubmedUrl ? (fromPubmedUrl[1] ?? fromPubmedUrl[2]) : undefined);

  const customs = [1, 2, 3, 4, 5, 6, 7].flatMap((n) => textLines(record[`custom${n}`]));
  const pmcid = [...customs, ...textLines(record.notes), ...textLines(record['research-notes']), ...urlList].map((v) => PMCID_IN.exec(v)?.[1]).find(Boolean);

  const refType = obj(record['ref-type'])['@name'];
  return {
    recNumber: first(record['rec-number']),
    refType: typeof refType === 'string' ? refType.trim() || undefined : undefined,
    title: first(titles.title),
    authors: textLines(obj(obj(record.contributors).authors).author),
    journal,
    journalTitle: [fullTitle, secondaryTitle].find((t) => t && t !== journal),
    year: yearOf(first(dates.year)) ?? yearOf(first(obj(dates['pub-dates']).date)),
    volume: first(record.volume),
    issue: first(record.number),
    pages: first(record.pages)?.replace(/\s*[-‐‑–—]\s*/g, '-'),
    doi: doiIn(first(record['electronic-resource-num'])) ?? urlList.map(doiIn).find(Boolean),
    pmid,
    pmcid,
    abstract: all(record.abstract).map(abstractOf).filter(Boolean).join('\n'),
    // EndNote puts one keyword in each <keyword>, or, from some sources, a list in one of them.
    keywords: all(obj(record.keywords).keyword).flatMap((k) => rawText(k).split(/\n|;/)).map((k) => k.replace(/\s+/g, ' ').trim()).filter(Boolean),
  };
}

function recordToPublication(record: Node, line: number, warnings: ImportWarning[]): ParsedRecord | null {
  const f = endnoteFields(record);
  if (!f.title) {
    warnings.push({ message: `the record${f.recNumber ? ` (EndNote record number ${f.recNumber})` : ''} has no title and was skipped`, line });
    return null;
  }
  const { short, full } = authorsOf(f.authors);
  return {
    line,
    publication: makePublication({
      pmid: f.pmid,
      doi: f.doi,
      pmcid: f.pmcid,
      title: f.title,
      authors: short,
      authorsFull: full,
      journal: f.journal ?? '',
      journalTitle: f.journalTitle,
      year: f.year,
      volume: f.volume,
      issue: f.issue,
      pages: f.pages,
      abstract: f.abstract,
      freeFullText: !!f.pmcid,
      // EndNote's reference type says when an item is not a journal article (a book section, a
      // thesis), which the journal field does not show. "Journal Article", the usual case, is
      // left out: it says nothing, and present it would stop a later PubMed import from filling
      // in PubMed's own types (Review, Clinical Trial) where the field is empty.
      publicationTypes: f.refType && f.refType !== 'Journal Article' ? [f.refType] : undefined,
      ...keywordsAndMesh(f.keywords),
    }),
  };
}

/**
 * EndNote keeps a PubMed record's MeSH headings in its keywords, written as MEDLINE writes them
 * ("Ikaros Transcription Factor/*genetics", "*Gene Deletion"). When any keyword is in that
 * notation, the record's keywords are its MeSH headings and are read as such; otherwise they are
 * the authors' keywords.
 */
function keywordsAndMesh(keywords: string[]): { keywords?: string[]; mesh?: MeshHeading[] } {
  if (keywords.some((k) => /^\*|\/\*?[A-Za-z]/.test(k))) return { mesh: keywords.map(meshFromText) };
  return { keywords };
}

/** The document opens with <xml><records>, after an XML declaration or other processing instructions. */
export function looksLikeEndnoteXml(text: string): boolean {
  return /^\ufeff?\s*(?:<\?[^>]*\?>\s*)*<xml(?=[\s>])[^>]*>\s*<records(?=[\s>])[^>]*>/.test(text.slice(0, 65536));
}

interface RecordChunk {
  xml: string;
  kind: 'record' | 'cut-off';
  line: number;
  /** 1-based column where the record starts: EndNote writes a whole library on one line. */
  column: number;
  batch?: Batch;
}

/**
 * Records are validated and parsed BATCH at a time, as one document: fast-xml-parser builds a
 * parser of its own on each call (its entity tables), which for records of half a KB was most of
 * the time (a 784 KB file of 1,424 records took 1.25 s to preview). A batch that is not
 * well-formed whole, or does not give one record per chunk, is read record by record, so the
 * broken one is skipped with its line and the rest read.
 */
const BATCH = 100;
interface Batch {
  chunks: RecordChunk[];
  parsed?: Map<RecordChunk, Node>;
}

function parseBatch(batch: Batch): Map<RecordChunk, Node> {
  const out = new Map<RecordChunk, Node>();
  const xml = `<records>${batch.chunks.map((c) => c.xml).join('')}</records>`;
  if (XMLValidator.validate(xml) !== true) return out;
  let records: unknown[];
  try {
    records = all(obj(obj(parser.parse(xml)).records).record);
  } catch {
    return out;
  }
  // Taken whole only when each chunk gave its own record (a record left open would nest the next).
  if (records.length !== batch.chunks.length) return out;
  batch.chunks.forEach((c, i) => out.set(c, obj(records[i])));
  return out;
}

/** The validator counts from the chunk's start; a warning names places in the file. */
function inFile(message: string, chunk: RecordChunk): string {
  return message.replace(/\bline (\d+), col (\d+)/g, (_, l: string, c: string) => {
    const line = Number(l);
    return `line ${chunk.line + line - 1}, col ${line === 1 ? chunk.column + Number(c) - 1 : Number(c)}`;
  });
}

export const endnoteXml: ReferenceFormat<RecordChunk> = {
  id: 'endnote-xml',
  name: 'EndNote XML',
  extensions: ['xml'],
  from: 'EndNote: File > Export > XML',
  kind: 'publications',
  detect: ({ text, json }) => json === undefined && looksLikeEndnoteXml(text),
  split(source) {
    // A linear scan. A record runs from its <record> to its </record>, or, when it never closes,
    // to the next <record>, so a record left open costs itself and not the one after it. The next
    // close is found once and reused until the scan passes it. ([^<>]* stops at the next tag, so
    // a "<record" with no ">" is not rescanned to the end of the file.)
    const chunks: RecordChunk[] = [];
    const lines = new LineIndex(source);
    const open = /<record(?=[\s/>])[^<>]*>/g;
    let close = -1; // Infinity once no "</record>" is left
    let m = open.exec(source);
    while (m) {
      const start = m.index;
      const { line, column } = lines.at(start);
      const openEnd = open.lastIndex;
      const next = open.exec(source);
      if (m[0].endsWith('/>')) {
        chunks.push({ xml: m[0], kind: 'record', line, column });
      } else {
        if (close < openEnd) {
          const found = source.indexOf('</record>', openEnd);
          close = found < 0 ? Infinity : found;
        }
        if (close === Infinity && !next) {
          // Opened and never closed, the last in the file: it was cut off here.
          chunks.push({ xml: '', kind: 'cut-off', line, column });
          break;
        }
        // Ends at its close, or where the next record opens (never past it: "</record>" and
        // "<record" cannot overlap).
        const end = !next || close < next.index ? close + '</record>'.length : next.index;
        chunks.push({ xml: source.slice(start, end), kind: 'record', line, column });
      }
      m = next;
    }
    if (chunks.length === 0) throw new FormatError('no EndNote record (a <record> element) was found');
    const records = chunks.filter((c) => c.kind === 'record');
    for (let i = 0; i < records.length; i += BATCH) {
      const batch: Batch = { chunks: records.slice(i, i + BATCH) };
      for (const c of batch.chunks) c.batch = batch;
    }
    return chunks;
  },
  read(chunk, warnings) {
    if (chunk.kind === 'cut-off') {
      warnings.push({ message: 'the last record is cut off (it never closes) and was skipped', line: chunk.line });
      return null;
    }
    if (chunk.batch) {
      chunk.batch.parsed ??= parseBatch(chunk.batch);
      const record = chunk.batch.parsed.get(chunk);
      if (record) return recordToPublication(record, chunk.line, warnings);
    }
    const valid = XMLValidator.validate(chunk.xml);
    if (valid !== true) {
      warnings.push({ message: `this record is not well-formed XML (${inFile(valid.err.msg, chunk)}) and was skipped`, line: chunk.line + valid.err.line - 1 });
      return null;
    }
    let record: Node;
    try {
      record = obj(all(obj(parser.parse(chunk.xml)).record)[0]);
    } catch (error) {
      warnings.push({ message: `this record could not be read (${error instanceof Error ? error.message : String(error)}) and was skipped`, line: chunk.line });
      return null;
    }
    return recordToPublication(record, chunk.line, warnings);
  },
};

export function parseEndnoteXml(source: string): ParsedRecords {
  return readAll(endnoteXml, source);
}
