import { open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Identity } from '../identity';
import { writeAll, writeFileAtomic } from './atomic-json-file';

/**
 * identity.log: who is who in the library (PMID, normalised DOI, title key per publication), so
 * an import's duplicate check reads this file and the few publications it matches instead of
 * every shard. It is derived data, never offered for restore: one that is missing, unreadable or
 * not in step with the catalogue is built again from the shards.
 *
 * It is a log, not a file rewritten whole: each library change appends its lines (a publication
 * stored, one let go) and then a marker naming the catalogue it makes (its generation and stamp),
 * so a change costs what it changes (rewriting the index whole cost seconds and gigabytes at a
 * million publications). The index for a catalogue is every line before its marker: lines after
 * it are a change whose catalogue was never written (a crash, a failed write) or a later one the
 * reader's catalogue does not know yet, and both are left out. The next writer cuts such a tail
 * off before it appends. When the log has grown to twice what it held when last written whole, it
 * is written whole again.
 *
 * Lines, fields separated by tabs (a tab, line break or backslash inside a field is escaped):
 *   geneshelf-identity <schema> <bytes when last written whole>
 *   + <id> <pmid> <doi> <title key>        a publication stored ("" for a missing PMID or DOI)
 *   - <id>                                 a publication the library let go
 *   # <generation> <stamp>                 the change up to here makes the catalogue so named
 */

/** The catalogue a marker names (markOf in catalogue.ts). */
export interface CatalogueMark {
  generation: number;
  stamp: string;
}

export const IDENTITY_SCHEMA_VERSION = 2;
const MAGIC = 'geneshelf-identity';

export const identityFile = (dir: string) => join(dir, 'identity.log');
/** Versions before the log kept the index in one JSON file rewritten whole: read once, to write the log, then removed. */
export const legacyIdentityFile = (dir: string) => join(dir, 'identity.json');

/** Past this many bytes over twice its size when last written whole, the log is written whole again. */
export const COMPACT_SLACK_BYTES = 1 << 20;

// A tab, line break or backslash would break the line apart; a lone surrogate would not survive
// UTF-8 (it becomes U+FFFD), and the id would no longer name its publication.
const SPECIAL = /[\\\t\n\r]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const escapeField = (s: string) => (s.search(SPECIAL) < 0 ? s : s.replace(SPECIAL, (c) => (c === '\t' ? '\\t' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\\' ? '\\\\' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)));
const unescapeField = (s: string) =>
  s.includes('\\') ? s.replace(/\\(u[0-9a-f]{4}|.)/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : c.length === 5 ? String.fromCharCode(parseInt(c.slice(1), 16)) : c)) : s;

const storedLine = (x: Identity) => `+\t${escapeField(x.id)}\t${escapeField(x.pmid ?? '')}\t${escapeField(x.doi ?? '')}\t${escapeField(x.key)}\n`;
const markerLine = (at: CatalogueMark) => `#\t${at.generation}\t${at.stamp}\n`;
const MARKER = /^#\t\d+\t[0-9a-f]*$/;

/** The lines one library change appends: what it lets go, what it stores, and the catalogue it makes. */
export function changeLines(stored: Iterable<Identity>, letGo: Iterable<string>, at: CatalogueMark): string {
  let text = '';
  for (const id of letGo) text += `-\t${escapeField(id)}\n`;
  for (const x of stored) text += storedLine(x);
  return text + markerLine(at);
}

/** The whole log for `entries`, for the catalogue `at`, in pieces (a million lines would be one string of hundreds of MB). */
export function* wholeLog(entries: Iterable<Identity>, at: CatalogueMark): Generator<string> {
  const body: string[] = [];
  let bytes = 0;
  let piece = '';
  for (const x of entries) {
    piece += storedLine(x);
    if (piece.length > 1 << 20) {
      body.push(piece);
      bytes += Buffer.byteLength(piece);
      piece = '';
    }
  }
  piece += markerLine(at);
  body.push(piece);
  bytes += Buffer.byteLength(piece);
  yield `${MAGIC}\t${IDENTITY_SCHEMA_VERSION}\t${bytes}\n`;
  yield* body;
}

/** Writes the log whole (atomically): after a rebuild, or when its appended lines outgrow it. Returns its size. */
export async function writeWholeLog(file: string, entries: Iterable<Identity>, at: CatalogueMark): Promise<number> {
  const pieces = [...wholeLog(entries, at)];
  await writeFileAtomic(file, pieces);
  return pieces.reduce((n, s) => n + Buffer.byteLength(s), 0);
}

/** Which stored identities a reader wants (all when absent), by PMID, DOI and title key ("" for none). */
export type KeepIdentity = (pmid: string, doi: string, key: string) => boolean;

/**
 * The index for the catalogue `at` (the identities `keep` accepts, by publication id), or null
 * when the log cannot give it: missing, unreadable, of another schema, a line not in its format
 * before the catalogue's marker, or no such marker (the log is behind the catalogue, was written
 * whole since, or is of another catalogue of that generation).
 */
export async function readIdentityLog(file: string, at: CatalogueMark, keep?: KeepIdentity): Promise<Map<string, Identity> | null> {
  const bytes = await readRegularFile(file);
  if (!bytes) return null;
  const entries = new Map<string, Identity>();
  // Decoded in pieces that end at a line end: the log may be larger than V8's longest string.
  let start = 0;
  let first = true;
  while (start < bytes.length) {
    let cut = start + (1 << 23) >= bytes.length ? bytes.length - 1 : bytes.lastIndexOf(10, start + (1 << 23));
    if (cut < start) cut = bytes.indexOf(10, start + (1 << 23));
    if (cut < 0) cut = bytes.length - 1;
    const text = bytes.toString('utf8', start, cut + 1);
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      // A last line with no line end was cut off while it was appended: never part of a generation.
      if (nl < 0) return null;
      const line = text.slice(from, nl);
      from = nl + 1;
      if (first) {
        const [magic, schema] = line.split('\t');
        if (magic !== MAGIC || Number(schema) !== IDENTITY_SCHEMA_VERSION) return null;
        first = false;
      } else if (line.charCodeAt(0) === 43 /* + */) {
        const a = line.indexOf('\t', 2);
        const b = a < 0 ? -1 : line.indexOf('\t', a + 1);
        const c = b < 0 ? -1 : line.indexOf('\t', b + 1);
        if (line.charCodeAt(1) !== 9 || c < 0 || line.indexOf('\t', c + 1) >= 0) return null;
        const id = unescapeField(line.slice(2, a));
        const pmid = unescapeField(line.slice(a + 1, b));
        const doi = unescapeField(line.slice(b + 1, c));
        const key = unescapeField(line.slice(c + 1));
        if (!keep || keep(pmid, doi, key)) entries.set(id, pmid ? (doi ? { id, pmid, doi, key } : { id, pmid, key }) : doi ? { id, doi, key } : { id, key });
        else entries.delete(id);
      } else if (line.charCodeAt(0) === 45 /* - */ && line.charCodeAt(1) === 9) {
        entries.delete(unescapeField(line.slice(2)));
      } else if (line.charCodeAt(0) === 35 /* # */ && MARKER.test(line)) {
        const tab = line.indexOf('\t', 2);
        const marked = Number(line.slice(2, tab));
        if (marked === at.generation && line.slice(tab + 1) === at.stamp) return entries;
        // Markers only go up: one of this generation or past it that is not this catalogue's means it is not here.
        if (marked >= at.generation) return null;
      } else {
        return null;
      }
      if (from >= text.length) break;
    }
    start = cut + 1;
  }
  return null;
}

/** The file's bytes, or null when it is missing or not a regular file (a FIFO would block the read for ever). */
async function readRegularFile(file: string): Promise<Buffer | null> {
  try {
    return (await stat(file)).isFile() ? await readFile(file) : null;
  } catch {
    return null;
  }
}

export interface LogEnd {
  /** Bytes up to the end of the catalogue's marker, where the next change is appended. */
  end: number;
  size: number;
  /** Whether the log has grown enough since it was last written whole to be written whole again. */
  outgrown: boolean;
}

/**
 * Where a writer whose catalogue is `at` appends, found from the log's ends without reading it
 * whole: the end of that catalogue's marker, normally the file's last line. Null when the log has
 * no such marker (missing, of another schema, behind the catalogue): it must be written whole first.
 */
export async function findLogEnd(file: string, at: CatalogueMark): Promise<LogEnd | null> {
  let handle;
  try {
    if (!(await stat(file)).isFile()) return null;
    handle = await open(file, 'r');
  } catch {
    return null;
  }
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, 128));
    await handle.read(head, 0, head.length, 0);
    const [magic, schema, whole] = head.toString('latin1').split('\n')[0]!.split('\t');
    if (magic !== MAGIC || Number(schema) !== IDENTITY_SCHEMA_VERSION) return null;
    const outgrown = size > 2 * Number(whole) + COMPACT_SLACK_BYTES;
    const marker = Buffer.from(`\n${markerLine(at)}`);
    // Backwards a piece at a time: what follows the marker is at most one unfinished change.
    const PIECE = 1 << 20;
    let to = size;
    while (to > 0) {
      const from = Math.max(0, to - PIECE - marker.length);
      const piece = Buffer.alloc(to - from);
      await handle.read(piece, 0, piece.length, from);
      const found = piece.lastIndexOf(marker);
      if (found >= 0) return { end: from + found + marker.length, size, outgrown };
      // Not found near the end (normally the last line): a log out of step, read to its start once before it is written whole.
      if (from === 0) break;
      to = from + marker.length;
    }
    return null;
  } finally {
    await handle.close();
  }
}

/**
 * Appends one change's lines at `end` (cutting off what followed it: a change never finished) and
 * makes them durable before the catalogue that names their generation is written.
 */
export async function appendChange(file: string, at: LogEnd, lines: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    if (at.size > at.end) await handle.truncate(at.end);
    await writeAll(handle, Buffer.from(lines), at.end);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * The identities in a version before the log (identity.json, for the catalogue's `generation`),
 * or null when it is missing, unreadable or of another generation.
 */
export async function readLegacyIdentities(file: string, generation: number): Promise<Identity[] | null> {
  try {
    const bytes = await readRegularFile(file);
    if (!bytes) return null;
    const data = JSON.parse(bytes.toString('utf8')) as { schemaVersion?: unknown; generation?: unknown; entries?: unknown };
    if (data?.schemaVersion !== 1 || data.generation !== generation || !data.entries || typeof data.entries !== 'object' || Array.isArray(data.entries)) return null;
    const out: Identity[] = [];
    for (const [id, entry] of Object.entries(data.entries as Record<string, unknown>)) {
      if (!Array.isArray(entry) || entry.length !== 3 || !entry.every((f) => typeof f === 'string')) return null;
      const [pmid, doi, key] = entry as [string, string, string];
      out.push({ id, ...(pmid ? { pmid } : {}), ...(doi ? { doi } : {}), key });
    }
    return out;
  } catch {
    return null;
  }
}
