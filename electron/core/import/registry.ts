import { bibtex } from '../formats/bibtex';
import { cslJson } from '../formats/csl-json';
import { endnoteXml } from '../formats/endnote-xml';
import { medline } from '../formats/medline';
import { pubmedXml } from '../formats/pubmed-xml';
import { ris } from '../formats/ris';
import type { ImportFormat } from '../formats';
import { cgwPage, geneFile } from '../genes';

/**
 * Every format GeneShelf imports, in the order detection asks them: JSON reference data before
 * the gene file (which takes any other JSON, to say where it breaks), the text formats by how
 * surely their first lines tell them apart, and the Cancer Genetics Web page last, because it
 * takes what no other format claims. This list is the one place a format is named: the import
 * dialog's filter, the CLI help, the app's help text and the README's table all come from it.
 */
export const FORMATS: readonly ImportFormat[] = [
  cslJson,
  pubmedXml,
  endnoteXml,
  medline,
  ris,
  bibtex,
  geneFile,
  cgwPage,
];

export function formatById(id: string): ImportFormat | undefined {
  return FORMATS.find((f) => f.id === id);
}

/** What a person is shown about each format: its name, where such files come from, its extensions. */
export interface FormatSummary {
  id: string;
  name: string;
  kind: 'genes' | 'publications';
  from: string;
  extensions: string[];
}

export function formatSummaries(): FormatSummary[] {
  return FORMATS.map(({ id, name, kind, from, extensions }) => ({ id, name, kind, from, extensions: [...extensions] }));
}

/** The open dialog's filter: every extension any format uses, once, in registry order. */
export function importDialogExtensions(): string[] {
  return [...new Set(FORMATS.flatMap((f) => f.extensions))];
}

/** The README's table of formats, as Markdown. A test keeps the README's copy equal to this. */
export function formatTableMarkdown(): string {
  const rows = FORMATS.map((f) => `| ${f.name} | ${f.kind === 'genes' ? 'genes' : 'publications for a gene you choose'} | ${f.from} | ${f.extensions.map((e) => `.${e}`).join(' ')} |`);
  return ['| format | brings | from | usual extensions |', '|---|---|---|---|', ...rows].join('\n');
}
