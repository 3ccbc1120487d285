import { describe, expect, it } from 'vitest';
import { abstractParagraphs, authorLine, citation, longDate } from '../../renderer/src/lib/format';
import { filterByTerm, mentions } from '../../renderer/src/lib/term-filter';
import type { Publication } from '../../electron/core/model';

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

describe('filtering by a literature term', () => {
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
});
