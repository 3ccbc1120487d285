import { readShardFile } from '../library';
import { documentOf } from './documents';
import { SegmentBuilder, type BuiltSegment } from './segment';

/**
 * One shard file of the library indexed as a segment, straight from the file: what the indexing
 * worker does (it has no store). A shard that cannot be read gives no segment: the store finds it
 * damaged, and offers to restore it, when a gene that cites it is shown.
 */
export async function buildShardSegment(dir: string, shard: string): Promise<{ signature: string | null; built: BuiltSegment | null }> {
  const { signature, publications } = await readShardFile(dir, shard);
  if (!publications) return { signature, built: null };
  const builder = new SegmentBuilder();
  for (const p of publications) builder.add(documentOf(p));
  return { signature, built: builder.finish() };
}
