import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { shortAuthorName } from '../../authors';
import type { ImportWarning, MeshHeading } from '../../model';
import { makePublication } from '../../publication';
import { LineIndex } from '../../text';
import { FormatError, readAll, type ParsedRecord, type ParsedRecords, type ReferenceFormat } from '../format';
import { cleanPmid, doiIn, yearOf } from '../records';
import { all, decodeEntities, nodes, obj, rawContent, type XmlNode } from '../xml';

/**
 * PubMed XML (PubmedArticleSet, as efetch and PubMed's "Save: XML" write it), journal articles and
 * book articles. Each article is validated and parsed on its own (fast-xml-parser), so one broken
 * article is skipped with its line and the rest import. Titles and abstract sections may hold
 * inline markup (<i>, <sup>); they are read raw and reduced to text.
 */

const ARRAYS = new Set(['PubmedArticle', 'Author', 'AbstractText', 'PublicationType', 'MeshHeading', 'QualifierName', 'ArticleId', 'ELocationID', 'ArticleIdList', 'KeywordList', 'Keyword']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  stopNodes: ['*.ArticleTitle', '*.AbstractText', '*.BookTitle', '*.VernacularTitle', '*.CollectiveName', '*.Keyword'],
  isArray: (name) => ARRAYS.has(name),
});

type Node = XmlNode;
const list = nodes;

/** Raw XML content (a stop node) as plain text: tags dropped, entities decoded, spaces tidied. */
function plain(raw: unknown): string {
  return decodeEntities(rawContent(raw).replace(/<[^>]+>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof obj(v)['#text'] === 'string' ? (obj(v)['#text'] as string).trim() : '');

function authorsOf(authorList: unknown): { short: string[]; full: string[] | undefined } {
  const short: string[] = [];
  const full: string[] = [];
  let allFull = true;
  for (const a of list(obj(authorList).Author)) {
    const collective = plain(a.CollectiveName);
    if (collective) {
      short.push(collective);
      full.push(collective);
      continue;
    }
    const last = text(a.LastName);
    const fore = text(a.ForeName);
    const initials = text(a.Initials);
    if (!last) continue;
    short.push(initials ? `${last} ${initials}` : fore ? shortAuthorName(`${last}, ${fore}`) : last);
    if (fore) full.push(`${last}, ${fore}`);
    else allFull = false;
  }
  return { short, full: allFull && full.length ? full : undefined };
}

/**
 * Each AbstractText is a paragraph: a labelled section ("BACKGROUND: ...") or, as in most records,
 * plain text with no attributes (which the parser gives as a string, not a node). PubMed's
 * "UNLABELLED" is not a heading a reader should see.
 */
function abstractOf(abstract: unknown): string {
  return all(obj(abstract).AbstractText)
    .map((a) => {
      const rawLabel = typeof obj(a)['@Label'] === 'string' ? (obj(a)['@Label'] as string).trim() : '';
      const label = /^unlabell?ed$/i.test(rawLabel) ? '' : rawLabel;
      const body = plain(a);
      return label && body ? `${label}: ${body}` : body;
    })
    .filter(Boolean)
    .join('\n');
}

/** Every KeywordList's keywords (the authors', and NLM's for some records), in order, once each. */
function keywordsOf(lists: unknown): string[] {
  return nodes(lists).flatMap((l) => all(l.Keyword).map(plain));
}

/** MedlinePgn ("1911-8"), else StartPage and EndPage, else an ELocationID of type pii (an article number). */
function pagesOf(article: Node): string {
  const pagination = obj(article.Pagination);
  const medline = text(pagination.MedlinePgn);
  if (medline) return medline;
  const start = text(pagination.StartPage);
  const end = text(pagination.EndPage);
  return start && end && end !== start ? `${start}-${end}` : start || end;
}

/** A DOI from ELocationID (articles and book articles carry it there) or the ArticleIdList. */
function doiOf(eLocations: unknown, ids: Node[]): string | undefined {
  const eloc = all(eLocations).find((e) => obj(e)['@EIdType'] === 'doi');
  return doiIn(eloc === undefined ? undefined : text(eloc)) ?? doiIn(idOf(ids, 'doi'));
}

function meshOf(list_: unknown): MeshHeading[] {
  return list(obj(list_).MeshHeading).map((h) => ({
    descriptor: text(h.DescriptorName),
    major: obj(h.DescriptorName)['@MajorTopicYN'] === 'Y',
    qualifiers: list(h.QualifierName).map((q) => ({ name: text(q), major: q['@MajorTopicYN'] === 'Y' })),
  }));
}

function idOf(ids: Node[], type: string): string | undefined {
  return ids.flatMap((l) => list(l.ArticleId)).find((i) => i['@IdType'] === type)?.['#text'] as string | undefined;
}

function pubDateYear(date: Node): number | undefined {
  return yearOf(text(date.Year) || text(date.MedlineDate));
}

function journalArticle(root: Node, line: number, warnings: ImportWarning[]): ParsedRecord | null {
  const citation = obj(root.MedlineCitation);
  const article = obj(citation.Article);
  const journal = obj(article.Journal);
  const issue = obj(journal.JournalIssue);
  const pmid = text(citation.PMID);
  const title = plain(article.ArticleTitle) || plain(article.VernacularTitle);
  if (!title) {
    warnings.push({ message: `the article${pmid ? ` with PMID ${pmid}` : ''} has no ArticleTitle and was skipped`, line });
    return null;
  }
  const ids = list(obj(root.PubmedData).ArticleIdList);
  const pmcid = idOf(ids, 'pmc');
  const { short, full } = authorsOf(article.AuthorList);
  return {
    line,
    publication: makePublication({
      pmid: cleanPmid(pmid || idOf(ids, 'pubmed'), line, warnings),
      doi: doiOf(article.ELocationID, ids),
      pmcid,
      title,
      authors: short,
      authorsFull: full,
      journal: text(journal.ISOAbbreviation) || text(obj(citation.MedlineJournalInfo).MedlineTA) || text(journal.Title),
      journalTitle: text(journal.Title) || undefined,
      year: pubDateYear(obj(issue.PubDate)) ?? yearOf(text(obj(article.ArticleDate).Year)),
      volume: text(issue.Volume),
      issue: text(issue.Issue),
      pages: pagesOf(article),
      abstract: abstractOf(article.Abstract),
      freeFullText: !!pmcid,
      publicationTypes: list(obj(article.PublicationTypeList).PublicationType).map(text).filter(Boolean),
      mesh: meshOf(citation.MeshHeadingList),
      keywords: keywordsOf(citation.KeywordList),
    }),
  };
}

function bookArticle(root: Node, line: number, warnings: ImportWarning[]): ParsedRecord | null {
  const doc = obj(root.BookDocument);
  const book = obj(doc.Book);
  const pmid = text(doc.PMID);
  const bookTitle = plain(book.BookTitle);
  const title = plain(doc.ArticleTitle) || bookTitle;
  if (!title) {
    warnings.push({ message: `the book article${pmid ? ` with PMID ${pmid}` : ''} has no title and was skipped`, line });
    return null;
  }
  const ids = list(doc.ArticleIdList);
  const { short, full } = authorsOf(doc.AuthorList ?? book.AuthorList);
  return {
    line,
    publication: makePublication({
      pmid: cleanPmid(pmid, line, warnings),
      doi: doiOf(doc.ELocationID, ids),
      title,
      authors: short,
      authorsFull: full,
      // A chapter is cited in its book, as PubMed does ("GeneReviews®").
      journal: title === bookTitle ? text(book.Publisher && obj(book.Publisher).PublisherName) : bookTitle,
      year: pubDateYear(obj(book.PubDate)),
      abstract: abstractOf(doc.Abstract),
      freeFullText: false,
      publicationTypes: list(obj(doc.PublicationType ? { PublicationType: doc.PublicationType } : {}).PublicationType).map(text).filter(Boolean),
      keywords: keywordsOf(doc.KeywordList),
    }),
  };
}

/**
 * PubMed XML when the document's first element is PubMed's, however long the prolog before it
 * (an XML declaration, a DOCTYPE with an internal subset, comments): a linear walk over the
 * prolog, so a title that quotes "<PubmedArticle>" in another format decides nothing.
 */
export function looksLikePubmedXml(source: string): boolean {
  let at = 0;
  const n = source.length;
  const skipSpace = () => {
    while (at < n && (source[at] === ' ' || source[at] === '\n' || source[at] === '\r' || source[at] === '\t' || source[at] === '\ufeff')) at++;
  };
  const skipPast = (close: string) => {
    const end = source.indexOf(close, at);
    at = end < 0 ? n : end + close.length;
  };
  for (;;) {
    skipSpace();
    if (source.startsWith('<?', at)) skipPast('?>');
    else if (source.startsWith('<!--', at)) skipPast('-->');
    else if (source.startsWith('<!DOCTYPE', at)) {
      // A DOCTYPE may hold an internal subset in [ ], whose declarations have > of their own.
      const bracket = source.indexOf('[', at);
      const close = source.indexOf('>', at);
      if (bracket >= 0 && bracket < close) {
        at = bracket;
        skipPast(']');
      }
      skipPast('>');
    } else break;
    if (at >= n) return false;
  }
  return /^<(PubmedArticleSet|PubmedArticle|PubmedBookArticle|PubmedBookArticleSet)\b/.test(source.slice(at, at + 40));
}

/** A character reference that names no character (&#x110000;, &#0;, a lone surrogate): the article holding it is skipped. */
function badCharacterReference(xml: string): { ref: string; index: number } | null {
  const ref = /&#(x[0-9a-fA-F]+|[0-9]+);/g;
  for (let m = ref.exec(xml); m; m = ref.exec(xml)) {
    const code = m[1]![0] === 'x' || m[1]![0] === 'X' ? parseInt(m[1]!.slice(1), 16) : parseInt(m[1]!, 10);
    if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) return { ref: m[0], index: m.index };
  }
  return null;
}

interface ArticleChunk {
  xml: string;
  kind: 'PubmedArticle' | 'PubmedBookArticle' | 'cut-off';
  line: number;
}

export const pubmedXml: ReferenceFormat<ArticleChunk> = {
  id: 'pubmed-xml',
  name: 'PubMed XML',
  extensions: ['xml'],
  from: 'PubMed: Save > Format: XML; NCBI efetch',
  kind: 'publications',
  detect: ({ text, json }) => json === undefined && looksLikePubmedXml(text),
  split(source) {
    // A linear scan: each article runs from its opening tag to the first matching close. (A lazy
    // regex would rescan to the end of the file for every article left open.)
    const chunks: ArticleChunk[] = [];
    const lines = new LineIndex(source);
    const open = /<(PubmedArticle|PubmedBookArticle)\b[^>]*>/g;
    for (let m = open.exec(source); m; m = open.exec(source)) {
      const line = lines.lineOf(m.index);
      const kind = m[1] as 'PubmedArticle' | 'PubmedBookArticle';
      const close = source.indexOf(`</${kind}>`, open.lastIndex);
      if (close < 0) {
        // Opened but never closed: the file was cut off here.
        chunks.push({ xml: '', kind: 'cut-off', line });
        break;
      }
      const end = close + kind.length + 3;
      chunks.push({ xml: source.slice(m.index, end), kind, line });
      open.lastIndex = end;
    }
    if (chunks.length === 0) throw new FormatError('no PubmedArticle or PubmedBookArticle element was found');
    return chunks;
  },
  read(chunk, warnings) {
    if (chunk.kind === 'cut-off') {
      warnings.push({ message: 'the last article is cut off (it never closes) and was skipped', line: chunk.line });
      return null;
    }
    const bad = badCharacterReference(chunk.xml);
    if (bad) {
      const line = chunk.line + (chunk.xml.slice(0, bad.index).match(/\n/g)?.length ?? 0);
      warnings.push({ message: `this article holds the character reference ${bad.ref.slice(0, 20)}, which names no character, and was skipped`, line });
      return null;
    }
    const valid = XMLValidator.validate(chunk.xml);
    if (valid !== true) {
      warnings.push({ message: `this article is not well-formed XML (${valid.err.msg}) and was skipped`, line: chunk.line + valid.err.line - 1 });
      return null;
    }
    const parsed = obj(parser.parse(chunk.xml));
    return chunk.kind === 'PubmedArticle' ? journalArticle(list(parsed.PubmedArticle)[0] ?? {}, chunk.line, warnings) : bookArticle(obj(parsed.PubmedBookArticle), chunk.line, warnings);
  },
};

export function parsePubmedXml(source: string): ParsedRecords {
  return readAll(pubmedXml, source);
}
