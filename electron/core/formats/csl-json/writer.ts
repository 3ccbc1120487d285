import { splitAuthorName } from '../../authors';
import type { CitationRecord } from '../format';

/**
 * CSL-JSON, the data model of Zotero, Mendeley and every CSL processor (pandoc, citeproc-js).
 * Plain JSON, so no library is needed to write it; tests read it back with citation-js.
 */
export interface CslItem {
  id: string;
  type: 'article-journal';
  title: string;
  author?: Array<{ family: string; given: string } | { literal: string }>;
  'container-title'?: string;
  'container-title-short'?: string;
  issued?: { 'date-parts': [[number]] };
  volume?: string;
  issue?: string;
  page?: string;
  DOI?: string;
  PMID?: string;
  URL?: string;
  abstract?: string;
  note?: string;
  keyword?: string;
}

export function toCslItem(r: CitationRecord): CslItem {
  const p = r.publication;
  const item: CslItem = { id: p.id, type: 'article-journal', title: p.title };
  if (p.authors.length) item.author = p.authors.map(splitAuthorName);
  if (p.journal) {
    item['container-title'] = p.journal;
    item['container-title-short'] = p.journal;
  }
  if (p.year !== undefined) item.issued = { 'date-parts': [[p.year]] };
  if (p.volume) item.volume = p.volume;
  if (p.issue) item.issue = p.issue;
  if (p.pages) item.page = p.pages;
  if (p.doi) item.DOI = p.doi;
  if (p.pmid) item.PMID = p.pmid;
  item.URL = r.url;
  if (p.abstract) item.abstract = p.abstract;
  if (r.note) item.note = r.note;
  // CSL's keyword variable is one string; its convention separates keywords with commas (a
  // keyword holding a comma is joined with semicolons instead, which the reader splits first).
  const keywords = p.keywords ?? [];
  if (keywords.length) item.keyword = keywords.join(keywords.some((k) => k.includes(',')) ? '; ' : ', ');
  return item;
}

export function writeCslJson(records: CitationRecord[]): string {
  return `${JSON.stringify(records.map(toCslItem), null, 2)}\n`;
}
