/**
 * Issue 3's budgets, measured on the real store over real files:
 *  - a bookmark toggle is on disk (written, fsynced, renamed) in under 20 ms p95 with a library of
 *    100,000 publications;
 *  - 10,000 reading-list items export to CSV in under 100 ms.
 * Prints figures; it is not a timed test. Run: npm run bench
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { geneWithSymbol, type Gene, type Publication } from '../electron/core/model';
import { LibraryService } from '../electron/core/service';
import { LibraryStore, itemId } from '../electron/core/library';
import { renderExport } from '../electron/core/lists';
import { exportRecords } from '../electron/core/lists';

const GENES = 100;
const PER_GENE = 1000;
// A heavy reader's count (issue 10's figure); GENESHELF_BENCH_BOOKMARKS=1000 for a lighter one.
const BOOKMARKS = Number(process.env.GENESHELF_BENCH_BOOKMARKS ?? 10_000);
// Over JOURNAL_MAX_LINES, so the times include user.json being written whole as often as it is in use.
const TOGGLES = 1000;
const EXPORT_ITEMS = 10_000;

const ABSTRACT = 'BACKGROUND: IKZF1 deletions define a high-risk subgroup of B-cell precursor acute lymphoblastic leukaemia. '.repeat(8);

function publication(g: number, i: number): Publication {
  const pmid = String(20_000_000 + g * PER_GENE + i);
  return {
    id: `pmid:${pmid}`,
    pmid,
    doi: `10.1000/bench.${pmid}`,
    authors: ['Ayón-Pérez MF', 'Lilljebjörn H', 'Roberts KG', 'Mullighan CG'],
    etAl: true,
    title: `Synthetic study ${g}-${i} of "copy number" changes, cohort ${i % 97}, in B-ALL`,
    journal: ['Blood', 'Leukemia', 'Nat Commun', 'J Clin Oncol'][i % 4]!,
    year: 1995 + (i % 30),
    volume: String(i % 120),
    issue: String(i % 12),
    pages: `${i}-${i + 9}`,
    freeFullText: i % 3 === 0,
    abstract: ABSTRACT,
  };
}

function gene(g: number): Gene {
  return { ...geneWithSymbol(`GENE${g}`, Array.from({ length: PER_GENE }, (_, i) => publication(g, i))), name: `benchmark gene ${g}`, location: '7p12.2' };
}

const ms = (n: number) => `${n.toFixed(2)} ms`;
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function run(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'geneshelf-bench-lists-'));
  try {
    let t = performance.now();
    const store = await LibraryStore.open(dir);
    await store.saveGenes(Array.from({ length: GENES }, (_, g) => gene(g)), 'bench');
    const librarySize = (await stat(LibraryStore.libraryFile(dir))).size;
    console.log(`library: ${(GENES * PER_GENE).toLocaleString('en-GB')} publications, library.json ${(librarySize / 1e6).toFixed(1)} MB, built in ${ms(performance.now() - t)}`);

    t = performance.now();
    await LibraryService.open(dir);
    console.log(`first open (read, check, back up): ${ms(performance.now() - t)}`);
    t = performance.now();
    const service = await LibraryService.open(dir);
    console.log(`next open (read, check; the backup is current): ${ms(performance.now() - t)}`);

    // A heavy reader: BOOKMARKS bookmarks already, each with its snapshot in user.json.
    await service.store.changeUser((draft) => {
      const now = new Date().toISOString();
      for (let i = 0; i < BOOKMARKS; i++) draft.lists[0]!.items.push({ id: itemId(), modifiedAt: now, publicationId: `pmid:${20_000_000 + ((i * 7) % (GENES * PER_GENE))}`, dateAdded: now, note: 'a note', read: false });
    });
    const userSize = (await stat(LibraryStore.userFile(dir))).size;
    console.log(`user.json with ${BOOKMARKS.toLocaleString('en-GB')} bookmarks and their snapshots: ${(userSize / 1e6).toFixed(2)} MB`);

    const libraryMtime = (await stat(LibraryStore.libraryFile(dir))).mtimeMs;
    const times: number[] = [];
    for (let i = 0; i < TOGGLES; i++) {
      const id = `pmid:${20_050_000 + (i % 50)}`;
      const start = performance.now();
      await service.toggleBookmark(id);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const untouched = (await stat(LibraryStore.libraryFile(dir))).mtimeMs === libraryMtime;
    console.log(
      `bookmark toggle, on disk (${TOGGLES} toggles): p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}, max ${ms(times.at(-1)!)}` +
        ` (budget p95 < 20 ms); library.json rewritten: ${untouched ? 'no' : 'YES'}`,
    );

    // 10,000 items: the first list view, its entries repeated from the library.
    const ids = Array.from({ length: EXPORT_ITEMS }, (_, i) => `pmid:${20_000_000 + i}`);
    await service.store.changeUser((draft) => {
      const now = new Date().toISOString();
      draft.lists[0]!.items = ids.map((publicationId) => ({ id: itemId(), modifiedAt: now, publicationId, dateAdded: now, note: 'Discuss at MDT,\nsecond line', read: false }));
    });
    let built = performance.now();
    const view = (await service.getList('reading-list'))!;
    built = performance.now() - built;
    console.log(`reading-list view of ${EXPORT_ITEMS.toLocaleString('en-GB')} items built in ${ms(built)}`);
    const records = exportRecords(view);
    for (const format of ['csv', 'ris', 'bibtex', 'csljson'] as const) {
      const runs: number[] = [];
      let bytes = 0;
      for (let r = 0; r < 11; r++) {
        const start = performance.now();
        bytes = renderExport(format, records, { neutraliseCsvFormulas: true }).length;
        runs.push(performance.now() - start);
      }
      runs.sort((a, b) => a - b);
      console.log(`export ${EXPORT_ITEMS.toLocaleString('en-GB')} items as ${format}: median ${ms(runs[5]!)} (${(bytes / 1e6).toFixed(1)} M chars)${format === 'csv' ? ' (budget < 100 ms)' : ''}`);
    }
    const start = performance.now();
    await service.exportListTo('reading-list', 'csv', join(dir, 'export.csv'));
    console.log(`export ${EXPORT_ITEMS.toLocaleString('en-GB')} items to a CSV file, view built and written atomically: ${ms(performance.now() - start)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
