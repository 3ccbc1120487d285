// One cold import, phase by phase, in a fresh process: the steps of electron/core/import/read-file.ts
// (read, decode or read from the bytes, detect, line ends, split, read each record) and the plan against an empty
// library. bench/speed/index.ts bundles this with the CLI's own esbuild options and runs it once
// per file: node phases.cjs FILE -> one line of JSON on stdout.
import { readFileSync } from 'node:fs';
import type { ImportWarning } from '../../electron/core/model';
import type { ParsedRecord, ReferenceFormat } from '../../electron/core/formats';
import { decodeText, withoutLoneCrs } from '../../electron/core/text';
import { detectFormat, planRecordImport, utf8Reading } from '../../electron/core/import';

export interface Phases {
  format: string;
  /** From the process's start to here: Node's bootstrap plus evaluating this bundle. */
  startupMs: number;
  readMs: number;
  decodeMs: number;
  detectMs: number;
  lineEndsMs: number;
  splitMs: number;
  recordsMs: number;
  records: number;
  /** Mean per record, and the mean of the first 250 (the first slice, before the JIT warms up). */
  perRecordUs: number;
  firstSlicePerRecordUs: number;
  slowestRecordMs: number;
  planMs: number;
  totalMs: number;
}

function main(file: string): Phases {
  const startupMs = performance.now();
  let t = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = now - t;
    t = now;
    return ms;
  };
  const bytes = readFileSync(file);
  const readMs = lap();
  // As read-file.ts does: a UTF-8 file of a format read from its bytes (MEDLINE) is not decoded
  // whole (its "decode" is validating it, detecting its head and the bytes as Latin-1);
  // otherwise decoded, then only lone CRs are made \n (readers take \r\n), before detection.
  const undecoded = utf8Reading(bytes);
  const text = undecoded ? null : decodeText(bytes).text;
  const decodeMs = lap();
  const normal = text === null ? null : withoutLoneCrs(text);
  const lineEndsMs = lap();
  const format = undecoded ? undecoded.format : detectFormat(normal!);
  const detectMs = lap();
  if (!format || format.kind !== 'publications') throw new Error(`${file} was detected as ${format?.name ?? 'no format'}`);
  const warnings: ImportWarning[] = [];
  const reader = format as ReferenceFormat<unknown>;
  const chunks = undecoded ? reader.splitSource!(undecoded.source, warnings) : reader.split(normal!, warnings);
  const splitMs = lap();
  const records: ParsedRecord[] = [];
  let slowest = 0;
  let firstSlice = 0;
  chunks.forEach((chunk, i) => {
    const start = performance.now();
    const record = reader.read(chunk, warnings);
    const ms = performance.now() - start;
    if (ms > slowest) slowest = ms;
    if (i < 250) firstSlice += ms;
    if (record) records.push(record);
  });
  const recordsMs = lap();
  planRecordImport(records, chunks.length, [], new Set());
  const planMs = lap();
  return {
    format: reader.id,
    startupMs,
    readMs,
    decodeMs,
    detectMs,
    lineEndsMs,
    splitMs,
    recordsMs,
    records: records.length,
    perRecordUs: (recordsMs * 1000) / Math.max(1, chunks.length),
    firstSlicePerRecordUs: (firstSlice * 1000) / Math.min(250, Math.max(1, chunks.length)),
    slowestRecordMs: slowest,
    planMs,
    totalMs: performance.now(),
  };
}

const file = process.argv[2];
if (file) process.stdout.write(`${JSON.stringify(main(file))}\n`);
