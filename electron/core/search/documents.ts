import type { Publication } from '../model';
import type { SearchDocument } from './segment';

/**
 * What is searched of a publication: title, abstract, both forms of the authors' names (a surname
 * is found whether the source gave "Mullighan CG" or "Mullighan, Charles G"), the journal as cited
 * and in full, MeSH headings with their subheadings, the authors' keywords, and the PMID, DOI and
 * PMC id as whole identifiers.
 */
export function documentOf(p: Publication): SearchDocument {
  const authors = p.authorsFull?.length ? [...p.authors, ...p.authorsFull] : p.authors;
  const mesh = (p.mesh ?? []).map((m) => [m.descriptor, ...m.qualifiers.map((q) => q.name)].join(' ; '));
  return {
    key: p.id,
    fields: {
      title: p.title,
      abstract: p.abstract,
      authors: authors.join(' ; '),
      journal: p.journalTitle && p.journalTitle !== p.journal ? `${p.journal} ; ${p.journalTitle}` : p.journal,
      mesh: mesh.join(' ; '),
      keywords: (p.keywords ?? []).join(' ; '),
      ids: [p.pmid, p.doi, p.pmcid].filter(Boolean).join(' '),
    },
    ...(p.year ? { year: p.year } : {}),
    freeFullText: p.freeFullText,
    stored: {
      title: p.title,
      authors: p.authors.length > 3 || p.etAl ? `${p.authors.slice(0, 3).join(', ')} et al.` : p.authors.join(', '),
      journal: p.journal,
      ...(p.year ? { year: p.year } : {}),
      freeFullText: p.freeFullText,
      abstract: p.abstract,
    },
  };
}
