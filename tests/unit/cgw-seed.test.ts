import { describe, expect, it } from 'vitest';
import { parseCgwPage } from '../../electron/core/genes';
import { readSeed } from '../helpers';

describe('Cancer Genetics Web page: the IKZF1 seed', async () => {
  const { gene, warnings } = parseCgwPage(await readSeed());

  it('reads the gene summary', () => {
    expect(gene.symbol).toBe('IKZF1');
    expect(gene.name).toBe('IKAROS family zinc finger 1');
    expect(gene.aliases).toEqual(['IK1', 'LYF1', 'LyF-1', 'CVID13', 'IKAROS', 'PPP1R92', 'PRO0758', 'ZNFN1A1', 'Hs.54452']);
    expect(gene.location).toBe('7p12.2');
    expect(gene.summary).toMatch(/^This gene encodes a transcription factor/);
    expect(gene.summary).toMatch(/\[provided by RefSeq, May 2014\]$/);
    expect(gene.protein).toBe('DNA-binding protein Ikaros');
    expect(gene.databases.map((d) => d.name)).toEqual(['OMIM', 'HGNC', 'Ensembl', 'GeneCards', 'NCBI Gene']);
  });

  it('reads source, ontology, overview and specific cancers', () => {
    expect(gene.provenance.source).toBe('NCBI');
    expect(gene.provenance.sourceAccessed).toBe('2019-08-31');
    expect(gene.ontology.count).toBe(26);
    expect(gene.cancerOverview).toBe('');
    expect(gene.specificCancers).toEqual([]);
    expect(warnings).toEqual([expect.objectContaining({ line: 72, message: expect.stringMatching(/Specific Cancers says 1/) })]);
  });

  it('has no per-year series, so publicationsPerYear is omitted', () => {
    expect(gene).not.toHaveProperty('publicationsPerYear');
  });

  it('reads all 41 literature terms in order', () => {
    expect(gene.literatureTerms).toHaveLength(41);
    expect(gene.literatureTerms[0]).toEqual({ term: 'Chromosome 7', weight: 1 });
    expect(gene.literatureTerms.at(-1)).toEqual({ term: 'Siblings', weight: 1 });
  });

  it('reads the 30 publications: 8 from 2019, 22 from 2018, 13 with free full text', () => {
    expect(gene.publications).toHaveLength(30);
    expect(gene.publications.filter((p) => p.year === 2019)).toHaveLength(8);
    expect(gene.publications.filter((p) => p.year === 2018)).toHaveLength(22);
    expect(gene.publications.filter((p) => p.freeFullText)).toHaveLength(13);
    expect(new Set(gene.publications.map((p) => p.id)).size).toBe(30);
  });

  it('reads each part of a publication', () => {
    const first = gene.publications[0]!;
    expect(first).toMatchObject({
      authors: ['Barwick BG', 'Neri P', 'Bahlis NJ'],
      etAl: true,
      title: 'Multiple myeloma immunoglobulin lambda translocations portend poor prognosis.',
      journal: 'Nat Commun',
      year: 2019,
      volume: '10',
      issue: '1',
      pages: '1911',
      freeFullText: true,
    });
    expect(first.abstract).toMatch(/^Multiple myeloma is a malignancy/);
    const roberts = gene.publications.find((p) => p.authors[0] === 'Roberts KG')!;
    expect(roberts).toMatchObject({ authors: ['Roberts KG'], etAl: false, journal: 'Best Pract Res Clin Haematol', pages: '351-356' });
    const patil = gene.publications.find((p) => p.authors[0] === 'Patil A')!;
    expect(patil).toMatchObject({ authors: ['Patil A', 'Manzano M', 'Gottwein E'], etAl: false });
  });

  it('keeps labelled abstract sections on their own lines', () => {
    const bhat = gene.publications.find((p) => p.authors[0] === 'Bhat A')!;
    const lines = bhat.abstract.split('\n');
    expect(lines.map((l) => l.split(':')[0])).toEqual(['BACKGROUND', 'AIM', 'METHODS', 'RESULTS', 'DISCUSSION']);
  });

  it('reads the citation forms of the seed: article numbers, e-pages and no issue', () => {
    const byTitle = (start: string) => gene.publications.find((p) => p.title.startsWith(start))!;
    expect(byTitle('Circulating tumour DNA')).toMatchObject({ volume: '10', pages: '63' });
    expect(byTitle('Circulating tumour DNA').issue).toBeUndefined();
    expect(byTitle('Transcriptional landscape')).toMatchObject({ volume: '115', issue: '50', pages: 'E11711-E11720' });
    expect(byTitle('Germline Genetic IKZF1')).toMatchObject({ pages: '937-948.e8' });
    expect(byTitle('Network-based')).toMatchObject({ volume: '13', issue: '1', pages: 'e0190447' });
  });

  it('keeps non-ASCII author names exactly', () => {
    expect(gene.publications.some((p) => p.authors.includes('Ayón-Pérez MF'))).toBe(true);
    expect(gene.publications.some((p) => p.authors.includes('Lilljebjörn H'))).toBe(true);
  });

  it('reads provenance from the footer', () => {
    expect(gene.provenance).toMatchObject({
      pageUrl: 'http://www.cancer-genetics.org/IKZF1.htm',
      pageRevised: '2019-08-31',
      license: 'CC BY-SA 4.0',
      attribution: 'Cotterill SJ. IKZF1, Cancer Genetics Web',
    });
  });

  it('gives every publication the same id when the page is read again', async () => {
    const again = parseCgwPage(await readSeed());
    expect(again.gene.publications.map((p) => p.id)).toEqual(gene.publications.map((p) => p.id));
  });
});
