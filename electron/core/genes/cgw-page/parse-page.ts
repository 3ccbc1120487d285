import type { DatabaseRef, Gene, ImportWarning, Publication, SpecificCancer, YearCount } from '../../model';
import { makePublication } from '../../publication';
import { normaliseText } from '../../text';
import { canonicalDatabaseName } from '../../links';
import { FormatError } from '../../formats';
import { SYMBOL_PATTERN } from '../../../shared/ids';
import { looksLikeCitation, parseCitation } from './citation';
import { parsePageDate } from './dates';
import { isCutOff } from '../currency';

/**
 * Reader for a Cancer Genetics Web gene page saved as plain text (the seed's format).
 *
 * The page is a sequence of sections found by their headings; any of them may be missing or
 * empty, and the file may be cut off anywhere. Each line keeps its 1-based number so warnings
 * can point at it. What is whole is imported; what is not becomes a warning.
 */

export interface PageParseResult {
  gene: Gene;
  warnings: ImportWarning[];
}

type Section =
  | 'title'
  | 'summary'
  | 'ontology'
  | 'overview'
  | 'indicators'
  | 'perYear'
  | 'literature'
  | 'specific'
  | 'publications'
  | 'footer';

interface Line {
  no: number;
  text: string;
}

const HEADINGS: Array<[RegExp, Section]> = [
  [/^Gene Summary:?$/i, 'summary'],
  [/^Ontology:?$/i, 'ontology'],
  [/^Cancer Overview:?$/i, 'overview'],
  [/^Research Indicators:?$/i, 'indicators'],
  [/^Publications Per Year\b/i, 'perYear'],
  [/^Literature Analysis:?$/i, 'literature'],
  [/^Specific Cancers\b/i, 'specific'],
  [/^Latest Publications\b/i, 'publications'],
  [/^Disclaimer:/i, 'footer'],
  [/^Cite this page:/i, 'footer'],
];

const SUMMARY_KEYS = ['Gene', 'Aliases', 'Location', 'Summary', 'Databases', 'Protein', 'Source'] as const;
type SummaryKey = (typeof SUMMARY_KEYS)[number];
const SUMMARY_KEY_RE = new RegExp(`^(${SUMMARY_KEYS.join('|')})\\s*:\\s*(.*)$`, 'i');

const BULLET_RE = /^\s*[•·▪◦*\-–]\s+(.+)$/;

/**
 * Runs of spaces and tabs longer than any layout needs become one tab (still a table's cell
 * separator). An expression that starts with optional spaces before a comma retries a run from
 * each of its positions, so a 60,000-space run took seconds; bounded runs keep each one linear.
 */
const LONG_SPACE_RUN = /[ \t]{16,}/g;

export function parseCgwPage(rawText: string): PageParseResult {
  const text = normaliseText(rawText).replace(LONG_SPACE_RUN, '\t');
  // trimEnd, not /\s+$/: that expression takes time in the square of a long run of spaces.
  const lines: Line[] = text.split('\n').map((t, i) => ({ no: i + 1, text: t.trimEnd() }));
  const warnings: ImportWarning[] = [];

  const sections = new Map<Section, Line[]>();
  const headingLine = new Map<Section, Line>();
  let current: Section = 'title';
  for (const line of lines) {
    const trimmed = line.text.trim();
    const heading = HEADINGS.find(([re]) => re.test(trimmed));
    if (heading && !(current === 'footer' && heading[1] === 'footer')) {
      current = heading[1];
      if (!headingLine.has(current)) headingLine.set(current, { no: line.no, text: trimmed });
      if (current !== 'footer') continue; // footer headings carry content on their own line
    }
    const bucket = sections.get(current) ?? [];
    bucket.push(line);
    sections.set(current, bucket);
  }
  const get = (s: Section): Line[] => sections.get(s) ?? [];

  // Summary fields may also stand before the first heading, where a page lost its headings.
  const summary = readSummary([...get('title'), ...get('summary')]);
  const titleSymbol = get('title').map((l) => l.text.trim()).find((t) => t.length > 0);
  const geneField = summary.get('Gene');
  const [fieldSymbol, ...nameParts] = (geneField?.value ?? '').split(';');
  const symbol = (fieldSymbol ?? '').trim() || (titleSymbol && SYMBOL_PATTERN.test(titleSymbol) ? titleSymbol : '');
  if (!symbol) {
    throw new FormatError(
      headingLine.has('summary')
        ? 'the Gene Summary has no "Gene:" line, so the gene symbol is unknown'
        : 'not a Cancer Genetics Web gene page: no "Gene Summary" section or "Gene:" line was found',
      headingLine.get('summary')?.no,
    );
  }
  if (!SYMBOL_PATTERN.test(symbol)) {
    throw new FormatError(`"${symbol.slice(0, 60)}" is not a gene symbol`, geneField?.line);
  }

  const source = readSource(summary.get('Source')?.value ?? '');
  const gene: Gene = {
    symbol,
    name: nameParts.join(';').trim(),
    aliases: splitList(summary.get('Aliases')?.value ?? ''),
    location: (summary.get('Location')?.value ?? '').trim(),
    summary: (summary.get('Summary')?.value ?? '').trim(),
    protein: (summary.get('Protein')?.value ?? '').trim(),
    databases: splitList(summary.get('Databases')?.value ?? '').map((name): DatabaseRef => ({ name: canonicalDatabaseName(name) })),
    ontology: readOntology(get('ontology')),
    cancerOverview: readOverview(get('overview')),
    specificCancers: readSpecificCancers(get('specific'), headingLine.get('specific'), warnings),
    ...listedCount(headingLine.get('specific')),
    literatureTerms: get('literature')
      .map((l) => BULLET_RE.exec(l.text)?.[1]?.trim())
      .filter((t): t is string => !!t)
      .map((term) => ({ term, weight: 1 })),
    provenance: {},
    publications: [],
  };
  if (source.source) gene.provenance.source = source.source;
  if (source.accessed) gene.provenance.sourceAccessed = source.accessed;
  const perYear = readPerYear(get('perYear'));
  if (perYear.length > 0) gene.publicationsPerYear = perYear;
  Object.assign(gene.provenance, readFooter(get('footer')));

  gene.publications = readPublications(get('publications'), warnings);
  const seen = new Set<string>();
  gene.publications = gene.publications.filter((p) => {
    if (seen.has(p.id)) {
      warnings.push({ message: `"${p.title.slice(0, 80)}" appears twice; the second copy was skipped` });
      return false;
    }
    seen.add(p.id);
    return true;
  });

  if (!headingLine.has('footer')) {
    const last = lines.filter((l) => l.text.trim()).at(-1);
    warnings.push({
      message: 'the page ends before its footer (licence and revision date): the file may be cut off, so anything after the last complete publication is missing',
      ...(last ? { line: last.no } : {}),
    });
  }
  return { gene, warnings };
}

function readSummary(lines: Line[]): Map<SummaryKey, { value: string; line: number }> {
  const fields = new Map<SummaryKey, { value: string; line: number }>();
  let last: SummaryKey | undefined;
  for (const line of lines) {
    const m = SUMMARY_KEY_RE.exec(line.text.trim());
    if (m) {
      const key = SUMMARY_KEYS.find((k) => k.toLowerCase() === m[1]!.toLowerCase())!;
      fields.set(key, { value: m[2]!.trim(), line: line.no });
      last = key;
    } else if (last && line.text.trim()) {
      // A wrapped field: the summary paragraph or a long alias list carried onto the next line.
      const field = fields.get(last)!;
      field.value += (last === 'Summary' ? '\n' : ' ') + line.text.trim();
    }
  }
  return fields;
}

function splitList(value: string): string[] {
  return value
    .split(/\s*[,;]\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function readSource(value: string): { source?: string; accessed?: string } {
  const m = /^(.*?)\s*Accessed:?\s*(.*)$/i.exec(value.trim());
  if (!m) return value.trim() ? { source: value.trim() } : {};
  const out: { source?: string; accessed?: string } = {};
  if (m[1]) out.source = m[1].trim();
  const accessed = parsePageDate(m[2] ?? '');
  if (accessed) out.accessed = accessed;
  return out;
}

function readOntology(lines: Line[]): { count: number; terms: string[] } {
  const terms = lines.map((l) => BULLET_RE.exec(l.text)?.[1]?.trim()).filter((t): t is string => !!t);
  let count = terms.length;
  for (const line of lines) {
    const m = /^Show\s*\((\d+)\)/i.exec(line.text.trim()) ?? /\((\d+)\)\s*$/.exec(line.text.trim());
    if (m) count = Math.max(count, Number(m[1]));
  }
  return { count, terms };
}

function readOverview(lines: Line[]): string {
  return lines
    .map((l) => l.text.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const YEAR_COUNT_RE = /^((?:19|20)\d{2})\s*(?:[:=\t]|\s)\s*(\d+)$/;

function readPerYear(lines: Line[]): YearCount[] {
  const series: YearCount[] = [];
  for (const line of lines) {
    const m = YEAR_COUNT_RE.exec(line.text.trim());
    if (m) series.push({ year: Number(m[1]), count: Number(m[2]) });
  }
  return series.sort((a, b) => a.year - b.year);
}

/** The count a section heading gives ("Specific Cancers (1)"), kept so a reader knows when rows are missing. */
function listedCount(heading: Line | undefined): { specificCancersListed?: number } {
  const count = heading ? /\((\d{1,6})\)/.exec(heading.text)?.[1] : undefined;
  return count === undefined ? {} : { specificCancersListed: Number(count) };
}

function readSpecificCancers(lines: Line[], heading: Line | undefined, warnings: ImportWarning[]): SpecificCancer[] {
  const rows: SpecificCancer[] = [];
  for (const line of lines) {
    const t = line.text.trim();
    if (!t || /^(Data table showing|Note:|Scope includes)/i.test(t)) continue;
    const cells = t
      .split(/\t+|\s{2,}|\s\|\s/)
      .map((c) => c.trim())
      .filter(Boolean);
    const papersCell = cells.at(-1) ?? '';
    if (cells.length < 2 || !/^\d+$/.test(papersCell)) {
      if (/\bpapers?\b/i.test(papersCell)) continue; // the table's header row
      warnings.push({ message: `a Specific Cancers row was not understood: "${t.slice(0, 80)}"`, line: line.no });
      continue;
    }
    const row: SpecificCancer = { cancer: cells[0]!, papers: Number(papersCell) };
    if (cells.length > 2) row.topic = cells.slice(1, -1).join(' ');
    rows.push(row);
  }
  const announced = listedCount(heading).specificCancersListed;
  if (announced !== undefined && Number(announced) !== rows.length) {
    warnings.push({
      message: `Specific Cancers says ${announced} but the text holds ${rows.length} row${rows.length === 1 ? '' : 's'} (the table may not have been saved with the page)`,
      line: heading!.no,
    });
  }
  return rows;
}

function readFooter(lines: Line[]): Partial<Gene['provenance']> {
  const out: Partial<Gene['provenance']> = {};
  for (const { text } of lines) {
    const t = text.trim();
    const cite = /^Cite this page:\s*(.*?)\s*(https?:\/\/\S+)/i.exec(t);
    if (cite) {
      out.pageUrl = cite[2]!.replace(/[.,;)]+$/, '');
      const attribution = cite[1]!.replace(/[:\s]+$/, '').trim();
      if (attribution) out.attribution = attribution;
    }
    const disclaimer = /^Disclaimer:\s*(.+)$/i.exec(t);
    if (disclaimer) out.disclaimer = disclaimer[1]!.trim();
    if (/^Note:.*\bcopyright\b/i.test(t)) {
      const note = t.replace(/^Note:\s*/i, '');
      out.rightsNote = note.charAt(0).toUpperCase() + note.slice(1);
    }
    const licence = /licensed under (?:a |the )?(Creative Commons ([A-Za-z-]+(?:[- ][A-Za-z]+)*?) (\d\.\d)(?: [A-Za-z]+)? License)/i.exec(t);
    if (licence) out.license = creativeCommonsCode(licence[2]!, licence[3]!) ?? licence[1]!;
    const revised = /Page last revised:\s*(.+?)(?:\s{2,}|\t|$)/i.exec(t);
    if (revised) {
      const date = parsePageDate(revised[1]!);
      if (date) out.pageRevised = date;
    }
  }
  return out;
}

/** "Attribution-ShareAlike", "4.0" -> "CC BY-SA 4.0". */
function creativeCommonsCode(elements: string, version: string): string | undefined {
  const codes: Record<string, string> = { attribution: 'BY', noncommercial: 'NC', sharealike: 'SA', noderivatives: 'ND', noderivs: 'ND' };
  const parts = elements
    .toLowerCase()
    .split(/[- ]+/)
    .filter((p) => p !== 'international');
  const mapped = parts.map((p) => codes[p]);
  if (mapped.length === 0 || mapped.some((c) => !c)) return undefined;
  return `CC ${mapped.join('-')} ${version}`;
}

/** Splits the publication section into blocks separated by blank lines. */
function blocksOf(lines: Line[]): Line[][] {
  const blocks: Line[][] = [];
  let block: Line[] = [];
  for (const line of lines) {
    if (line.text.trim() === '') {
      if (block.length) blocks.push(block);
      block = [];
    } else {
      block.push({ no: line.no, text: line.text.trim() });
    }
  }
  if (block.length) blocks.push(block);
  return blocks;
}

function readPublications(lines: Line[], warnings: ImportWarning[]): Publication[] {
  const pubs: Publication[] = [];
  // Paragraphs that follow a publication's abstract after a blank line, joined to it once at the
  // end: joining at each paragraph copied the growing abstract every time (a page with an
  // abstract of hundreds of paragraphs took seconds).
  const more = new Map<Publication, string[]>();
  for (const block of blocksOf(lines)) {
    const citeAt = block.findIndex((l, i) => i > 0 && looksLikeCitation(l.text));
    if (citeAt < 0) {
      const previous = pubs.at(-1);
      if (previous && block.length > 0 && !looksLikeAuthors(block[0]!.text)) {
        // An abstract written in paragraphs: a blank line inside it, not a new publication.
        const paragraphs = more.get(previous) ?? [];
        if (!more.has(previous)) more.set(previous, paragraphs);
        for (const l of block) paragraphs.push(l.text);
        continue;
      }
      warnings.push({
        message: `a publication starting "${block[0]!.text.slice(0, 60)}" has no journal citation (the file may be cut off); it was skipped`,
        line: block[0]!.no,
      });
      continue;
    }
    const citationLine = block[citeAt]!;
    const citation = parseCitation(citationLine.text);
    if (!citation) {
      warnings.push({ message: `the citation "${citationLine.text.slice(0, 80)}" was not understood; the publication was skipped`, line: citationLine.no });
      continue;
    }
    const head = block.slice(0, citeAt).map((l) => l.text);
    const { authors, etAl } = citeAt >= 2 ? parseAuthors(head[0]!) : { authors: [], etAl: false };
    const title = (citeAt >= 2 ? head.slice(1) : head).join(' ').trim();
    const pub = makePublication({
      authors,
      etAl,
      title,
      journal: citation.journal,
      freeFullText: citation.freeFullText,
      abstract: block
        .slice(citeAt + 1)
        .map((l) => l.text)
        .join('\n'),
      year: citation.year,
      volume: citation.volume,
      issue: citation.issue,
      pages: citation.pages,
      pmid: citation.pmid,
      doi: citation.doi,
    });
    // The page ends every title with a full stop; one without was cut short when the page was
    // saved (a superscript or a symbol lost: "...required for lenalidomide-dependent CRL4").
    if (isCutOff(pub.title)) pub.titleCutOff = true;
    pubs.push(pub);
  }
  for (const [pub, paragraphs] of more) pub.abstract = [pub.abstract, ...paragraphs].filter(Boolean).join('\n');
  return pubs;
}

/** "Barwick BG, Neri P, Bahlis NJ, et al." -> three authors and et al. */
export function parseAuthors(line: string): { authors: string[]; etAl: boolean } {
  let text = line.trim().replace(/\.$/, '');
  let etAl = false;
  if (/,?\s*et al\.?$/i.test(line.trim())) {
    etAl = true;
    text = line.trim().replace(/,?\s*et al\.?$/i, '');
  }
  if (/^\[?No authors listed\]?$/i.test(text)) return { authors: [], etAl };
  return { authors: text.split(/\s*[,;]\s*/).filter(Boolean), etAl };
}

/**
 * A line of initials-style names ("Roberts KG", "Li JF, Dai YT", "Ayón-Pérez MF"), not a sentence
 * of abstract. The words exclude the separators between them, so a line of forty hyphens is tried
 * once, not in every way of cutting it into words (which took seconds).
 */
function looksLikeAuthors(text: string): boolean {
  return text.length < 400 && /^[^\s,-]+(?:[ -][^\s,-]+)*\s+[A-Z]{1,4}(?:,|$)/.test(text);
}

/**
 * Whether a text is a Cancer Genetics Web page: a line that is one of its section headings, or
 * the Gene Summary's "Gene:" line. Anything else is not read as a page, however little else it
 * looks like (a short MEDLINE file is not a gene named "PMID-22664220").
 */
export function looksLikeCgwPage(text: string): boolean {
  for (const raw of text.split('\n', 5000)) {
    const line = raw.trim();
    if (line.length > 80) continue;
    if (/^Gene\s*:\s*\S/i.test(line)) return true;
    if (HEADINGS.some(([re, section]) => section !== 'footer' && re.test(line))) return true;
  }
  return false;
}
