// One writer of bench/crash: opens the library and writes note "<tag><i>" on one publication over
// and over, printing i once each write has resolved (an acknowledged write). Killed at random.
import { LibraryService } from '../../electron/core/service';

async function main(): Promise<void> {
  const [library, publication, tag] = process.argv.slice(2) as [string, string, string];
  const service = await LibraryService.open(library);
  for (let i = 1; ; i++) {
    await service.setNote('reading-list', publication, `${tag}${i}`);
    process.stdout.write(`${i}\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(3);
});
