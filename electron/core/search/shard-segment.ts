import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Publication } from '../model';
import { documentOf } from './documents';
import { SegmentBuilder, type BuiltSegment } from './segment';

/**
 * One shard file of the library indexed as a segment, straight from the file: what the indexing
 * worker does (it has no store). The signature is taken before the file is read, so a shard
 * rewritten meanwhile is seen as changed at the next catch-up. A shard that cannot be read gives
 * no segment: the store finds it damaged, and offers to restore it, when a gene that cites it is shown.
 */
export async function buildShardSegment(dir: string, shard: string): Promise<{ signature: string | null; built: BuiltSegment | null }> {
  // The store's own rule for a shard's name (p and six digits), so nothing else becomes a path.
  if (!/^p\d{6}$/.test(shard)) return { signature: null, built: null };
  const file = join(dir, 'publications', `${shard}.json`);
  let signature: string | null = null;
  try {
    const s = await stat(file);
    signature = `${s.ino}:${s.size}:${s.mtimeMs}`;
    const data = JSON.parse(await readFile(file, 'utf8')) as { schemaVersion?: unknown; publications?: unknown };
    if (data.schemaVersion !== 1 || !data.publications || typeof data.publications !== 'object' || Array.isArray(data.publications)) return { signature, built: null };
    const builder = new SegmentBuilder();
    for (const p of Object.values(data.publications as Record<string, Publication>)) {
      if (p && typeof p === 'object' && typeof p.id === 'string') builder.add(documentOf(p));
    }
    return { signature, built: builder.finish() };
  } catch {
    return { signature, built: null };
  }
}
