import { describe, expect, it } from 'vitest';
import { SearchIndex, foldCharacters, parseQuery, termOf, termsOf, type SearchDocument } from '../../electron/core/search';

const doc = (key: string, fields: SearchDocument['fields'], year = 2020): SearchDocument => ({ key, fields, year });

function searchKeys(index: SearchIndex, text: string, synonyms?: (t: string) => string[]): string[] {
  return index.search(parseQuery(text), synonyms ? { synonyms } : {}).top(0, 1000).map((h) => h.key);
}

describe('folding', () => {
  it('drops accents and case, so Ayon-Perez and Lilljebjorn find the accented names', () => {
    expect(termsOf('Ayón-Pérez')).toEqual(termsOf('ayon-perez'));
    expect(termOf('Lilljebjörn')).toBe('lilljebjorn');
    expect(termOf('Søren')).toBe('soren');
  });

  it('treats British and American spellings alike', () => {
    for (const [gb, us] of [
      ['leukaemia', 'leukemia'],
      ['haematological', 'hematological'],
      ['tumour', 'tumor'],
      ['tumours', 'tumors'],
      ['oesophageal', 'esophageal'],
      ['paediatric', 'pediatric'],
      ['randomised', 'randomized'],
      ['characterisation', 'characterization'],
      ['analyse', 'analyze'],
      ['centre', 'center'],
      ['anaemia', 'anemia'],
      ['diarrhoea', 'diarrhea'],
    ]) expect(termOf(gb!), gb).toBe(termOf(us!));
  });

  it('keeps apart words a careless rule would merge', () => {
    expect(termOf('journal')).not.toBe(termOf('jornal'));
    expect(termOf('four')).toBe('four');
    expect(termOf('source')).toBe('source');
    expect(termOf('Michael')).not.toBe(termOf('Michel'));
    expect(termOf('aerobic')).toBe('aerobic');
  });

  it('spells Greek letters out, so TNF-α and TNF-alpha are the same words', () => {
    expect(termsOf('TNF-α')).toEqual(['tnf', 'alpha']);
    expect(termsOf('TNFα')).toEqual(['tnf', 'alpha']);
    expect(termsOf('TNF-alpha')).toEqual(['tnf', 'alpha']);
    expect(foldCharacters('β-catenin')).toContain('beta');
  });
});

describe('query syntax', () => {
  it('reads words, phrases, field filters and year ranges', () => {
    const q = parseQuery('"minimal residual disease" author:Stanulla journal:Blood year:2015..2019 gene:PAX5 mesh:"Gene Deletion" pmid:31015500 relap');
    expect(q.clauses.map((c) => [c.terms.join(' '), c.field ?? '', c.prefix, c.exact])).toEqual([
      ['minimal residual disease', '', false, true],
      ['stanulla', 'authors', false, false],
      ['blood', 'journal', false, false],
      ['gene deletion', 'mesh', false, true],
      ['31015500', 'ids', false, true],
      ['relap', '', true, false],
    ]);
    expect(q.years).toEqual({ from: 2015, to: 2019 });
    expect(q.genes).toEqual(['PAX5']);
    expect(parseQuery('year:2018').years).toEqual({ from: 2018, to: 2018 });
  });

  it('says what it cannot read, and reads an unknown field name as text', () => {
    expect(parseQuery('year:20x').problems).toEqual(['year:20x is not a year or a range like 2015..2019']);
    expect(parseQuery('foo:bar').clauses[0]!.terms).toEqual(['foo', 'bar']);
  });

  it('prefixes only the word being typed', () => {
    expect(parseQuery('lymphobl').clauses[0]!.prefix).toBe(true);
    expect(parseQuery('lymphobl ').clauses[0]!.prefix).toBe(false);
  });

  it('searches at most 32 words of a pasted paragraph, and says so', () => {
    const q = parseQuery(Array.from({ length: 100 }, (_, i) => `w${i}x`).join(' '));
    expect(q.clauses).toHaveLength(32);
    expect(q.problems).toEqual(['only the first 32 of the 100 words and phrases were searched']);
  });

  it('matches a DOI whole', () => {
    expect(parseQuery('10.1182/blood-2018-01-825703').clauses).toMatchObject([{ field: 'ids', terms: ['10.1182/blood-2018-01-825703'] }]);
  });
});

describe('the index', () => {
  const docs = [
    doc('pmid:1', { title: 'IKZF1 deletions predict relapse in childhood acute lymphoblastic leukemia', abstract: 'Minimal residual disease was measured in 400 children.', authors: 'Stanulla M; Cavé H', journal: 'Blood', mesh: 'Gene Deletion; Precursor Cell Lymphoblastic Leukemia-Lymphoma', ids: '1 10.1182/blood-1' }, 2018),
    doc('pmid:2', { title: 'Survival after relapse', abstract: 'IKZF1 was not studied. Acute lymphoblastic leukemia in adults; minimal disease residual.', authors: 'Ayón-Pérez MF', journal: 'J Clin Oncol', ids: '2' }, 2012),
    doc('pmid:3', { title: 'TNF-α signalling in haematological tumours', abstract: 'Tumour necrosis factor.', authors: 'Lilljebjörn H', journal: 'Leukemia', ids: '3' }, 2021),
    doc('pmid:4', { title: 'Ikaros family zinc finger 1 in B-cell development', abstract: 'The ZNFN1A1 gene.', authors: 'Georgopoulos K', journal: 'Nat Rev Immunol', ids: '4' }, 2005),
  ];
  const index = new SearchIndex();
  index.add(docs);

  it('needs every word, and ranks a title match above an abstract match', () => {
    expect(searchKeys(index, 'IKZF1 ')).toEqual(['pmid:1', 'pmid:2']);
    expect(searchKeys(index, 'acute lymphoblastic leukemia ')).toEqual(['pmid:1', 'pmid:2']);
    expect(searchKeys(index, 'IKZF1 survival ')).toEqual(['pmid:2']);
  });

  it('matches a quoted phrase only with its words in order', () => {
    expect(searchKeys(index, '"minimal residual disease"')).toEqual(['pmid:1']);
    expect(searchKeys(index, 'minimal residual disease ')).toEqual(['pmid:1', 'pmid:2']);
  });

  it('forgives the way clinicians type: prefixes, typos, accents, spellings, Greek', () => {
    expect(searchKeys(index, 'lymphobl')).toEqual(['pmid:1', 'pmid:2']);
    expect(searchKeys(index, 'leukmia ')).toContain('pmid:1');
    expect(searchKeys(index, 'lymphoblastik leukaemia ')).toEqual(['pmid:1', 'pmid:2']);
    expect(searchKeys(index, 'Ayon-Perez ')).toEqual(['pmid:2']);
    expect(searchKeys(index, 'Lilljebjorn ')).toEqual(['pmid:3']);
    expect(searchKeys(index, 'TNF-alpha ')).toEqual(['pmid:3']);
    expect(searchKeys(index, 'hematologic tumor')).toEqual(['pmid:3']);
  });

  it('filters by field, year and identifier', () => {
    expect(searchKeys(index, 'author:Stanulla ')).toEqual(['pmid:1']);
    expect(searchKeys(index, 'journal:Leukemia ')).toEqual(['pmid:3']);
    expect(searchKeys(index, 'leukemia year:2015..2019')).toEqual(['pmid:1']);
    expect(searchKeys(index, 'pmid:4')).toEqual(['pmid:4']);
    expect(searchKeys(index, '10.1182/blood-1')).toEqual(['pmid:1']);
    expect(searchKeys(index, 'mesh:"gene deletion"')).toEqual(['pmid:1']);
  });

  it("expands a gene's aliases: IKAROS also finds what says IKZF1 or ZNFN1A1", () => {
    const aliases = new Map([['ikaros', ['ikzf1', 'znfn1a1']]]);
    expect(searchKeys(index, 'IKAROS ')).toEqual(['pmid:4']);
    expect(searchKeys(index, 'IKAROS ', (t) => aliases.get(t) ?? []).sort()).toEqual(['pmid:1', 'pmid:2', 'pmid:4']);
  });

  it('updates on removal and on re-adding without a rebuild', () => {
    const copy = new SearchIndex();
    copy.add(docs);
    copy.remove(['pmid:1']);
    expect(searchKeys(copy, 'IKZF1 ')).toEqual(['pmid:2']);
    copy.add([doc('pmid:2', { title: 'Renamed paper', ids: '2' })]);
    expect(searchKeys(copy, 'IKZF1 ')).toEqual([]);
    expect(searchKeys(copy, 'renamed ')).toEqual(['pmid:2']);
    expect(copy.size).toBe(3);
    expect(copy.segmentCount).toBe(2);
  });

  it('finds nothing for a word no document has, and nothing in an empty index', () => {
    expect(searchKeys(index, 'zebrafish ')).toEqual([]);
    expect(searchKeys(new SearchIndex(), 'leukemia')).toEqual([]);
  });
});

describe('identifiers', () => {
  it('a PMID typed on its own finds its paper; identifiers stay out of prefix and typo matching', () => {
    const index = new SearchIndex();
    index.add([doc('pmid:31015500', { title: 'One paper', ids: '31015500 10.1182/blood-1' }), doc('pmid:2', { title: 'Another paper', abstract: 'Cohort of 31015 children.', ids: '2' })]);
    expect(searchKeys(index, '31015500 ')).toEqual(['pmid:31015500']);
    // "31015" is a word of pmid:2's abstract and the start of pmid:31015500's PMID: only the word counts.
    expect(searchKeys(index, '31015')).toEqual(['pmid:2']);
    expect(index.vocabulary.withPrefix('#')).toEqual([]);
    expect(searchKeys(index, 'doi:10.1182/BLOOD-1')).toEqual(['pmid:31015500']);
  });
});
