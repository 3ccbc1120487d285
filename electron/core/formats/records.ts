import type { ImportWarning, MeshHeading } from '../model';
import { isWhiteSpace } from '../text';

/**
 * Small readers of the field values that several reference formats share: years in dates, DOIs
 * in links, labelled abstract sections, MEDLINE-style MeSH and PubMed's abbreviated page ranges.
 */

/** The first four-digit year in a date such as "1999 Spring", "2000 Dec-2001 Jan" or "2016/01/". */
export function yearOf(date: string | undefined): number | undefined {
  const m = date ? /\b(1[89]\d\d|2[01]\d\d)\b/.exec(date) : null;
  return m ? Number(m[1]) : undefined;
}

/** "10.1038/X [doi]" or "https://doi.org/10.1038/X" -> "10.1038/X"; anything else, undefined. */
export function doiIn(text: string | undefined): string | undefined {
  const m = text ? /(10\.\d{4,9}\/[^\s\]]+)/.exec(text) : null;
  return m ? m[1]!.replace(/[.,;]+$/, '') : undefined;
}

/**
 * Structured abstracts come as one paragraph ("BACKGROUND: ... METHODS: ..."); GeneShelf keeps
 * each labelled section on its own line, as the gene page shows them.
 */
export function splitLabelledSections(abstract: string): string {
  // Most abstracts from other tools have no labels at all: nothing to split.
  if (!abstract.includes(': ')) return abstract.trim();
  // Spaces are collapsed first so the label search tries one space, never every suffix of a run.
  const labelled = dropUnlabelled(/\t| {2}/.test(abstract) ? abstract.replace(/[ \t]+/g, ' ') : abstract).replace(/ (?=(?:[A-Z][A-Z/&,-]+(?: [A-Z][A-Z/&,-]+){0,4}): )/g, '\n');
  // Most come out with no line to trim and none empty: no new string for them.
  if (trimmedLines(labelled)) return labelled;
  return labelled
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
}

/** Whether no line of the text starts or ends with white space (so none is empty): looked at beside each line end only. */
function trimmedLines(text: string): boolean {
  if (text === '' || isWhiteSpace(text.charCodeAt(0)) || isWhiteSpace(text.charCodeAt(text.length - 1))) return false;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (isWhiteSpace(text.charCodeAt(i - 1)) || isWhiteSpace(text.charCodeAt(i + 1))) return false;
  }
  return true;
}

/**
 * PubMed marks the unlabelled part of a structured abstract "UNLABELLED:"; it is not a heading a
 * reader should see.
 */
export function dropUnlabelled(text: string): string {
  if (!text.includes('UNLABELLED')) return text;
  return text.replace(/(^|\s)UNLABELLED:\s*/g, '$1');
}

/**
 * "Occupational Health/*history/psychology" and "*Leukemia" as PubMed's MEDLINE text writes MeSH.
 * Each star stays where the source put it, as PubMed XML's MajorTopicYN does: on the descriptor
 * or on a subheading.
 */
export function meshFromText(value: string): MeshHeading {
  const [descriptor = '', ...qualifiers] = value.split('/');
  const main = meshTerm(descriptor);
  return { descriptor: main.name, major: main.major, qualifiers: qualifiers.map(meshTerm) };
}

/** " *psychology" -> psychology, starred. */
function meshTerm(text: string): { name: string; major: boolean } {
  const term = text.trim();
  const major = term.charCodeAt(0) === 42;
  return { name: major ? term.slice(1) : term, major };
}

/** "1911-8" as PubMed abbreviates it becomes 1911 and 1918; citation managers want both ends. */
export function splitPages(pages: string): { start: string; end?: string } {
  const m = /^\s*([A-Za-z]?\d+)\s*[-–]\s*([A-Za-z]?\d+)\s*$/.exec(pages);
  if (!m) return { start: pages.trim() };
  const start = m[1]!;
  let end = m[2]!;
  if (/^\d+$/.test(start) && /^\d+$/.test(end) && end.length < start.length) end = start.slice(0, start.length - end.length) + end;
  return { start, end };
}

/**
 * A PMID as a source wrote it, made one GeneShelf can use: PMIDs are digits. "27433151 SO  invalid
 * line" (a MEDLINE line run into the next) keeps its leading digits, with a warning on the line;
 * a value with no leading digits is left out, with a warning.
 */
export function cleanPmid(raw: string | undefined, line: number | undefined, warnings: ImportWarning[]): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  if (/^\d{1,12}$/.test(value)) return value;
  // Leading digits count only as a whole word before other text ("27433151 SO ..."): in
  // "10.1182/blood" or a 13-digit number they are no PMID, and a wrong one would merge papers.
  const digits = /^(\d{1,12})\s/.exec(value)?.[1];
  const shown = value.length > 40 ? `${value.slice(0, 40)}...` : value;
  warnings.push({
    message: digits ? `the PMID "${shown}" is not only digits; it was read as ${digits}` : `the PMID "${shown}" is not a number and was left out`,
    ...(line !== undefined ? { line } : {}),
  });
  return digits;
}

/**
 * Author keywords from one field that lists several ("BCR-ABL1; Ph-like ALL" or "IKZF1, relapse"):
 * split at semicolons, or at commas where there are none (makePublication drops repeats).
 */
export function splitKeywords(value: string | undefined): string[] {
  if (!value?.trim()) return [];
  return (value.includes(';') ? value.split(';') : value.split(',')).map((k) => k.trim()).filter(Boolean);
}
