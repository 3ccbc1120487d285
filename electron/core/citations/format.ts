import type { Publication } from '../model';
import type { CitationOutput, CitationStyle } from '../../shared/citation-styles';
import { toCitationItem } from './csl';
import { CITATION_LOCALE, cslPlugin, templateOf } from './styles';

/** One publication's citation, as its style wrote it. */
export interface FormattedCitation {
  /** The publication's id. */
  id: string;
  /** Its number in the bibliography ("1.") where the style numbers its entries (Vancouver, AMA); null where not (APA). */
  label: string | null;
  /** The citation without its number: plain text, or HTML (the style's italics). */
  citation: string;
}

export interface FormattedBibliography {
  style: CitationStyle;
  output: CitationOutput;
  /** In the style's order: as given for Vancouver and AMA, by author and year for APA. */
  entries: FormattedCitation[];
  /**
   * The whole bibliography: one entry a line, each with its number, and a line end after the last
   * (text); or one paragraph an entry in a div, APA's with a hanging indent (HTML, which Word
   * pastes as formatted paragraphs).
   */
  bibliography: string;
}

/**
 * Citations of `publications` in a style, written by citeproc-js (through citation-js's CSL
 * plugin) from the CSL project's own style files: no formatting rule here is GeneShelf's. The
 * HTML is citeproc's, which escapes every character of the data (`<`, `>`, `&` become
 * entities) and writes no tag but its own formatting; GeneShelf adds only the paragraphs.
 * A publication given twice is cited once.
 */
export function formatCitations(publications: readonly Publication[], style: CitationStyle, output: CitationOutput): FormattedBibliography {
  const unique = [...new Map(publications.map((p) => [p.id, p])).values()];
  if (!unique.length) return { style, output, entries: [], bibliography: '' };
  // The processor sees ids of its own: a publication's id (a DOI) may hold anything.
  const items = unique.map((p, i) => ({ ...toCitationItem(p), id: `item-${i}` }));
  const engine = cslPlugin().engine(items, templateOf(style), CITATION_LOCALE, output);
  engine.updateItems(items.map((i) => i.id));
  const made = engine.makeBibliography();
  if (!made) throw new Error(`the ${style} style has no bibliography`);
  const [meta, bodies] = made;
  const numbered = !!meta['second-field-align'];
  const entries = bodies.map((body, n): FormattedCitation => {
    const index = Number(meta.entry_ids[n]![0]!.slice('item-'.length));
    const publication = unique[index]!;
    const { label, citation } = output === 'html' ? splitHtml(body, numbered) : splitText(body, numbered);
    return { id: publication.id, label, citation: publication.etAl ? unjoinCutList(citation) : citation };
  });
  return { style, output, entries, bibliography: output === 'html' ? htmlBibliography(entries, !!meta.hangingindent) : textBibliography(entries) };
}

/**
 * citeproc's text entry: with the style's number first ("1. ") where the style aligns a second
 * field (its number, in Vancouver and AMA), the rest after it.
 */
function splitText(body: string, numbered: boolean): { label: string | null; citation: string } {
  const text = body.trim();
  if (!numbered) return { label: null, citation: text };
  const space = text.indexOf(' ');
  return { label: text.slice(0, space), citation: text.slice(space + 1).trim() };
}

// citeproc's HTML entry, and its two parts where the style aligns the number on its own:
// <div class="csl-entry"><div class="csl-left-margin">1.</div><div class="csl-right-inline">...</div></div>.
// The data cannot close a div: citeproc writes every "<" of it as "&#60;".
const HTML_ENTRY = /^\s*<div class="csl-entry">([\s\S]*)<\/div>\s*$/;
const HTML_NUMBERED = /^\s*<div class="csl-left-margin">([\s\S]*?)<\/div><div class="csl-right-inline">([\s\S]*)<\/div>\s*$/;

function splitHtml(body: string, numbered: boolean): { label: string | null; citation: string } {
  const inner = HTML_ENTRY.exec(body)?.[1];
  if (inner === undefined) throw new Error('citeproc wrote an entry GeneShelf does not recognise');
  if (!numbered) return { label: null, citation: inner.trim() };
  const parts = HTML_NUMBERED.exec(inner);
  if (!parts) throw new Error('citeproc wrote a numbered entry GeneShelf does not recognise');
  return { label: parts[1]!.trim(), citation: parts[2]!.trim() };
}

/**
 * A cut author list ends in the mark "et al." (see CUT_LIST_MARK). A style that joins its last
 * two names with "&" or "and" (APA) would write "Bahlis, N. J., & et al.", which reads as if
 * "et al." were the last author; the list is open-ended, so the mark follows a comma alone.
 */
function unjoinCutList(citation: string): string {
  return citation.replace(/,? (?:&#38;|&|and) et al\./, ', et al.');
}

function textBibliography(entries: FormattedCitation[]): string {
  return entries.map((e) => `${e.label ? `${e.label} ` : ''}${e.citation}\n`).join('');
}

function htmlBibliography(entries: FormattedCitation[], hangingIndent: boolean): string {
  const style = hangingIndent ? ' style="margin-left:0.5in;text-indent:-0.5in"' : '';
  return `<div class="csl-bib-body">\n${entries.map((e) => `<p class="csl-entry"${style}>${e.label ? `${e.label} ` : ''}${e.citation}</p>\n`).join('')}</div>\n`;
}
