// One writer of bench/crash, killed at random. With a publication id: writes note "<tag><i>" on
// it over and over (user.json). With "gene" and a start number: imports gene CRASH<i % 3> with
// three publications of its own titled "g<i> ..." over and over, i counting on from the start (a
// shard, identity.log and the catalogue per write). Prints i once each write has resolved (an
// acknowledged write).
import { LibraryService } from '../../electron/core/service';
import { crashGene } from './gene';

async function main(): Promise<void> {
  const [library, publication, tag] = process.argv.slice(2) as [string, string, string];
  const service = await LibraryService.open(library);
  // A gene writer counts on from the number it is given, so no two rounds make the same write.
  for (let i = publication === 'gene' ? Number(tag) + 1 : 1; ; i++) {
    if (publication === 'gene') await service.store.saveGenes([crashGene(i)], 'crash');
    else await service.setNote('reading-list', publication, `${tag}${i}`);
    process.stdout.write(`${i}\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(3);
});
