import { describe, expect, it } from 'vitest';
import { abstractParagraphs, authorLine, citation, longDate } from '../../renderer/src/lib/format';
import { termMatcher } from '../../electron/shared/term-match';
import { arrangeEntries } from '../../renderer/src/lib/list-sort';
import type { Publication } from '../../electron/core/model';
import type { ReadingListEntry } from '../../electron/contract';

const pub = (over: Partial<Publication>): Publication => ({ id: 'x', authors: [], etAl: false, title: '', journal: '', freeFullText: false, abstract: '', ...over });

describe('how the page prints a publication', () => {
  it('citations in PubMed style', () => {
    expect(citation(pub({ journal: 'Nat Commun', year: 2019, volume: '10', issue: '1', pages: '1911' }))).toBe('Nat Commun. 2019; 10(1):1911');
    expect(citation(pub({ journal: 'Clin Epigenetics', year: 2018, volume: '10', pages: '63' }))).toBe('Clin Epigenetics. 2018; 10:63');
    expect(citation(pub({ year: 2016, volume: '7', pages: 'e0190447' }))).toBe('2016; 7:e0190447');
    expect(citation(pub({ journal: 'Blood', year: 2019 }))).toBe('Blood. 2019');
  });

  it('authors with et al. where the list was cut', () => {
    expect(authorLine(pub({ authors: ['Barwick BG', 'Neri P'], etAl: true }))).toBe('Barwick BG, Neri P, et al.');
    expect(authorLine(pub({ authors: ['Roberts KG'] }))).toBe('Roberts KG');
    expect(authorLine(pub({}))).toBe('No authors listed');
  });

  it('labelled abstract sections', () => {
    expect(abstractParagraphs('BACKGROUND: One.\nTrial registration: ANZCTR 1.\nPlain line.')).toEqual([
      { label: 'BACKGROUND', text: 'One.' },
      { label: 'Trial registration', text: 'ANZCTR 1.' },
      { text: 'Plain line.' },
    ]);
  });

  it('dates read the same in every locale', () => {
    expect(longDate('2019-08-31')).toBe('31 August 2019');
    expect(longDate(undefined)).toBe('');
  });
});

describe('filtering by a literature term (electron/shared/term-match.ts)', () => {
  const filterByTerm = (list: Publication[], term: string | null) => (term ? list.filter(termMatcher(term)) : list);
  const mentions = (p: Publication, term: string) => termMatcher(term)(p);
  const pubs = [
    pub({ id: 'a', title: 'IKZF1 mutations in ALL' }),
    pub({ id: 'b', abstract: 'A translocation of chromosome 7 was seen.' }),
    pub({ id: 'c', title: 'The VIPER algorithm' }),
    pub({ id: 'd', abstract: 'Two zinc-fingers bind DNA.' }),
  ];
  it('matches whole words, ignoring case, plurals and hyphens between words', () => {
    expect(filterByTerm(pubs, 'Mutation').map((p) => p.id)).toEqual(['a']);
    expect(filterByTerm(pubs, 'Chromosome 7').map((p) => p.id)).toEqual(['b']);
    expect(filterByTerm(pubs, 'VIP').map((p) => p.id)).toEqual([]);
    expect(filterByTerm(pubs, 'Zinc Fingers').map((p) => p.id)).toEqual(['d']);
    expect(filterByTerm(pubs, null)).toHaveLength(4);
  });
  it('treats regex characters in a term literally', () => {
    expect(mentions(pub({ title: 'Treatment, BMT & Stem Cell Transplant (review)' }), 'Treatment, BMT & Stem Cell Transplant')).toBe(true);
    expect(mentions(pub({ title: 'Treatment BMT and Stem Cell Transplant' }), 'Treatment, BMT & Stem Cell Transplant')).toBe(false);
    expect(mentions(pub({ title: 'bcl-X Protein levels' }), 'bcl-X Protein')).toBe(true);
    expect(() => mentions(pub({ title: 'x' }), 'a(b[c')).not.toThrow();
  });
  it('also finds a publication PubMed indexed with the term as a MeSH heading, whatever its text says', () => {
    const indexed = pub({ title: 'Unrelated words', mesh: [{ descriptor: 'Multiple Myeloma', major: true, qualifiers: [] }] });
    expect(mentions(indexed, 'multiple myeloma')).toBe(true);
    expect(mentions(indexed, 'Myeloma')).toBe(false);
  });
});

describe('arranging a reading list on screen', () => {
  const entry = (id: string, over: Partial<Publication>, genes: string[], read = false, dateAdded = '2026-01-01T00:00:00Z') =>
    ({ publication: pub({ id, ...over }), genes, inLibrary: true, note: '', read, dateAdded, lists: [], links: { pubmed: '' } }) as ReadingListEntry;
  const entries = [
    entry('a', { year: 2018, journal: 'blood', title: 'Zeta' }, ['PAX5'], true, '2026-01-03T00:00:00Z'),
    entry('b', { journal: 'Leukemia', title: 'alpha' }, [], false, '2026-01-01T00:00:00Z'),
    entry('c', { year: 2021, journal: 'Blood', title: 'Beta' }, ['CDKN2A'], false, '2026-01-02T00:00:00Z'),
  ];
  const ids = (list: ReadingListEntry[]) => list.map((e) => e.publication.id);

  it('sorts by each key, undated and gene-less items last, ties in the user\'s order', () => {
    expect(ids(arrangeEntries(entries, 'order', false))).toEqual(['a', 'b', 'c']);
    expect(ids(arrangeEntries(entries, 'added', false))).toEqual(['a', 'c', 'b']);
    expect(ids(arrangeEntries(entries, 'year', false))).toEqual(['c', 'a', 'b']);
    expect(ids(arrangeEntries(entries, 'journal', false))).toEqual(['a', 'c', 'b']);
    expect(ids(arrangeEntries(entries, 'title', false))).toEqual(['b', 'c', 'a']);
    expect(ids(arrangeEntries(entries, 'gene', false))).toEqual(['c', 'a', 'b']);
  });

  it('shows only unread items when asked, and never changes the list it was given', () => {
    expect(ids(arrangeEntries(entries, 'title', true))).toEqual(['b', 'c']);
    expect(ids(entries)).toEqual(['a', 'b', 'c']);
  });
});
