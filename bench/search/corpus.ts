// A synthetic library for the search benchmark (issue 11): publications over genes with
// realistic shapes (a 12-word title, a 200-250-word abstract, 6-20 authors, 8-14 MeSH headings,
// keywords, a journal) whose words follow a Zipf law over a 60,000-word vocabulary, as real
// abstracts do, so that common words match tens of thousands of papers and rare ones a handful.
// The same seed gives the same library. Queries are made from a known target paper.
import type { Publication } from '../../electron/core/model';

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }
  next(): number {
    // xorshift32: fast, and the same everywhere.
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

const CONSONANTS = 'bcdfghjklmnprstvz';
const VOWELS = 'aeiou';
const REAL = (
  'leukemia lymphoblastic acute myeloid chronic patients cells gene expression mutation deletion relapse survival ' +
  'childhood risk therapy treatment clinical analysis tumor cancer protein transcription factor signaling pathway ' +
  'hematopoietic progenitor precursor b-cell t-cell lymphoma myeloma outcome prognostic minimal residual disease ' +
  'sequencing genomic copy number alterations kinase inhibitor resistance response trial cohort study associated ' +
  'increased decreased significantly compared model mouse xenograft stem differentiation proliferation apoptosis'
).split(' ');

/** A pronounceable made-up word: the long tail of a real vocabulary (drug codes, rare terms, names). */
function madeUpWord(r: Rng): string {
  const syllables = r.int(2, 4);
  let w = '';
  for (let i = 0; i < syllables; i++) w += CONSONANTS[r.int(0, CONSONANTS.length - 1)]! + VOWELS[r.int(0, VOWELS.length - 1)]!;
  if (r.next() < 0.5) w += CONSONANTS[r.int(0, CONSONANTS.length - 1)]!;
  return w;
}

function uniqueWords(r: Rng, count: number, make: (r: Rng) => string, seed: string[] = []): string[] {
  const seen = new Set(seed);
  const out = [...seed];
  while (out.length < count) {
    const w = make(r);
    if (!seen.has(w)) {
      seen.add(w);
      out.push(w);
    }
  }
  return out;
}

/** Draws word ranks by Zipf's law (s = 1) with a table, so a draw is one binary search. */
class Zipf {
  private readonly cdf: Float64Array;
  constructor(n: number, s = 1.05) {
    this.cdf = new Float64Array(n);
    let sum = 0;
    for (let k = 0; k < n; k++) this.cdf[k] = sum += 1 / Math.pow(k + 1, s);
    for (let k = 0; k < n; k++) this.cdf[k]! /= sum;
  }
  draw(r: Rng): number {
    const u = r.next();
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

const ACCENTED = ['Ayón-Pérez', 'Lilljebjörn', 'Müller', 'Sørensen', 'Gonçalves', 'Núñez', 'Dvořák', 'Łukasz', 'Öztürk', 'Béné'];

export interface Corpus {
  publications: Publication[];
  /** genes[g] = the ids of gene g's publications. */
  genes: Array<{ symbol: string; aliases: string[]; ids: string[] }>;
}

export function makeCorpus(count: number, geneCount: number, seed = 11): Corpus {
  const r = new Rng(seed);
  const words = uniqueWords(r, 60_000, madeUpWord, REAL);
  const zipf = new Zipf(words.length);
  // Titles lean to the middle of the vocabulary: a title says what is particular about a paper.
  const titleZipf = new Zipf(words.length, 0.75);
  const surnames = uniqueWords(r, 25_000, (x) => {
    const w = madeUpWord(x);
    return w[0]!.toUpperCase() + w.slice(1);
  }, ACCENTED);
  const surnameZipf = new Zipf(surnames.length, 0.9);
  const mesh = uniqueWords(r, 3_000, (x) => `${madeUpWord(x)} ${madeUpWord(x)}`).map((m) => m.replace(/^./, (c) => c.toUpperCase()));
  const meshZipf = new Zipf(mesh.length, 1);
  const journals = uniqueWords(r, 400, (x) => `${madeUpWord(x)} ${madeUpWord(x)}`).map((j) => j.replace(/\b./g, (c) => c.toUpperCase()));
  const genes = Array.from({ length: geneCount }, (_, g) => ({
    symbol: `G${madeUpWord(r).toUpperCase().slice(0, 4)}${g}`,
    aliases: [`${madeUpWord(r).toUpperCase()}${g}`],
    ids: [] as string[],
  }));
  const sentence = (n: number, z: Zipf) => Array.from({ length: n }, () => words[z.draw(r)]!).join(' ');
  const publications: Publication[] = [];
  for (let i = 0; i < count; i++) {
    const gene = genes[i % geneCount]!;
    const pmid = String(20_000_000 + i);
    const authors: string[] = [];
    const full: string[] = [];
    for (let a = r.int(6, 20); a > 0; a--) {
      const surname = surnames[surnameZipf.draw(r)]!;
      const initials = String.fromCharCode(65 + r.int(0, 25)) + (r.next() < 0.5 ? String.fromCharCode(65 + r.int(0, 25)) : '');
      authors.push(`${surname} ${initials}`);
      full.push(`${surname}, ${initials}`);
    }
    let abstract = '';
    for (let s = r.int(9, 12); s > 0; s--) abstract += `${sentence(r.int(16, 26), zipf).replace(/^./, (c) => c.toUpperCase())}. `;
    const p: Publication = {
      id: `pmid:${pmid}`,
      pmid,
      doi: `10.${1000 + (i % 400)}/j.${i}`,
      authors,
      authorsFull: full,
      etAl: false,
      title: `${sentence(r.int(9, 14), titleZipf).replace(/^./, (c) => c.toUpperCase())} in ${gene.symbol}-related disease`,
      journal: journals[i % journals.length]!,
      year: 1990 + r.int(0, 35),
      freeFullText: r.next() < 0.3,
      abstract: abstract.trim(),
      mesh: Array.from({ length: r.int(8, 14) }, () => ({ descriptor: mesh[meshZipf.draw(r)]!, major: r.next() < 0.3, qualifiers: [] })),
      keywords: Array.from({ length: r.int(3, 6) }, () => words[zipf.draw(r)]!),
    };
    publications.push(p);
    gene.ids.push(p.id);
  }
  return { publications, genes };
}

export type QueryStyle = 'exact words' | 'prefix' | 'one typo' | 'author surname';
export const STYLES: QueryStyle[] = ['exact words', 'prefix', 'one typo', 'author surname'];

export interface KnownQuery {
  style: QueryStyle;
  text: string;
  /** The paper the query was made from: it must be in the top 10. */
  target: string;
}

/** One edit (a letter changed, dropped or added) in the middle of a word: the typo a tired hand makes. */
function typo(word: string, r: Rng): string {
  const at = r.int(1, word.length - 2);
  const letter = 'aeioustrnl'[r.int(0, 9)]!;
  switch (r.int(0, 2)) {
    case 0:
      return word.slice(0, at) + (word[at] === letter ? 'x' : letter) + word.slice(at + 1);
    case 1:
      return word.slice(0, at) + word.slice(at + 1);
    default:
      return word.slice(0, at) + letter + word.slice(at);
  }
}

/**
 * `perStyle` queries of each style, each made from a target paper's title the way a clinician
 * remembers one: two or three of its less common words (their frequency across the corpus is
 * known), the last cut short while typing, one word mistyped, or the first author's surname and
 * one title word.
 */
export function makeQueries(corpus: Corpus, perStyle: number, seed = 7): KnownQuery[] {
  const r = new Rng(seed);
  const df = new Map<string, number>();
  for (const p of corpus.publications) for (const w of new Set(p.title.toLowerCase().split(/\W+/))) df.set(w, (df.get(w) ?? 0) + 1);
  const out: KnownQuery[] = [];
  for (const style of STYLES) {
    for (let q = 0; q < perStyle; q++) {
      const p = corpus.publications[r.int(0, corpus.publications.length - 1)]!;
      const titleWords = [...new Set(p.title.replace(/\.$/, '').split(/\s+/).map((w) => w.toLowerCase()))].filter((w) => /^[a-z]{5,}$/.test(w));
      // The words a reader remembers are the ones that say what the paper is about: not the commonest.
      const ranked = titleWords.sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0));
      const picked = ranked.slice(0, 3);
      let text: string;
      if (style === 'exact words') text = `${picked.join(' ')} `;
      else if (style === 'prefix') {
        const last = picked.at(-1)!;
        text = [...picked.slice(0, -1), last.slice(0, Math.max(4, Math.ceil(last.length * 0.6)))].join(' ');
      } else if (style === 'one typo') {
        const k = r.int(0, picked.length - 1);
        text = `${picked.map((w, i) => (i === k ? typo(w, r) : w)).join(' ')} `;
      } else {
        text = `${p.authors[0]!.split(' ')[0]} ${picked[0]} `;
      }
      out.push({ style, text, target: p.id });
    }
  }
  return out;
}
