import { beforeEach, describe, expect, it } from 'vitest';
import { fakeApi } from './fake-api';
import { genePage } from './gene.svelte';

// 250 publications, a hundred a page, as main sends them; `total` grows when another writer adds one.
let total = 250;
const pub = (i: number) => ({ id: `pmid:${i}`, title: `Paper ${i}`, authors: [], etAl: false, journal: 'Blood', freeFullText: false, abstract: '' });
const page = (term: string | null, offset: number, limit: number) => {
  const matching = Array.from({ length: term ? Math.floor(total / 2) : total }, (_, i) => i + 1);
  const items = matching.slice(offset, offset + limit).map(pub);
  return { term, total: matching.length, offset, items, links: Object.fromEntries(items.map((p) => [p.id, { pubmed: `https://pubmed.ncbi.nlm.nih.gov/${p.id.slice(5)}/` }])) };
};
const gene = () => ({ gene: { symbol: 'IKZF1', provenance: {} }, publicationCount: total, literature: [], databaseLinks: [], perYear: { source: 'library', series: [] }, publications: page(null, 0, 100) });

beforeEach(() => {
  total = 250;
  genePage.reset();
  fakeApi({
    getGene: () => ({ ok: true, value: gene() }),
    getPublications: (_s: never, term: never, offset: never, limit: never) => ({ ok: true, value: page(term, offset, limit) }),
    setLastGene: () => ({ ok: true, value: undefined }),
  });
});

describe('the gene page, when another program changed the library', () => {
  it('keeps as many publications as were shown, and the chosen term', async () => {
    await genePage.open('IKZF1');
    await genePage.filter('Mutation');
    await genePage.more();
    expect(genePage.items).toHaveLength(125);
    total = 260;
    expect(await genePage.refresh()).toBe(true);
    expect(genePage.term).toBe('Mutation');
    expect(genePage.items).toHaveLength(130);
  });

  it('unfiltered, two pages stay two pages', async () => {
    await genePage.open('IKZF1');
    await genePage.more();
    expect(genePage.items).toHaveLength(200);
    expect(await genePage.refresh()).toBe(true);
    expect(genePage.items.map((p) => p.id)).toEqual(Array.from({ length: 200 }, (_, i) => `pmid:${i + 1}`));
  });
});
