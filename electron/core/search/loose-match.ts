import { typosFor } from './engine';
import type { QueryClause } from './query';

/**
 * The forgiving match of the publication index, for the few short texts searched without an index
 * (gene symbols, aliases and names; the user's notes and list names): every clause must match,
 * a word as itself, as the start of a word while being typed, or within its typos; a phrase as
 * its words in order.
 */

/** Edit distance of a and b, or max + 1 once it is certain to exceed max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/** How well one word of a text answers one query term: 1 itself, less for a prefix or a typo, 0 not at all. */
function wordMatch(word: string, term: string, clause: QueryClause): number {
  if (word === term) return 1;
  if (clause.exact) return 0;
  if (clause.prefix && word.startsWith(term)) return 0.8;
  const typos = typosFor(term);
  return typos && editDistance(word, term, typos) <= typos ? 0.5 : 0;
}

/**
 * How well folded words (termsOf a text) answer every clause: 0 when one clause is not matched,
 * else the mean of each clause's best match. `alternatives` gives other terms a single word also
 * stands for (a gene's aliases).
 */
export function looseMatch(words: string[], clauses: QueryClause[], alternatives?: (term: string) => string[]): number {
  if (clauses.length === 0) return 0;
  let total = 0;
  for (const clause of clauses) {
    let best = 0;
    if (clause.terms.length > 1) {
      const n = clause.terms.length;
      for (let i = 0; i + n <= words.length && !best; i++) if (clause.terms.every((t, k) => words[i + k] === t)) best = 1;
    } else {
      const terms = [clause.terms[0]!, ...(alternatives?.(clause.terms[0]!) ?? [])];
      for (const word of words) for (const term of terms) best = Math.max(best, wordMatch(word, term, clause) * (term === clause.terms[0] ? 1 : 0.9));
    }
    if (!best) return 0;
    total += best;
  }
  return total / clauses.length;
}
