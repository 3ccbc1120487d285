/**
 * Journal citations as Cancer Genetics Web prints them under each publication:
 *   "Nat Commun. 2019; 10(1):1911 [PubMed] Free Access to Full Article Related Publications"
 * and the variants real pages carry: no journal ("2018; 10:63"), article numbers, e-pages
 * ("E11711-E11720", "937-948.e8"), supplements ("187(Suppl 1):S12-S19"), a month after the year
 * ("2019 Mar; 41(3):2027-2040") and epub-ahead-of-print lines with no volume.
 */
export interface Citation {
  journal: string;
  year?: number;
  volume?: string;
  issue?: string;
  pages?: string;
  freeFullText: boolean;
  pmid?: string;
  doi?: string;
}

const FREE_MARK = /\bFree (?:Access to )?Full[ -](?:Article|Text)\b/i;
const TRAILING_MARKS = [
  /\[PubMed(?: Central)?\]/gi,
  FREE_MARK,
  /\bRelated Publications\b/gi,
  /\[Epub ahead of print\]/gi,
];

/** True for a line that is a citation rather than a title or an abstract sentence. */
export function looksLikeCitation(line: string): boolean {
  if (/\[PubMed(?: Central)?\]/i.test(line)) return true;
  return /^(?:.{1,160}?\.\s+)?(?:1[89]|20)\d{2}\b[^;]{0,24};\s*\S/.test(line.trim());
}

export function parseCitation(line: string): Citation | null {
  const freeFullText = FREE_MARK.test(line);
  const pmid = /\bPMID:?\s*(\d{1,9})\b/i.exec(line)?.[1];
  const doi = /\b(?:doi:?\s*)(10\.\d{4,9}\/\S+)/i.exec(line)?.[1]?.replace(/[.,;]+$/, '');
  let text = line;
  for (const mark of TRAILING_MARKS) text = text.replace(mark, ' ');
  text = text
    .replace(/\bPMID:?\s*\d+/gi, ' ')
    .replace(/\bdoi:?\s*10\.\S+/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();

  const m = /^(?:(.*?)\.\s+)?((?:1[89]|20)\d{2})\b([^;]*)(?:;\s*(.*))?$/.exec(text);
  if (!m) return null;
  const citation: Citation = { journal: (m[1] ?? '').trim(), year: Number(m[2]), freeFullText };
  if (pmid) citation.pmid = pmid;
  if (doi) citation.doi = doi;
  const rest = trimDotsAndSpaces(m[4] ?? '');
  if (rest) {
    const r = /^([^():]*?)\s*(?:\(([^)]*)\))?\s*(?::\s*(.+))?$/.exec(rest);
    if (r) {
      if (r[1]) citation.volume = r[1].trim();
      if (r[2]) citation.issue = r[2].trim();
      if (r[3]) citation.pages = r[3].trim();
    } else {
      citation.volume = rest;
    }
  }
  return citation;
}

/** Trailing dots and spaces removed by a loop: /[.\s]+$/ takes time in the square of a long run. */
function trimDotsAndSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === '.' || /\s/.test(text[end - 1]!))) end--;
  return text.slice(0, end).trim();
}
