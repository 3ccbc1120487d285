// The synthetic corpus as a GeneShelf library on disk (schema-3 catalogue, 2,000-publication shards,
// identity.log), so the search benchmark can time a cold start of the app's core on it.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { identityOf } from '../../electron/core/identity';
import { identityFile, writeWholeLog } from '../../electron/core/library/identity-index';
import type { Corpus } from './corpus';

const SHARD_SIZE = 2000;
const shardName = (n: number) => `p${String(n).padStart(6, '0')}`;

export async function writeCorpusLibrary(dir: string, corpus: Corpus): Promise<void> {
  await mkdir(join(dir, 'publications'), { recursive: true });
  // A gene's publications together, as an import places them.
  const byId = new Map(corpus.publications.map((p) => [p.id, p]));
  const ordered = corpus.genes.flatMap((g) => g.ids);
  const placement = new Map<string, string>();
  const shards: Record<string, number> = {};
  for (let i = 0, n = 0; i < ordered.length; i += SHARD_SIZE, n++) {
    const name = shardName(n);
    const publications: Record<string, unknown> = {};
    for (const id of ordered.slice(i, i + SHARD_SIZE)) {
      publications[id] = byId.get(id);
      placement.set(id, name);
    }
    shards[name] = Object.keys(publications).length;
    await writeFile(join(dir, 'publications', `${name}.json`), JSON.stringify({ schemaVersion: 1, publications }));
  }
  await writeWholeLog(identityFile(dir), corpus.publications.map(identityOf), { generation: 0, stamp: '' });
  const genes: Record<string, unknown> = {};
  for (const g of corpus.genes) {
    const runs: Array<[string, number]> = [];
    for (const id of g.ids) {
      const shard = placement.get(id)!;
      const last = runs.at(-1);
      if (last && last[0] === shard) last[1]++;
      else runs.push([shard, 1]);
    }
    genes[g.symbol] = {
      symbol: g.symbol, name: `synthetic gene ${g.symbol}`, aliases: g.aliases, location: '', summary: '', protein: '', databases: [],
      ontology: { count: 0, terms: [] }, cancerOverview: '', specificCancers: [], literatureTerms: [], provenance: {},
      publicationIds: g.ids, runs, importedAt: new Date().toISOString(), importedFrom: 'bench',
    };
  }
  await writeFile(join(dir, 'library.json'), JSON.stringify({ schemaVersion: 3, genes, shards, nextShard: Object.keys(shards).length, generation: 0 }));
}
