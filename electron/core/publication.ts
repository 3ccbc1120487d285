import type { Publication } from './model';
import { publicationId } from './identity';

/**
 * The one way a Publication is made from what a reader found, whatever the format: empty values
 * left out (so a merge can tell "absent" from "present"), text trimmed, the id worked out.
 */

/** The fields a reader fills; the rest get their empty defaults and the id is worked out. */
export type PublicationFields = Partial<Omit<Publication, 'id' | 'title'>> & { title: string };

export function makePublication(fields: PublicationFields): Publication {
  const pub: Publication = {
    id: '',
    authors: [],
    etAl: false,
    journal: '',
    freeFullText: false,
    abstract: '',
    ...dropEmpty(fields),
  };
  pub.title = pub.title.trim();
  pub.id = publicationId(pub);
  return pub;
}

function dropEmpty<T extends object>(fields: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' && value.trim() === '' && key !== 'title') continue;
    if (Array.isArray(value) && value.length === 0 && key !== 'authors') continue;
    out[key] = typeof value === 'string' ? value.trim() : value;
  }
  return out as T;
}
