import type { Publication } from '../../../electron/contract';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether a publication's title or abstract mentions a literature term: case-insensitive, as
 * whole words (so "VIP" does not match "VIPER"), with any run of spaces or hyphens between words
 * ("Zinc Fingers" matches "zinc-fingers") and a plural allowed ("Mutation" matches "mutations").
 */
export function mentions(p: Publication, term: string): boolean {
  const words = term.trim().split(/[\s-]+/).filter(Boolean).map(escapeRegExp);
  if (words.length === 0) return false;
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[\\s\\-]+')}(?:s|es)?(?![\\p{L}\\p{N}])`, 'iu');
  return re.test(p.title) || re.test(p.abstract);
}

export function filterByTerm(publications: Publication[], term: string | null): Publication[] {
  return term ? publications.filter((p) => mentions(p, term)) : publications;
}
