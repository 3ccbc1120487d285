import { bibtexReader, looksLikeBibtex } from './bibtex';
import { cslReader, looksLikeCslJson } from './csl';
import { looksLikeMedline, medlineReader } from './medline';
import { looksLikePubmedXml, pubmedXmlReader } from './pubmed-xml';
import type { RecordReader } from './records';
import { looksLikeRis, risReader } from './ris';

/**
 * Which bibliographic reader a text needs, from its content alone (never the file name): XML
 * with PubMed's elements, MEDLINE's PMID- lines, RIS's TY lines, BibTeX's @entries, or JSON
 * holding CSL items. Null when it is none of them (a gene page or gene file, or nothing).
 * `json` is the text already parsed, when it parsed.
 */
export function recordReaderFor(text: string, json?: unknown): RecordReader<unknown> | null {
  if (json !== undefined) return looksLikeCslJson(json) ? (cslReader as RecordReader<unknown>) : null;
  if (looksLikePubmedXml(text)) return pubmedXmlReader as RecordReader<unknown>;
  if (looksLikeMedline(text)) return medlineReader as RecordReader<unknown>;
  if (looksLikeRis(text)) return risReader as RecordReader<unknown>;
  if (looksLikeBibtex(text)) return bibtexReader as RecordReader<unknown>;
  return null;
}
