import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeNameList } from '../../electron/core/formats/bibtex/names';
import { decodeTexText, scanFields } from '../../electron/core/formats/bibtex/tex-text';
import { parseBibtex } from '../../electron/core/formats/bibtex/reader';
import { cslToPublication } from '../../electron/core/formats/csl-json';
import { paragraphs } from '../../electron/core/publication';

// The BibTeX reader decodes abstracts itself when they are plain TeX text (citation-js's grammar
// is slow on long fields) and leaves anything else to citation-js. Differential: wherever the
// decoder answers, it must answer what citation-js would.

function viaCitationJs(tex: string, field: 'abstract' | 'title'): string {
  const [item] = plugins.input.chain(`@article{k, ${field === 'title' ? '' : 'title = {T}, '}${field} = {${tex}}}`, { forceType: '@biblatex/text', generateGraph: false }) as Array<{ abstract?: string; title?: string }>;
  return item?.[field] ?? '';
}
// Both as GeneShelf stores an abstract: white space collapsed, TeX's dotless i under an accent a plain i.
const stored = (text: string) => paragraphs(text.replace(/ı(?=[\u0300-\u036f])/g, 'i').normalize('NFC'));

const TOKENS = ['a', 'B', ' ', '\n', 'IKZF1', '\\"o', '\\"{o}', "{\\'e}", '\\c{c}', '\\v s', '{\\ss}', '\\o{}', '\\l ', '{\\"\\i}', '\\%', '\\&', '\\$', '\\#', '\\_', '\\{', '\\}', '\\textbackslash{}', '\\textasciitilde{}', '\\textasciicircum{}', '\\textless{}', '--', '---', '``', "''", '~', '{IKZF1}', '5', ',', '.', '(', ')', ':', ';', '-', '/', 'α'];

describe('decodeTexText', () => {
  for (const field of ['abstract', 'title'] as const) {
    it(`decodes plain TeX text in ${field === 'title' ? 'a title' : 'an abstract'} exactly as citation-js does`, () => {
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }), (tokens) => {
          const tex = tokens.join('');
          const ours = decodeTexText(tex);
          expect(ours).not.toBeNull();
          expect(stored(ours!)).toBe(stored(viaCitationJs(tex, field)));
        }),
        { numRuns: 1000 },
      );
    });
  }

  it('decodes plain TeX keywords to the keywords citation-js gives', () => {
    const KEYWORD_TOKENS = [...TOKENS.filter((t) => t !== ','), ', ', ',', '; ', 'copy number', 'B-cell'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...KEYWORD_TOKENS), { maxLength: 30 }), (tokens) => {
        const tex = tokens.join('');
        expect(decodeTexText(tex)).not.toBeNull();
        const [item] = plugins.input.chain(`@article{k, title = {T}, keywords = {${tex}}}`, { forceType: '@biblatex/text', generateGraph: false }) as Array<{ keyword?: string }>;
        // As the reader tidies citation-js's keywords: it closes up the commas inside ";" lists.
        const keyword = item?.keyword?.includes(';') ? item.keyword.replace(/,(?=\S)/g, ', ') : item?.keyword;
        const theirs = cslToPublication({ title: 'T', keyword }, [], 1)!.keywords ?? [];
        const ours = parseBibtex(`@article{k, title = {T}, keywords = {${tex}}}`).records[0]!.publication.keywords ?? [];
        expect(ours.map(stored)).toEqual(theirs.map(stored));
      }),
      { numRuns: 500 },
    );
  });

  it('knows \\AA and \\aa, which citation-js leaves as written', () => {
    expect(decodeTexText('{\\AA}sberg and Kj{\\aa}r')).toBe('Åsberg and Kjår');
    expect(viaCitationJs('{\\AA}sberg', 'title')).toBe('\\AAsberg');
  });

  it('leaves math, markup and unknown commands to citation-js', () => {
    for (const tex of ['the $\\alpha$ chain', 'an \\emph{italic} word', 'a \\unknowncommand here', 'a trailing \\']) expect(decodeTexText(tex)).toBeNull();
  });
});

// Where a field's braced value lies: null when it is absent, quoted or concatenated (citation-js then reads it).
const bracedField = (entry: string, wanted: string) => scanFields(entry)?.find((f) => f.name === wanted)?.braced ?? null;

describe('scanFields', () => {
  it('finds a field by walking the fields, not by searching for its name', () => {
    const entry = '@article{k,\n  title = {An abstract = {not this}},\n  note = "a {quoted} value",\n  journal = blood # { Journal},\n  abstract = {The \\{real\\} one}\n}\n';
    const at = bracedField(entry, 'abstract')!;
    expect(entry.slice(at.start, at.end)).toBe('The \\{real\\} one');
    expect(bracedField(entry, 'journal')).toBeNull(); // concatenated: citation-js resolves it
    expect(bracedField(entry, 'note')).toBeNull(); // quoted
    expect(bracedField(entry, 'doi')).toBeNull();
    expect(bracedField('@article{k, abstract = {unclosed', 'abstract')).toBeNull();
  });
});

// Author lists in the plain form ("von Last, First and ...") are read in names.ts; anything else
// goes to citation-js. Differential again: wherever decodeNameList answers, citation-js agrees.
const FAMILY = ['Mullighan', 'Lilljebj{\\"o}rn', '\\c{C}elik', 'Strau{\\ss}', "O'Connor", 'Payne-Turner', '{\\v{Z}}aliov{\\\'a}', 'MULLIGAN', 'B{\\o}gsted', 'Gon\\c{c}alves', 'Sm{\\"\\i}th'];
const PARTICLE = ['van', 'der', 'de', 'la', 'den', 'von', 'du', 'della', 'Rivera'];
const GIVEN = ['Charles G', 'Jo{\\~a}o Paulo', 'Anne-Kathrin', 'J. J. M.', 'C.G.', '{\\"O}mer', 'Ay\\c{s}e', 'Jun J'];
const plainName = fc
  .record({ particles: fc.array(fc.constantFrom(...PARTICLE), { maxLength: 3 }), family: fc.array(fc.constantFrom(...FAMILY), { minLength: 1, maxLength: 2 }), given: fc.constantFrom(...GIVEN), spaces: fc.constantFrom(' ', '  ', '\n    ') })
  .map(({ particles, family, given, spaces }) => `${[...particles, ...family].join(spaces)},${spaces}${given}`);
// Forms left to citation-js: a protected group, "First Last", a Jr part, "others", a tie (and two
// read here however they look: one-word last names that start in lower case or with TeX).
const otherName = fc.constantFrom('{Children\'s Oncology Group}', 'Charles G Mullighan', 'Smith, Jr, John', 'others', 'Mullighan,~Charles', '{van Dongen}, Jacques', 'd\'Alembert, Jean', '{\\"o}zt{\\"u}rk, Ali');
const asStored = (names: unknown) => JSON.parse(JSON.stringify(names, (_, v) => (typeof v === 'string' ? v.replace(/ı(?=[\u0300-\u036f])/g, 'i').normalize('NFC') : v)));

describe('decodeNameList', () => {
  it('reads "von Last, First" lists exactly as citation-js does, and leaves every other form to it', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 6, arbitrary: plainName }, { weight: 1, arbitrary: otherName }), { minLength: 1, maxLength: 6 }), (names) => {
        const tex = names.join(' and ');
        const ours = decodeNameList(tex);
        const [item] = plugins.input.chain(`@article{k, title = {T}, author = {${tex}}}`, { forceType: '@biblatex/text', generateGraph: false }) as Array<{ author?: unknown }>;
        if (ours !== null) expect(asStored(ours)).toEqual(asStored(item!.author));
        // The plain form is always taken here (that is the time saved); one other name sends the list away.
        // (A word before the last that starts with TeX is a particle to citation-js: its to read.)
        const texParticle = (n: string) => n.split(',')[0]!.trim().split(/\s+/).slice(0, -1).some((w) => /^[{\\]/.test(w));
        const plain = names.every((n) => !/^(?:\{C|Charles G M|Smith, Jr|others|Mullighan,~|\{van)/.test(n) && !texParticle(n));
        expect(ours !== null).toBe(plain);
      }),
      { numRuns: 1000 },
    );
  });

  it('a BibTeX author list reads the same whichever reads it', () => {
    const entry = (author: string) => `@article{k,\n  title = {T},\n  author = {${author}}\n}\n`;
    const plain = parseBibtex(entry('van der Velden, Vincent H J and Lilljebj{\\"o}rn, Henrik')).records[0]!.publication;
    expect(plain.authorsFull).toEqual(['van der Velden, Vincent H J', 'Lilljebjörn, Henrik']);
    expect(plain.authors).toEqual(['van der Velden VHJ', 'Lilljebjörn H']);
    const mixed = parseBibtex(entry('van der Velden, Vincent H J and Lilljebj{\\"o}rn, Henrik and {AIEOP-BFM Study Group}')).records[0]!.publication;
    expect(mixed.authors.slice(0, 2)).toEqual(plain.authors);
  });
});

// An article whose short fields are all plain is made into CSL here, without citation-js (see
// articleItem in reader.ts). Differential: the publication is the one citation-js's item gives.
const MACROS = '@String{haem = {Haematologica}}\n@String{jco = {Journal of Clinical Oncology}}\n';
const shortField = fc.constantFrom(
  'journal = {Blood}',
  'journal = haem',
  'journal = {Br J Ha{\\"e}matol}',
  'journaltitle = {Leukemia}',
  'shortjournal = {J Clin Oncol}',
  'volume = {65}',
  'volume = 12',
  'number = {20}',
  'pages = {4172--4185}',
  'pages = {e1234}',
  'pages = {12 - 19}',
  'year = {1998}',
  'year = 2021',
  'month = nov',
  'month = {11}',
  'doi = {10.3324/haematol.2019.000001}',
  'pmid = {30000001}',
  'pmid = 31234567',
  'pmcid = {PMC6012345}',
);
// Fields and forms citation-js is still given: another field, a concatenation, an unknown macro, TeX in a DOI, a year that is not one.
const otherField = fc.constantFrom('booktitle = {Proc}', 'journal = jco # { Reports}', 'journal = nomacro', 'doi = {10.1000/a\\_b}', 'year = {in press}', 'date = {2019-05}', 'volume = "7"');

describe('articles read without citation-js', () => {
  it('give the publication citation-js would give', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.oneof({ weight: 5, arbitrary: shortField }, { weight: 1, arbitrary: otherField }), { maxLength: 8, selector: (f) => f.split(' ')[0] }), fc.constantFrom('article', 'Article', 'book'), (fields, type) => {
        const entry = `${MACROS}@${type}{key1,\n  title = {IKZF1 deletions in {B}-cell ALL},\n  author = {van der Velden, Vincent H J and Mullighan, Charles G},\n${fields.map((f) => `  ${f},\n`).join('')}}\n`;
        const ours = parseBibtex(entry);
        expect(ours.warnings).toEqual([]);
        const [item] = plugins.input.chain(entry, { forceType: '@biblatex/text', generateGraph: false }) as Array<Record<string, unknown>>;
        expect(ours.records[0]!.publication).toEqual(cslToPublication(item!, [], ours.records[0]!.line));
      }),
      { numRuns: 500 },
    );
  });
});
