import { readShardFile } from '../library';
import { documentOf } from './documents';
import { SegmentBuilder, type BuiltSegment } from './segment';

const DOCS_PER_SLICE = 100;

/**
 * One shard file of the library indexed as a segment, straight from the file (the index's worker
 * has no store, and in this thread the store's cache need not hold what is only indexed). A shard that cannot be read gives no segment: the store finds it
 * damaged, and offers to restore it, when a gene that cites it is shown.
 */
export async function buildShardSegment(dir: string, shard: string): Promise<{ signature: string | null; built: BuiltSegment | null }> {
  const { signature, publications } = await readShardFile(dir, shard);
  if (!publications) return { signature, built: null };
  const builder = new SegmentBuilder();
  for (let i = 0; i < publications.length; i++) {
    builder.add(documentOf(publications[i]!));
    // The index's worker answers searches between slices of a shard (2,000 papers take a second).
    if (i % DOCS_PER_SLICE === DOCS_PER_SLICE - 1) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { signature, built: builder.finish() };
}
