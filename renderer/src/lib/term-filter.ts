import type { Publication } from '../../../electron/contract';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether a publication is about a literature term: PubMed indexed it with that MeSH heading, or
 * its title or abstract mentions it, case-insensitive, as whole words (so "VIP" does not match
 * "VIPER"), with any run of spaces or hyphens between words ("Zinc Fingers" matches
 * "zinc-fingers") and a plural allowed ("Mutation" matches "mutations").
 */
export function mentions(p: Publication, term: string): boolean {
  const key = term.trim().toLowerCase();
  if (p.mesh?.some((h) => h.descriptor.toLowerCase() === key)) return true;
  const words = term.trim().split(/[\s-]+/).filter(Boolean).map(escapeRegExp);
  if (words.length === 0) return false;
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[\\s\\-]+')}(?:s|es)?(?![\\p{L}\\p{N}])`, 'iu');
  return re.test(p.title) || re.test(p.abstract);
}

export function filterByTerm(publications: Publication[], term: string | null): Publication[] {
  return term ? publications.filter((p) => mentions(p, term)) : publications;
}
