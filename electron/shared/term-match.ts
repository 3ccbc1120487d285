import type { Publication } from '../core/model';

/**
 * Whether a publication is about a literature term: PubMed indexed it with that MeSH heading, its
 * authors gave it as a keyword, or its title or abstract mentions it, case-insensitive, as whole words (so "VIP" does not match
 * "VIPER"), with any run of spaces or hyphens between words ("Zinc Fingers" matches
 * "zinc-fingers") and a plural allowed ("Mutation" matches "mutations"). Built once per term, so
 * thousands of publications are tested without building thousands of expressions.
 * Shared: main counts and filters with it, and the tests hold the rule in one place.
 */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function termMatcher(term: string): (p: Pick<Publication, 'title' | 'abstract' | 'mesh' | 'keywords'>) => boolean {
  const key = term.trim().toLowerCase();
  const words = term.trim().split(/[\s-]+/).filter(Boolean).map(escapeRegExp);
  if (words.length === 0) return () => false;
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[\\s\\-]+')}(?:s|es)?(?![\\p{L}\\p{N}])`, 'iu');
  return (p) => !!p.mesh?.some((h) => h.descriptor.toLowerCase() === key) || !!p.keywords?.some((k) => k.toLowerCase() === key) || re.test(p.title) || re.test(p.abstract);
}
