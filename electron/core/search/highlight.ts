import { termsOfWord } from './fold';

/** [start, end) of each displayed word the query matched, for the renderer to mark. */
export type Marks = Array<[number, number]>;

const WORDS = /[\p{L}\p{N}]+/gu;

/**
 * Where a text shows the words a query matched: each word of the text folded as the index folds
 * it, marked when its term is one the query matched through (`terms`) or begins with a word
 * being typed (`prefixes`). Main works this out, so the renderer only draws <mark>s.
 */
export function marksIn(text: string, terms: ReadonlySet<string>, prefixes: readonly string[] = []): Marks {
  const marks: Marks = [];
  if (!text || (terms.size === 0 && prefixes.length === 0)) return marks;
  for (const m of text.matchAll(WORDS)) {
    const folded = termsOfWord(m[0]);
    if (folded.some((t) => terms.has(t) || prefixes.some((p) => t.startsWith(p)))) marks.push([m.index!, m.index! + m[0].length]);
  }
  return marks;
}
