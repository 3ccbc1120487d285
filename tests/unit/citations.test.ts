import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatCitations, toCitationItem } from '../../electron/core/citations';
import { renderExport } from '../../electron/core/lists';
import type { Publication } from '../../electron/core/model';
import { makePublication } from '../../electron/core/publication';
import { LibraryService } from '../../electron/core/service';
import { CSL_FILES } from '../../electron/core/citations/csl-files';
import { CITATION_STYLE_IDS, type CitationStyle } from '../../electron/shared/citation-styles';
import { ROOT, SAMPLE, tempDir } from '../helpers';

/**
 * Citations as the CSL styles in resources/csl/ write them, compared with strings worked out by
 * hand from each style's rules (the comment above each says which rules an expectation checks).
 * The processor is citeproc-js; these tests would catch a mapping of the data that reads wrong to
 * a clinician (initials run together, a cut author list shown as complete, the full journal title
 * in Vancouver, a URL made up), a style file swapped or edited, or unsafe HTML.
 *
 * Rules in common, read from the .csl files:
 * - Vancouver (vancouver.csl): names "Family Initials" without periods (name-as-sort-order="all",
 *   sort-separator=" ", initialize-with=""), ", " between them and no "and"; 7 or more authors cut
 *   to 6 and "et al." (et-al-min="7" et-al-use-first="6"); the journal's abbreviation
 *   (container-title form="short"), then "Year;Volume(Issue):Pages." with page ranges written
 *   minimally (page-range-format="minimal"), their dash the en-US locale's page-range-delimiter
 *   ("–"); no DOI, PMID or URL printed for an article (its layout has none of them).
 * - AMA (american-medical-association.csl): the same names; 7 or more authors cut to 3 and
 *   "et al." (et-al-use-first="3"); the abbreviation in italics; "Year;Volume(Issue):Pages." with
 *   ranges expanded (page-range-format="expanded") and a hyphen (the style's own
 *   page-range-delimiter "-"); then "doi:DOI" where there is one.
 * - APA (apa.csl): "Family, I. I." (initialize-with=". "), "&" before the last name
 *   (and="symbol", delimiter-precedes-last="always"); "(Year)."; the journal's full title in
 *   title case and italics, the volume in italics, the issue in parentheses, ranges expanded with
 *   an en dash; then "https://doi.org/DOI"; entries sorted by author, then year.
 * citeproc also makes straight apostrophes typographic (Children's -> Children’s) and writes "&"
 * in HTML as "&#38;".
 */

async function seedPublications(): Promise<{ roberts: Publication; wang: Publication; barwick: Publication }> {
  const file = JSON.parse(await readFile(SAMPLE, 'utf8')) as { genes: Array<{ publications: Publication[] }> };
  const byFirstAuthor = (name: string) => {
    const p = file.genes[0]!.publications.find((pub) => pub.authors[0] === name);
    if (!p) throw new Error(`the sample has no publication by ${name}`);
    return p;
  };
  return { roberts: byFirstAuthor('Roberts KG'), wang: byFirstAuthor('Wang LX'), barwick: byFirstAuthor('Barwick BG') };
}

// A group author, a supplement issue, a DOI and a PMID: a meeting abstract as PubMed lists one.
const groupAuthor = makePublication({
  pmid: '30000001',
  doi: '10.1182/blood-2018-99-112345',
  authors: ["Children's Oncology Group"],
  title: 'Outcomes of IKZF1-deleted B-ALL on recent trials.',
  journal: 'Blood',
  journalTitle: 'Blood',
  year: 2018,
  volume: '132',
  issue: 'Suppl 1',
  pages: '1401',
});

// A supplement numbered with its volume, with full names: the example Citing Medicine (NLM's
// Vancouver manual) gives for "volume with supplement", "Geraud G, Spierings EL, Keywood C. ...
// Headache. 2002;42 Suppl 2:S93-9.", with the journal's full title as PubMed's JT gives it.
const volumeSupplement = makePublication({
  pmid: '12028325',
  authors: ['Geraud G', 'Spierings EL', 'Keywood C'],
  authorsFull: ['Geraud, Gilles', 'Spierings, Egilius L', 'Keywood, Charlotte'],
  title: 'Tolerability and safety of frovatriptan with short- and long-term use for treatment of migraine and in comparison with sumatriptan.',
  journal: 'Headache',
  journalTitle: 'Headache',
  year: 2002,
  volume: '42 Suppl 2',
  pages: 'S93-9',
});

let seed: Awaited<ReturnType<typeof seedPublications>>;
beforeEach(async () => {
  seed ??= await seedPublications();
});

/** One publication's citation, without its number. */
const cite = (p: Publication, style: CitationStyle, output: 'text' | 'html' = 'text') => {
  const b = formatCitations([p], style, output);
  expect(b.entries).toHaveLength(1);
  return b.entries[0]!.citation;
};

describe('a single author (Roberts KG, Best Pract Res Clin Haematol 2018;31(4):351-356)', () => {
  it('Vancouver: "Roberts KG", the abbreviation, 351–6 written minimally', () => {
    // The title ends in "?", so the style's ". " after it gives no second stop.
    expect(cite(seed.roberts, 'vancouver')).toBe('Roberts KG. Why and how to treat Ph-like ALL? Best Pract Res Clin Haematol. 2018;31(4):351–6.');
    // Vancouver sets nothing in italics: the HTML is the same text.
    expect(cite(seed.roberts, 'vancouver', 'html')).toBe('Roberts KG. Why and how to treat Ph-like ALL? Best Pract Res Clin Haematol. 2018;31(4):351–6.');
  });

  it('AMA: the journal in italics, 351-356 expanded with a hyphen', () => {
    expect(cite(seed.roberts, 'ama')).toBe('Roberts KG. Why and how to treat Ph-like ALL? Best Pract Res Clin Haematol. 2018;31(4):351-356.');
    expect(cite(seed.roberts, 'ama', 'html')).toBe('Roberts KG. Why and how to treat Ph-like ALL? <i>Best Pract Res Clin Haematol</i>. 2018;31(4):351-356.');
  });

  it('APA: "Roberts, K. G." (the initials apart, not "Roberts, K."), (2018), volume in italics, 351–356', () => {
    expect(cite(seed.roberts, 'apa')).toBe('Roberts, K. G. (2018). Why and how to treat Ph-like ALL? Best Pract Res Clin Haematol, 31(4), 351–356.');
    expect(cite(seed.roberts, 'apa', 'html')).toBe('Roberts, K. G. (2018). Why and how to treat Ph-like ALL? <i>Best Pract Res Clin Haematol</i>, <i>31</i>(4), 351–356.');
  });
});

describe('an e-page (Wang LX, Li Y, Chen GZ, PLoS One 2018;13(1):e0190447)', () => {
  const title = 'Network-based co-expression analysis for exploring the potential diagnostic biomarkers of metastatic melanoma.';

  it('Vancouver and AMA: the article number as the page, three authors in full', () => {
    expect(cite(seed.wang, 'vancouver')).toBe(`Wang LX, Li Y, Chen GZ. ${title} PLoS One. 2018;13(1):e0190447.`);
    expect(cite(seed.wang, 'ama')).toBe(`Wang LX, Li Y, Chen GZ. ${title} PLoS One. 2018;13(1):e0190447.`);
    expect(cite(seed.wang, 'ama', 'html')).toBe(`Wang LX, Li Y, Chen GZ. ${title} <i>PLoS One</i>. 2018;13(1):e0190447.`);
  });

  it('APA: "&" before the last author', () => {
    expect(cite(seed.wang, 'apa')).toBe(`Wang, L. X., Li, Y., & Chen, G. Z. (2018). ${title} PLoS One, 13(1), e0190447.`);
    expect(cite(seed.wang, 'apa', 'html')).toBe(`Wang, L. X., Li, Y., &#38; Chen, G. Z. (2018). ${title} <i>PLoS One</i>, <i>13</i>(1), e0190447.`);
  });
});

describe('an author list the source cut (Barwick BG, Neri P, Bahlis NJ, et al., Nat Commun 2019;10(1):1911)', () => {
  const title = 'Multiple myeloma immunoglobulin lambda translocations portend poor prognosis.';

  it('says "et al." in every style: three names are not the whole list', () => {
    expect(seed.barwick).toMatchObject({ etAl: true, authors: ['Barwick BG', 'Neri P', 'Bahlis NJ'] });
    // Vancouver and AMA write a cut list as "..., et al." (their et-al term after the names).
    expect(cite(seed.barwick, 'vancouver')).toBe(`Barwick BG, Neri P, Bahlis NJ, et al. ${title} Nat Commun. 2019;10(1):1911.`);
    expect(cite(seed.barwick, 'ama')).toBe(`Barwick BG, Neri P, Bahlis NJ, et al. ${title} Nat Commun. 2019;10(1):1911.`);
    // APA would put its "&" before the mark ("Bahlis, N. J., & et al."), as if "et al." were the
    // last author; GeneShelf writes the open-ended list with a comma.
    expect(cite(seed.barwick, 'apa')).toBe(`Barwick, B. G., Neri, P., Bahlis, N. J., et al. (2019). ${title} Nat Commun, 10(1), 1911.`);
    expect(cite(seed.barwick, 'apa', 'html')).toBe(`Barwick, B. G., Neri, P., Bahlis, N. J., et al. (2019). ${title} <i>Nat Commun</i>, <i>10</i>(1), 1911.`);
  });

  it('a list cut after one name, and a whole list of seven that each style cuts by its own rule', () => {
    const one = makePublication({ authors: ['Mullighan CG'], etAl: true, title: 'One name.', journal: 'Blood', year: 2009, volume: '114', pages: '1-2' });
    expect(cite(one, 'vancouver')).toBe('Mullighan CG, et al. One name. Blood. 2009;114:1–2.');
    expect(cite(one, 'apa')).toBe('Mullighan, C. G., et al. (2009). One name. Blood, 114, 1–2.');
    const seven = makePublication({
      authors: ['Mullighan CG', 'Su X', 'Zhang J', 'Radtke I', 'Phillips LA', 'Miller CB', 'Ma J'],
      title: 'Deletion of IKZF1 and prognosis in acute lymphoblastic leukemia.',
      journal: 'N Engl J Med',
      journalTitle: 'The New England journal of medicine',
      year: 2009,
      volume: '360',
      issue: '5',
      pages: '470-80',
    });
    // Vancouver: seven names, so the first six and "et al."; 470-80 is 470 to 480, minimal "470–80".
    expect(cite(seven, 'vancouver')).toBe('Mullighan CG, Su X, Zhang J, Radtke I, Phillips LA, Miller CB, et al. Deletion of IKZF1 and prognosis in acute lymphoblastic leukemia. N Engl J Med. 2009;360(5):470–80.');
    // AMA: the first three and "et al."; the range expanded, "470-480".
    expect(cite(seven, 'ama')).toBe('Mullighan CG, Su X, Zhang J, et al. Deletion of IKZF1 and prognosis in acute lymphoblastic leukemia. N Engl J Med. 2009;360(5):470-480.');
    // APA lists up to 20 names; the full title from PubMed's JT, in title case ("The" keeps its capital, "of" stays small).
    expect(cite(seven, 'apa')).toBe(
      'Mullighan, C. G., Su, X., Zhang, J., Radtke, I., Phillips, L. A., Miller, C. B., & Ma, J. (2009). Deletion of IKZF1 and prognosis in acute lymphoblastic leukemia. The New England Journal of Medicine, 360(5), 470–480.',
    );
  });
});

describe('a group author, a supplement, a DOI and a PMID', () => {
  const title = 'Outcomes of IKZF1-deleted B-ALL on recent trials.';

  it('Vancouver: the group as its name, "132(Suppl 1)", and (the style has none) no DOI or PMID', () => {
    expect(cite(groupAuthor, 'vancouver')).toBe(`Children’s Oncology Group. ${title} Blood. 2018;132(Suppl 1):1401.`);
  });

  it('AMA: "doi:" and the DOI after the citation; the PMID is not printed', () => {
    expect(cite(groupAuthor, 'ama')).toBe(`Children’s Oncology Group. ${title} Blood. 2018;132(Suppl 1):1401. doi:10.1182/blood-2018-99-112345`);
  });

  it('APA: the group as author, the DOI as a doi.org address (not a link)', () => {
    expect(cite(groupAuthor, 'apa')).toBe(`Children’s Oncology Group. (2018). ${title} Blood, 132(Suppl 1), 1401. https://doi.org/10.1182/blood-2018-99-112345`);
    expect(cite(groupAuthor, 'apa', 'html')).toBe(`Children’s Oncology Group. (2018). ${title} <i>Blood</i>, <i>132</i>(Suppl 1), 1401. https://doi.org/10.1182/blood-2018-99-112345`);
  });

  it('a supplement with its volume, and full names: Vancouver gives Citing Medicine\'s own example', () => {
    const title2 = 'Tolerability and safety of frovatriptan with short- and long-term use for treatment of migraine and in comparison with sumatriptan.';
    expect(cite(volumeSupplement, 'vancouver')).toBe(`Geraud G, Spierings EL, Keywood C. ${title2} Headache. 2002;42 Suppl 2:S93-9.`);
    expect(cite(volumeSupplement, 'ama')).toBe(`Geraud G, Spierings EL, Keywood C. ${title2} Headache. 2002;42 Suppl 2:S93-9.`);
    // APA initials from the full names ("Egilius L" -> "E. L.").
    expect(cite(volumeSupplement, 'apa')).toBe(`Geraud, G., Spierings, E. L., & Keywood, C. (2002). ${title2} Headache, 42 Suppl 2, S93-9.`);
  });

  it('the CSL item carries the DOI and PMID, the abbreviation and full title, and no URL, abstract or note', () => {
    const item = toCitationItem({ ...groupAuthor, abstract: 'An abstract.', keywords: ['ALL'] });
    expect(item).toMatchObject({ type: 'article-journal', DOI: '10.1182/blood-2018-99-112345', PMID: '30000001', 'container-title-short': 'Blood', author: [{ literal: "Children's Oncology Group" }] });
    expect(item).not.toHaveProperty('URL');
    expect(item).not.toHaveProperty('abstract');
    expect(item).not.toHaveProperty('keyword');
    expect(toCitationItem(volumeSupplement).author).toEqual([
      { family: 'Geraud', given: 'Gilles' },
      { family: 'Spierings', given: 'Egilius L' },
      { family: 'Keywood', given: 'Charlotte' },
    ]);
    // PubMed's run-together initials, spelled out for the processor; a suffix kept apart.
    expect(toCitationItem(makePublication({ title: 'x', authors: ['Roberts KG', 'Smith JA Jr'] })).author).toEqual([
      { family: 'Roberts', given: 'K. G.' },
      { family: 'Smith', given: 'J. A.', suffix: 'Jr' },
    ]);
    // No URL is made up: Vancouver would print "[Internet]" and "Available from:" for one.
    for (const p of [seed.roberts, groupAuthor]) expect(cite(p, 'vancouver')).not.toMatch(/Internet|Available from|cited|https?:/);
  });
});

describe('HTML from hostile text', () => {
  const hostile = makePublication({
    authors: ['<img src=x onerror=alert(1)> A', 'O"Brien J'],
    title: 'A <script>alert(1)</script> title & <a href="javascript:alert(2)">a link</a> <b onclick="x()">bold</b>',
    journal: 'Blood</i><script>alert(3)</script>',
    year: 2020,
    volume: '1',
    pages: '2',
    doi: '10.1000/"><script>alert(4)</script>',
  });

  it('escapes every tag the data holds, in every style; the only tags are the style\'s own', () => {
    for (const style of CITATION_STYLE_IDS) {
      const html = formatCitations([hostile, seed.roberts], style, 'html').bibliography;
      expect(html).not.toMatch(/<(script|img|a)\b/i);
      expect(html).not.toMatch(/<[^>]*\son\w+=/i);
      expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
      expect(html).toContain('&#38;');
      // The tags left are the bibliography's paragraphs and the style's italics.
      const tags = [...html.matchAll(/<\/?([a-z]+)[^>]*>/gi)].map((m) => m[1]!.toLowerCase());
      expect(new Set(tags)).toEqual(new Set(style === 'vancouver' ? ['div', 'p'] : ['div', 'p', 'i']));
    }
  });

  it('the text is the data as it is', () => {
    expect(cite(hostile, 'vancouver')).toContain('A <script>alert(1)</script> title & <a href="javascript:alert(2)">a link</a>');
  });
});

describe('a bibliography', () => {
  it('Vancouver and AMA number the entries in the order given, one a line', () => {
    const b = formatCitations([seed.roberts, seed.wang, seed.barwick], 'vancouver', 'text');
    expect(b.entries.map((e) => e.label)).toEqual(['1.', '2.', '3.']);
    expect(b.bibliography).toBe(
      [
        '1. Roberts KG. Why and how to treat Ph-like ALL? Best Pract Res Clin Haematol. 2018;31(4):351–6.',
        '2. Wang LX, Li Y, Chen GZ. Network-based co-expression analysis for exploring the potential diagnostic biomarkers of metastatic melanoma. PLoS One. 2018;13(1):e0190447.',
        '3. Barwick BG, Neri P, Bahlis NJ, et al. Multiple myeloma immunoglobulin lambda translocations portend poor prognosis. Nat Commun. 2019;10(1):1911.',
        '',
      ].join('\n'),
    );
    const html = formatCitations([seed.roberts, seed.wang], 'ama', 'html').bibliography;
    expect(html).toBe(
      '<div class="csl-bib-body">\n' +
        '<p class="csl-entry">1. Roberts KG. Why and how to treat Ph-like ALL? <i>Best Pract Res Clin Haematol</i>. 2018;31(4):351-356.</p>\n' +
        '<p class="csl-entry">2. Wang LX, Li Y, Chen GZ. Network-based co-expression analysis for exploring the potential diagnostic biomarkers of metastatic melanoma. <i>PLoS One</i>. 2018;13(1):e0190447.</p>\n' +
        '</div>\n',
    );
  });

  it('APA sorts by author and numbers nothing; its HTML paragraphs hang', () => {
    const b = formatCitations([seed.roberts, seed.wang, seed.barwick], 'apa', 'text');
    expect(b.entries.map((e) => [e.id, e.label])).toEqual([
      [seed.barwick.id, null],
      [seed.roberts.id, null],
      [seed.wang.id, null],
    ]);
    expect(b.bibliography.split('\n').map((l) => l.slice(0, 12))).toEqual(['Barwick, B. ', 'Roberts, K. ', 'Wang, L. X.,', '']);
    expect(formatCitations([seed.roberts], 'apa', 'html').bibliography).toBe(
      '<div class="csl-bib-body">\n<p class="csl-entry" style="margin-left:0.5in;text-indent:-0.5in">Roberts, K. G. (2018). Why and how to treat Ph-like ALL? <i>Best Pract Res Clin Haematol</i>, <i>31</i>(4), 351–356.</p>\n</div>\n',
    );
  });

  it('a publication given twice is cited once; none gives an empty bibliography', () => {
    expect(formatCitations([seed.roberts, seed.roberts], 'vancouver', 'text').entries).toHaveLength(1);
    expect(formatCitations([], 'apa', 'html')).toMatchObject({ entries: [], bibliography: '' });
  });

  it('the bibliography export writes the list\'s numbered citations, Vancouver unless told', () => {
    const records = [seed.roberts, seed.barwick].map((publication) => ({ publication, genes: ['IKZF1'], inLibrary: true, note: 'a note', read: false, dateAdded: '2026-12-01T10:00:00Z', lists: ['Ward round'], url: 'https://pubmed.ncbi.nlm.nih.gov/', geneSources: [] }));
    const vancouver = renderExport('bibliography', records, { neutraliseCsvFormulas: true });
    expect(vancouver).toBe(formatCitations([seed.roberts, seed.barwick], 'vancouver', 'text').bibliography);
    expect(vancouver.startsWith('1. Roberts KG.')).toBe(true);
    expect(vancouver).not.toContain('a note');
    expect(renderExport('bibliography', records, { neutraliseCsvFormulas: true, style: 'apa' })).toBe(formatCitations([seed.roberts, seed.barwick], 'apa', 'text').bibliography);
  });
});

describe('the styles', () => {
  it('are the files in resources/csl/, byte for byte (npm run csl-files writes the module afresh)', async () => {
    const dir = join(ROOT, 'resources', 'csl');
    const names = (await readdir(dir)).filter((n) => /\.(csl|xml)$/.test(n)).sort();
    expect(Object.keys(CSL_FILES).sort()).toEqual(names);
    for (const name of names) expect(CSL_FILES[name as keyof typeof CSL_FILES], name).toBe(await readFile(join(dir, name), 'utf8'));
  });

  it('are the CSL project\'s Vancouver, AMA 11th and APA 7th, in en-US', () => {
    const title = (xml: string) => /<title>([^<]*)<\/title>/.exec(xml)?.[1];
    expect(title(CSL_FILES['vancouver.csl'])).toBe('Vancouver');
    expect(title(CSL_FILES['american-medical-association.csl'])).toBe('American Medical Association 11th edition');
    expect(title(CSL_FILES['apa.csl'])).toBe('American Psychological Association 7th edition');
    expect(CSL_FILES['locales-en-US.xml']).toContain('xml:lang="en-US"');
  });
});

describe('the service: cite and citeList', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let service: LibraryService;
  beforeEach(async () => {
    dir = await tempDir();
    service = await LibraryService.open(dir.path, { samplePath: SAMPLE });
  });
  afterEach(() => dir.cleanup());

  it('one id: its citation alone, text and HTML; several: the numbered bibliography; unknown ids reported', async () => {
    const one = await service.cite([seed.roberts.id], 'ama');
    expect(one).toEqual({
      text: 'Roberts KG. Why and how to treat Ph-like ALL? Best Pract Res Clin Haematol. 2018;31(4):351-356.',
      html: 'Roberts KG. Why and how to treat Ph-like ALL? <i>Best Pract Res Clin Haematol</i>. 2018;31(4):351-356.',
      items: 1,
      missing: [],
    });
    const several = await service.cite([seed.wang.id, 'pmid:1', seed.roberts.id, seed.wang.id]);
    expect(several.items).toBe(2);
    expect(several.missing).toEqual(['pmid:1']);
    expect(several.text).toMatch(/^1\. Wang LX.*\n2\. Roberts KG.*\n$/);
    expect(several.html).toMatch(/^<div class="csl-bib-body">\n<p class="csl-entry">1\. Wang LX/);
    await expect(service.cite(['pmid:1', 'pmid:2'])).rejects.toThrow('None of these publications is in the library: pmid:1, pmid:2.');
    await expect(service.cite(['pmid:1'])).rejects.toThrow('No publication with id pmid:1 is in the library.');
  });

  it('a bookmarked paper whose gene was removed still cites, from its list\'s snapshot', async () => {
    await service.bookmarkInFirstList(seed.barwick.id);
    await service.removeGene('IKZF1');
    expect((await service.cite([seed.barwick.id], 'vancouver')).text).toBe(
      'Barwick BG, Neri P, Bahlis NJ, et al. Multiple myeloma immunoglobulin lambda translocations portend poor prognosis. Nat Commun. 2019;10(1):1911.',
    );
    const list = await service.citeList(service.findListId('Reading list'), 'vancouver');
    expect(list).toMatchObject({ items: 1, missing: [] });
    expect(list.text).toMatch(/^1\. Barwick BG/);
  });

  it('citeList: a list, or All bookmarks, as a bibliography in the list\'s order; an empty list gives nothing', async () => {
    const ward = await service.createList('Ward round');
    expect(await service.citeList(ward.id, 'vancouver')).toEqual({ text: '', html: '', items: 0, missing: [] });
    for (const p of [seed.wang, seed.roberts]) await service.setMembership(p.id, ward.id, true);
    const list = await service.citeList(ward.id, 'vancouver');
    expect(list.items).toBe(2);
    expect(list.text.split('\n').map((l) => l.slice(0, 12))).toEqual(['1. Wang LX, ', '2. Roberts K', '']);
    await service.bookmarkInFirstList(seed.barwick.id);
    const all = await service.citeList(service.findListId('all bookmarks'), 'apa');
    expect(all.items).toBe(3);
    expect(all.html.match(/<p /g)).toHaveLength(3);
    expect((await service.renderList(ward.id, 'bibliography', { style: 'ama' })).text).toBe(list.text.replace('351–6', '351-356'));
    await expect(service.citeList('list-gone', 'apa')).rejects.toThrow('That reading list no longer exists.');
  });
});
