/**
 * The fuzzer's mutations: each takes the bytes so far and a seeded random source, and returns new
 * bytes plus a short description for the found case's .txt. Pure, so a (seed, format, case) triple
 * always rebuilds the same input.
 */

/** sfc32: small, fast, good enough for fuzzing, and the same on every machine. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(...seeds: number[]) {
    [this.a, this.b, this.c, this.d] = [seeds[0] ?? 0x9e3779b9, seeds[1] ?? 0x243f6a88, seeds[2] ?? 0xb7e15162, seeds[3] ?? 0x13198a2e];
    for (let i = 0; i < 16; i++) this.next();
  }

  /** A uint32. */
  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    const t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    const r = (t + this.d) | 0;
    this.c = (this.c + r) | 0;
    return r >>> 0;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return n <= 0 ? 0 : Math.floor((this.next() / 4294967296) * n);
  }

  /** An integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() / 4294967296 < p;
  }
}

/** A 32-bit FNV-1a hash of a string, to derive one case's PRNG from (seed, format, case). */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function caseRng(seed: number, format: string, index: number): Rng {
  return new Rng(seed >>> 0, hash32(format), index >>> 0, hash32(`${seed}:${format}:${index}`));
}

export interface Seed {
  format: string;
  /** File name, relative to the repository root. */
  name: string;
  bytes: Uint8Array;
}

interface MutationContext {
  rng: Rng;
  /** Every seed of every format, for splicing. */
  allSeeds: readonly Seed[];
}

type Mutation = (bytes: Uint8Array, ctx: MutationContext) => { bytes: Uint8Array; what: string };

const concat = (...parts: Uint8Array[]): Uint8Array => Buffer.concat(parts);
const ascii = (s: string): Uint8Array => Buffer.from(s, 'latin1');

/** A position in [0, len]; a third of the time the start of a line, where the formats' tags sit. */
function position(bytes: Uint8Array, rng: Rng): number {
  if (bytes.length > 0 && rng.chance(0.33)) {
    const starts: number[] = [0];
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) starts.push(i + 1);
    return rng.pick(starts);
  }
  return rng.int(bytes.length + 1);
}

function insertAt(bytes: Uint8Array, at: number, what: Uint8Array): Uint8Array {
  return concat(bytes.subarray(0, at), what, bytes.subarray(at));
}

function show(char: string): string {
  return JSON.stringify(char);
}

const flipBits: Mutation = (bytes, { rng }) => {
  if (bytes.length === 0) return { bytes: Uint8Array.of(rng.int(256)), what: 'flipBits(empty -> 1 random byte)' };
  const out = Uint8Array.from(bytes);
  const n = rng.range(1, 8);
  const at: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = rng.int(out.length);
    out[p]! ^= 1 << rng.int(8);
    at.push(p);
  }
  return { bytes: out, what: `flipBits(${n} bits @${at.join(',')})` };
};

const insertRandomBytes: Mutation = (bytes, { rng }) => {
  const n = rng.pick([1, 2, 4, 8, 16, 64, 256]);
  const extra = new Uint8Array(n);
  for (let i = 0; i < n; i++) extra[i] = rng.int(256);
  const at = position(bytes, rng);
  return { bytes: insertAt(bytes, at, extra), what: `insertRandomBytes(${n} @${at})` };
};

const deleteRange: Mutation = (bytes, { rng }) => {
  if (bytes.length === 0) return { bytes, what: 'deleteRange(empty)' };
  const start = position(bytes, rng);
  const left = bytes.length - start;
  const n = Math.max(1, Math.min(left, rng.range(1, rng.pick([4, 64, 1024, 16384]))));
  return { bytes: concat(bytes.subarray(0, start), bytes.subarray(start + n)), what: `deleteRange(${n} @${start})` };
};

const truncate: Mutation = (bytes, { rng }) => {
  const at = rng.int(bytes.length + 1);
  return { bytes: bytes.subarray(0, at), what: `truncate(to ${at} of ${bytes.length})` };
};

const splice: Mutation = (bytes, { rng, allSeeds }) => {
  const other = rng.pick(allSeeds);
  const p = position(bytes, rng);
  const q = position(other.bytes, rng);
  return { bytes: concat(bytes.subarray(0, p), other.bytes.subarray(q)), what: `splice(first ${p} bytes + ${other.name} from ${q})` };
};

const REPEAT_BYTES = 256 * 1024;
const repeatLine: Mutation = (bytes, { rng }) => {
  const starts: number[] = [0];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10 && i + 1 < bytes.length) starts.push(i + 1);
  const k = rng.int(starts.length);
  const start = starts[k]!;
  const end = k + 1 < starts.length ? starts[k + 1]! : bytes.length;
  let line = bytes.subarray(start, end);
  if (line.length === 0 || line[line.length - 1] !== 10) line = concat(line, Uint8Array.of(10));
  // A thousand times, up to 256 KB: a one-line file repeated a thousand times is a 30 MB file,
  // slow only for its size (every reader is linear), which says nothing about hostile input.
  const times = Math.max(2, Math.min(1000, Math.floor(REPEAT_BYTES / line.length)));
  const repeated = Buffer.alloc(line.length * times);
  for (let i = 0; i < times; i++) repeated.set(line, i * line.length);
  const preview = Buffer.from(line.subarray(0, 24)).toString('latin1');
  return { bytes: concat(bytes.subarray(0, start), repeated, bytes.subarray(end)), what: `repeatLine(line ${k + 1} ${JSON.stringify(preview)}${line.length > 24 ? '...' : ''} (${line.length} bytes) x${times})` };
};

const RUN_CHARS = [' ', '-', '{', '<', '@', '\\', '\t', 'a'];
const longRun: Mutation = (bytes, { rng }) => {
  const char = rng.pick(RUN_CHARS);
  const n = rng.range(10_000, 100_000);
  const at = position(bytes, rng);
  return { bytes: insertAt(bytes, at, Buffer.alloc(n, char, 'latin1')), what: `longRun(${show(char)} x${n} @${at})` };
};

const insertNuls: Mutation = (bytes, { rng }) => {
  if (rng.chance(0.5)) {
    const n = rng.pick([1, 2, 16, 1024]);
    const at = position(bytes, rng);
    return { bytes: insertAt(bytes, at, new Uint8Array(n)), what: `insertNuls(run of ${n} @${at})` };
  }
  let out = bytes;
  const n = rng.range(1, 8);
  const at: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = rng.int(out.length + 1);
    out = insertAt(out, p, new Uint8Array(1));
    at.push(p);
  }
  return { bytes: out, what: `insertNuls(${n} single @${at.join(',')})` };
};

const INVALID_UTF8: Array<[string, number[]]> = [
  ['lone continuation 80', [0x80]],
  ['C3 28', [0xc3, 0x28]],
  ['A0 A1', [0xa0, 0xa1]],
  ['E2 28 A1', [0xe2, 0x28, 0xa1]],
  ['E2 82 (cut 3-byte)', [0xe2, 0x82]],
  ['F0 28 8C BC', [0xf0, 0x28, 0x8c, 0xbc]],
  ['overlong C0 AF', [0xc0, 0xaf]],
  ['surrogate ED A0 80', [0xed, 0xa0, 0x80]],
  ['F8 88 80 80 80', [0xf8, 0x88, 0x80, 0x80, 0x80]],
  ['FF', [0xff]],
  ['FE', [0xfe]],
  ['F4 90 80 80 (> U+10FFFF)', [0xf4, 0x90, 0x80, 0x80]],
];
const invalidUtf8: Mutation = (bytes, { rng }) => {
  let out = bytes;
  const n = rng.range(1, 4);
  const done: string[] = [];
  for (let i = 0; i < n; i++) {
    const [name, seq] = rng.pick(INVALID_UTF8);
    const p = rng.int(out.length + 1);
    out = insertAt(out, p, Uint8Array.from(seq));
    done.push(`${name} @${p}`);
  }
  return { bytes: out, what: `invalidUtf8(${done.join('; ')})` };
};

const utf16Bom: Mutation = (bytes, { rng }) => {
  const le = rng.chance(0.5);
  const bom = le ? Uint8Array.of(0xff, 0xfe) : Uint8Array.of(0xfe, 0xff);
  const bomName = le ? 'FF FE' : 'FE FF';
  const variant = rng.int(3);
  if (variant === 0) {
    // The file's own bytes, made an odd number.
    const body = bytes.length % 2 === 1 ? bytes : concat(bytes, Uint8Array.of(rng.int(256)));
    return { bytes: concat(bom, body), what: `utf16Bom(${bomName} + the ${body.length} bytes as they are, odd)` };
  }
  if (variant === 1) {
    // The text really in UTF-16, with one stray byte at the end, or one byte dropped inside.
    const text = Buffer.from(bytes).toString('utf8');
    let body: Uint8Array = Buffer.from(text, 'utf16le');
    if (!le) body = Buffer.from(body).swap16();
    const drop = rng.chance(0.5) && body.length > 2;
    const at = rng.int(body.length);
    body = drop ? concat(body.subarray(0, at), body.subarray(at + 1)) : concat(body, Uint8Array.of(rng.int(256)));
    return { bytes: concat(bom, body), what: `utf16Bom(${bomName} + the text in UTF-16${le ? 'LE' : 'BE'}, ${drop ? `one byte dropped @${at}` : 'one stray byte at the end'})` };
  }
  const n = rng.range(0, 49) * 2 + 1;
  const extra = new Uint8Array(n);
  for (let i = 0; i < n; i++) extra[i] = rng.int(256);
  return { bytes: concat(bom, extra, bytes), what: `utf16Bom(${bomName} + ${n} random bytes before the file)` };
};

const lineEndings: Mutation = (bytes, { rng }) => {
  const text = Buffer.from(bytes).toString('latin1');
  const variant = rng.pick(['LF->CRLF', 'CRLF->LF', 'LF->CR', 'CR<->LF', 'random mix', 'doubled CR'] as const);
  let out: string;
  switch (variant) {
    case 'LF->CRLF':
      out = text.replace(/\r?\n/g, '\r\n');
      break;
    case 'CRLF->LF':
      out = text.replace(/\r\n/g, '\n');
      break;
    case 'LF->CR':
      out = text.replace(/\r?\n/g, '\r');
      break;
    case 'CR<->LF':
      out = text.replace(/[\r\n]/g, (c) => (c === '\r' ? '\n' : '\r'));
      break;
    case 'random mix':
      out = text.replace(/\r?\n/g, () => rng.pick(['\n', '\r\n', '\r', '\n\r']));
      break;
    case 'doubled CR':
      out = text.replace(/\r?\n/g, '\r\r\n');
      break;
  }
  return { bytes: ascii(out), what: `lineEndings(${variant})` };
};

const U2028 = Uint8Array.of(0xe2, 0x80, 0xa8);
const u2028: Mutation = (bytes, { rng }) => {
  if (rng.chance(0.3)) {
    const text = Buffer.from(bytes).toString('latin1').replace(/\r?\n/g, '\xe2\x80\xa8');
    return { bytes: ascii(text), what: 'u2028(every line break replaced by U+2028)' };
  }
  let out = bytes;
  const n = rng.range(1, 8);
  const at: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = position(out, rng);
    out = insertAt(out, p, U2028);
    at.push(p);
  }
  return { bytes: out, what: `u2028(${n} inserted @${at.join(',')})` };
};

export const MUTATIONS: ReadonlyArray<[string, Mutation]> = [
  ['flipBits', flipBits],
  ['insertRandomBytes', insertRandomBytes],
  ['deleteRange', deleteRange],
  ['truncate', truncate],
  ['splice', splice],
  ['repeatLine', repeatLine],
  ['longRun', longRun],
  ['insertNuls', insertNuls],
  ['invalidUtf8', invalidUtf8],
  ['utf16Bom', utf16Bom],
  ['lineEndings', lineEndings],
  ['u2028', u2028],
];

/** Past this a stacked case is cut: readImportFile refuses files over 50 MB anyway. */
const MAX_CASE_BYTES = 40 * 1024 * 1024;

export interface FuzzCase {
  format: string;
  index: number;
  seed: Seed;
  bytes: Uint8Array;
  chain: string[];
}

/** Case `index` of `format`: a seed of that format with 1-3 stacked mutations. */
export function makeCase(fuzzSeed: number, format: string, index: number, seeds: readonly Seed[], allSeeds: readonly Seed[]): FuzzCase {
  const rng = caseRng(fuzzSeed, format, index);
  const seed = rng.pick(seeds);
  let bytes: Uint8Array = seed.bytes;
  const chain: string[] = [];
  const n = rng.range(1, 3);
  for (let i = 0; i < n; i++) {
    const [, mutate] = rng.pick(MUTATIONS);
    const step = mutate(bytes, { rng, allSeeds });
    bytes = step.bytes.length > MAX_CASE_BYTES ? step.bytes.subarray(0, MAX_CASE_BYTES) : step.bytes;
    chain.push(step.what + (step.bytes.length > MAX_CASE_BYTES ? ` (cut to ${MAX_CASE_BYTES} bytes)` : ''));
  }
  return { format, index, seed, bytes, chain };
}
