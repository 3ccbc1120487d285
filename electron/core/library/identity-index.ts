import { open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Identity } from '../identity';
import { writeFileAtomic } from './atomic-json-file';

/**
 * identity.log: who is who in the library (PMID, normalised DOI, title key per publication), so
 * an import's duplicate check reads this file and the few publications it matches instead of
 * every shard. It is derived data, never offered for restore: one that is missing, unreadable or
 * not in step with the catalogue is built again from the shards.
 *
 * It is a log, not a file rewritten whole: each library change appends its lines (a publication
 * stored, one let go) and then a marker with the catalogue generation it makes, so a change costs
 * what it changes (rewriting the index whole cost seconds and gigabytes at a million
 * publications). The index at generation G is every line before the marker "# G": lines after it
 * are a change whose catalogue was never written (a crash, a failed write) or a later one the
 * reader's catalogue does not know yet, and both are left out. The next writer cuts such a tail
 * off before it appends. When the log has grown to twice what it held when last written whole, it
 * is written whole again.
 *
 * Lines, fields separated by tabs (a tab, line break or backslash inside a field is escaped):
 *   geneshelf-identity <schema> <bytes when last written whole>
 *   + <id> <pmid> <doi> <title key>        a publication stored ("" for a missing PMID or DOI)
 *   - <id>                                 a publication the library let go
 *   # <generation>                         the change up to here is the catalogue's generation
 */

export const IDENTITY_SCHEMA_VERSION = 2;
const MAGIC = 'geneshelf-identity';

export const identityFile = (dir: string) => join(dir, 'identity.log');
/** Versions before the log kept the index in one JSON file rewritten whole: read once, to write the log, then removed. */
export const legacyIdentityFile = (dir: string) => join(dir, 'identity.json');

/** Past this many bytes over twice its size when last written whole, the log is written whole again. */
export const COMPACT_SLACK_BYTES = 1 << 20;

const SPECIAL = /[\\\t\n\r]/;
const escapeField = (s: string) => (SPECIAL.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\t' ? '\\t' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\\\')) : s);
const unescapeField = (s: string) => (s.includes('\\') ? s.replace(/\\(.)/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : c)) : s);

const storedLine = (x: Identity) => `+\t${escapeField(x.id)}\t${escapeField(x.pmid ?? '')}\t${escapeField(x.doi ?? '')}\t${escapeField(x.key)}\n`;
const markerLine = (generation: number) => `#\t${generation}\n`;

/** The lines one library change appends: what it stores, what it lets go, and its generation. */
export function changeLines(stored: Iterable<Identity>, letGo: Iterable<string>, generation: number): string {
  let text = '';
  for (const id of letGo) text += `-\t${escapeField(id)}\n`;
  for (const x of stored) text += storedLine(x);
  return text + markerLine(generation);
}

/** The whole log for `entries` at `generation`, in pieces (a million lines would be one string of hundreds of MB). */
export function* wholeLog(entries: Iterable<Identity>, generation: number): Generator<string> {
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
  piece += markerLine(generation);
  body.push(piece);
  bytes += Buffer.byteLength(piece);
  yield `${MAGIC}\t${IDENTITY_SCHEMA_VERSION}\t${bytes}\n`;
  yield* body;
}

/** Writes the log whole (atomically): after a rebuild, or when its appended lines outgrow it. Returns its size. */
export async function writeWholeLog(file: string, entries: Iterable<Identity>, generation: number): Promise<number> {
  const pieces = [...wholeLog(entries, generation)];
  await writeFileAtomic(file, pieces);
  return pieces.reduce((n, s) => n + Buffer.byteLength(s), 0);
}

export interface IdentityLog {
  /** The identities at the generation asked for (those `keep` accepted), by publication id. */
  entries: Map<string, Identity>;
  /** Bytes up to the end of that generation's marker: whatever follows was not part of it. */
  end: number;
}

/** Which stored identities a reader wants (all when absent), by PMID, DOI and title key ("" for none). */
export type KeepIdentity = (pmid: string, doi: string, key: string) => boolean;

/**
 * The index at `generation`, or null when the log cannot give it: missing, unreadable, of another
 * schema, a line not in its format before the generation's marker, or no such marker (the log is
 * behind the catalogue, or was written whole since that generation).
 */
export async function readIdentityLog(file: string, generation: number, keep?: KeepIdentity): Promise<IdentityLog | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return null;
  }
  const entries = new Map<string, Identity>();
  // Decoded in pieces that end at a line end: the log may be larger than V8's longest string.
  let start = 0;
  let first = true;
  while (start < bytes.length) {
    let cut = start + (1 << 23) >= bytes.length ? bytes.length - 1 : bytes.lastIndexOf(10, start + (1 << 23));
    if (cut < start) cut = bytes.indexOf(10, start + (1 << 23));
    if (cut < 0) cut = bytes.length - 1;
    const text = bytes.toString('utf8', start, cut + 1);
    let at = 0;
    for (;;) {
      const nl = text.indexOf('\n', at);
      // A last line with no line end was cut off while it was appended: never part of a generation.
      if (nl < 0) return null;
      const line = text.slice(at, nl);
      at = nl + 1;
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
      } else if (line.charCodeAt(0) === 35 /* # */ && line.charCodeAt(1) === 9 && /^\d+$/.test(line.slice(2))) {
        const marked = Number(line.slice(2));
        if (marked === generation) return { entries, end: start + Buffer.byteLength(text.slice(0, at)) };
        // Markers only go up: one past the generation means it is not here.
        if (marked > generation) return null;
      } else {
        return null;
      }
      if (at >= text.length) break;
    }
    start = cut + 1;
  }
  return null;
}

export interface LogEnd {
  /** Bytes up to the end of the generation's marker, where the next change is appended. */
  end: number;
  size: number;
  /** Whether the log has grown enough since it was last written whole to be written whole again. */
  outgrown: boolean;
}

/**
 * Where a writer at `generation` appends, found from the log's ends without reading it whole: the
 * end of that generation's marker, normally the file's last line. Null when the log has no such
 * marker (missing, of another schema, behind the catalogue): it must be written whole first.
 */
export async function findLogEnd(file: string, generation: number): Promise<LogEnd | null> {
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
    const marker = Buffer.from(`\n${markerLine(generation)}`);
    // Backwards a piece at a time: what follows the marker is at most one unfinished change.
    const PIECE = 1 << 20;
    let to = size;
    while (to > 0) {
      const from = Math.max(0, to - PIECE - marker.length);
      const piece = Buffer.alloc(to - from);
      await handle.read(piece, 0, piece.length, from);
      const at = piece.lastIndexOf(marker);
      if (at >= 0) return { end: from + at + marker.length, size, outgrown };
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
    await handle.write(lines, at.end, 'utf8');
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
    const data = JSON.parse(await readFile(file, 'utf8')) as { schemaVersion?: unknown; generation?: unknown; entries?: unknown };
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
