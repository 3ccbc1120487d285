import { FORMATS } from './registry';

/**
 * What a file no format claims looks like, so the refusal tells the person something they can act
 * on ("this looks like RIS, but no record starts with TY  -") and names the formats GeneShelf
 * reads. Only the first lines are looked at: the guess is a hint, not a reader.
 */
export function unknownFormatReason(text: string): string {
  return `${looksLike(text)}. GeneShelf reads ${FORMATS.map((f) => f.name).join(', ')}`;
}

function looksLike(text: string): string {
  const lines = text
    .slice(0, 20_000)
    .split('\n', 200)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '');
  const first = lines[0]?.trim() ?? '';
  const tagLines = lines.filter((l) => /^[A-Z][A-Z0-9]{1,3} {0,3}-/.test(l)).length;
  if (/^<(?:!doctype html|html)\b/i.test(first)) return 'this is a web page (HTML), which GeneShelf does not read: save the gene page as text, or export its references';
  if (first.startsWith('<')) return 'this XML is neither PubMed XML (<PubmedArticleSet>) nor EndNote XML (<xml><records>)';
  if (first.startsWith('@')) return 'this starts like BibTeX but holds no entry such as @article{key, ...}';
  if (tagLines >= 2) return 'this holds tagged lines ("XX  - value") but is neither RIS (no record starts with "TY  -") nor PubMed MEDLINE (no PMID- or TI- line)';
  return 'not a file GeneShelf can read: it has no gene page headings (such as "Gene Summary") and no reference records';
}
