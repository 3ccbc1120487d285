/**
 * Issue 4's budget, measured: parsing a 10,000-record PubMed MEDLINE (.nbib) file takes under 2 s
 * on this machine. Also prints the whole preview (decode, parse, match against the library) and
 * the commit. Prints figures; it is not a timed test. Run: npm run bench
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { medline } from '../electron/core/formats/medline';
import { readAll } from '../electron/core/formats';
import { LibraryService } from '../electron/core/service';
import { medlineExport } from '../tests/fixtures/medline-export';

// npm runs benchmarks from the repository's root.
const SAMPLE = join(process.cwd(), 'resources', 'samples', 'IKZF1.genefile.json');

const RECORDS = 10_000;
const ms = (n: number) => `${n.toFixed(0)} ms`;

export async function run(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'geneshelf-bench-import-'));
  try {
    const text = medlineExport(RECORDS);
    const file = join(dir, 'pubmed.nbib');
    await writeFile(file, text);
    console.log(`MEDLINE file: ${RECORDS.toLocaleString('en-GB')} records, ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB`);

    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      const parsed = readAll(medline, text);
      runs.push(performance.now() - start);
      if (parsed.records.length !== RECORDS) throw new Error(`read ${parsed.records.length} records`);
    }
    runs.sort((a, b) => a - b);
    console.log(`parse ${RECORDS.toLocaleString('en-GB')} MEDLINE records: median ${ms(runs[2]!)}, slowest ${ms(runs.at(-1)!)} (budget < 2000 ms)`);

    const service = await LibraryService.open(join(dir, 'library'), { samplePath: SAMPLE });
    let start = performance.now();
    let progressReports = 0;
    const preview = await service.previewImport(file, { gene: 'IKZF1', onProgress: () => progressReports++ });
    console.log(`preview (read, decode, parse in slices, match against the library): ${ms(performance.now() - start)}, ${progressReports} progress reports, counts ${JSON.stringify(preview.counts)}`);
    start = performance.now();
    await service.commitImport(preview.token);
    console.log(`commit (one write of the library and its snapshots): ${ms(performance.now() - start)}`);
    start = performance.now();
    const again = await service.previewImport(file, { gene: 'IKZF1' });
    console.log(`the same file again, all duplicates: ${ms(performance.now() - start)}, counts ${JSON.stringify(again.counts)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
