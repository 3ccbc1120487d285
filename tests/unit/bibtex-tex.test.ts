import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeTexText, scanFields } from '../../electron/core/formats/bibtex/tex-text';
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
