import fc from 'fast-check';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeLines, readIdentityLog, wholeLog } from '../../electron/core/library/identity-index';
import type { Identity } from '../../electron/core/identity';
import { tempDir } from '../helpers';
import { buildIndex, identityOf } from '../../electron/core/import/merge';
import { mayMatch, planRecordImport } from '../../electron/core/import/plan';
import type { Publication } from '../../electron/core/model';
import type { ParsedRecord } from '../../electron/core/formats';

// An import reads from the library's identity index only the identities its records may match
// (mayMatch): the plan must be the one the whole index gives, duplicates and near matches alike.

const SURNAMES = ['Smith', 'Nakamura', 'Okonkwo', 'Lindqvist'];
const TITLES = ['IKZF1 deletions in leukaemia', 'IKZF1 deletion in leukemia', 'PAX5 alterations in B-ALL', 'Outcome of Ph-like ALL', 'Outcome of Ph like ALL in children'];

const paper = fc.record({
  pmid: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
  doi: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
  title: fc.constantFrom(...TITLES),
  surname: fc.constantFrom(...SURNAMES),
  year: fc.integer({ min: 2019, max: 2021 }),
});

function publicationOf(x: { pmid?: number; doi?: number; title: string; surname: string; year: number }, n: number): Publication {
  const pmid = x.pmid === undefined ? undefined : String(30_000_000 + x.pmid);
  return {
    id: pmid ? `pmid:${pmid}` : `lib:${n}`,
    ...(pmid ? { pmid } : {}),
    ...(x.doi === undefined ? {} : { doi: `10.1000/x${x.doi}` }),
    authors: [`${x.surname} A`],
    etAl: false,
    title: x.title,
    journal: 'Blood',
    year: x.year,
    freeFullText: false,
    abstract: '',
  };
}

describe('the identities an import reads', () => {
  it('give the same plan as the whole index', () => {
    fc.assert(
      fc.property(fc.array(paper, { maxLength: 30 }), fc.array(paper, { minLength: 1, maxLength: 10 }), (libraryPapers, filePapers) => {
        const library = new Map<string, Publication>();
        libraryPapers.forEach((x, n) => {
          const p = publicationOf(x, n);
          library.set(p.id, p);
        });
        const records: ParsedRecord[] = filePapers.map((x, n) => ({ publication: { ...publicationOf(x, 1000 + n), id: `file:${n}` }, line: n + 1 }));
        const all = [...library.values()].map(identityOf);
        const keep = mayMatch(records);
        const some = all.filter((x) => keep(x.pmid ?? '', x.doi ?? '', x.key));
        const everyNear = new Set(records.map((_, i) => i));
        for (const mergeNear of [new Set<number>(), everyNear]) {
          const whole = planRecordImport(records, records.length, { index: buildIndex(all), stored: library }, new Set(), mergeNear);
          const filtered = planRecordImport(records, records.length, { index: buildIndex(some), stored: library }, new Set(), mergeNear);
          expect(filtered).toEqual(whole);
        }
      }),
      { numRuns: 400 },
    );
  });

  let dir: { path: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    dir = await tempDir();
  });
  afterAll(() => dir.cleanup());

  // A library's history as identity.log holds it: changes that store papers (some again, their
  // fields changed) and let others go, each ended by its marker.
  const change = fc.record({
    stored: fc.array(fc.tuple(fc.integer({ min: 0, max: 15 }), paper), { maxLength: 8 }),
    letGo: fc.array(fc.integer({ min: 0, max: 15 }), { maxLength: 4 }),
  });

  it('read from the log, give the plan of the whole index, and the whole index is the history applied', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 8 }), fc.array(paper, { minLength: 1, maxLength: 8 }), async (history, filePapers) => {
        const model = new Map<string, Publication>();
        let text = [...wholeLog([], { generation: 0, stamp: 'a0' })].join('');
        history.forEach((c, g) => {
          const letGo = c.letGo.map((n) => `lib:${n}`);
          for (const id of letGo) model.delete(id);
          const stored = c.stored.map(([n, x]) => ({ ...publicationOf(x, n), id: `lib:${n}` }));
          for (const p of stored) model.set(p.id, p);
          text += changeLines(stored.map(identityOf), letGo, { generation: g + 1, stamp: 'a0' });
        });
        const file = join(dir.path, `identity-${run++}.log`);
        await writeFile(file, text);
        const at = { generation: history.length, stamp: 'a0' };
        const whole = (await readIdentityLog(file, at))!;
        const byId = (xs: Iterable<Identity>) => [...xs].sort((a, b) => (a.id < b.id ? -1 : 1));
        expect(byId(whole.values())).toEqual(byId([...model.values()].map(identityOf)));

        const records: ParsedRecord[] = filePapers.map((x, n) => ({ publication: { ...publicationOf(x, 1000 + n), id: `file:${n}` }, line: n + 1 }));
        const some = (await readIdentityLog(file, at, mayMatch(records)))!;
        for (const mergeNear of [new Set<number>(), new Set(records.map((_, i) => i))]) {
          const planWhole = planRecordImport(records, records.length, { index: buildIndex(whole.values()), stored: model }, new Set(), mergeNear);
          const planSome = planRecordImport(records, records.length, { index: buildIndex(some.values()), stored: model }, new Set(), mergeNear);
          expect(planSome).toEqual(planWhole);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('are few beside the library for an import of papers it does not hold', () => {
    const library = Array.from({ length: 2000 }, (_, n) => identityOf(publicationOf({ pmid: n + 100, title: `Study ${n}`, surname: `Author${n % 500}`, year: 2000 + (n % 20) }, n)));
    const records: ParsedRecord[] = [{ publication: publicationOf({ pmid: 5, title: 'A new study', surname: 'Author7', year: 2007 }, 0), line: 1 }];
    const keep = mayMatch(records);
    // Only the papers by the same first author in the same year are candidates (for near matches).
    expect(library.filter((x) => keep(x.pmid ?? '', x.doi ?? '', x.key)).map((x) => x.key)).toEqual(['study 7|2007|author7', 'study 507|2007|author7', 'study 1007|2007|author7', 'study 1507|2007|author7']);
  });
});
