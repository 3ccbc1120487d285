// Run by bench/scale in a fresh process: a cold start, as the app's main makes it: open the
// library, list the genes (the library view), open the first gene page. Prints JSON figures.
import { LibraryService } from '../../electron/core/service';

async function main(): Promise<void> {
  const started = performance.now();
  const service = await LibraryService.open(process.argv[2]!);
  const opened = performance.now();
  const genes = service.listGenes();
  const listed = performance.now();
  const page = await service.getGene(genes[0]!.symbol);
  const shown = performance.now();
  process.stdout.write(
    JSON.stringify({ openMs: opened - started, libraryViewMs: listed - started, firstGenePageMs: shown - started, publications: page?.publicationCount, rssMb: process.memoryUsage().rss / 1e6 }),
  );
}

main().catch((error) => {
  process.stdout.write(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
});
