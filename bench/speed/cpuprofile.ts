// Summarises a V8 .cpuprofile (node --cpu-prof) of the CLI bundle: self and inclusive time per
// function, each placed at its source file:line through the bundle's source map
// (out/cli/geneshelf.cjs.map), so a hotspot reads "electron/core/formats/medline/reader.ts:37"
// or "node_modules/@citation-js/plugin-bibtex/lib/...:120" rather than a line of the bundle.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
  positionTicks?: Array<{ line: number; ticks: number }>;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Hotspot {
  name: string;
  where: string;
  selfMs: number;
  totalMs: number;
  /** The function's hottest source line, by samples on it. */
  hotLine?: string;
}

export interface ProfileSummary {
  wallMs: number;
  sampledMs: number;
  gcMs: number;
  /** Self time by place: electron/<dir>, a package in node_modules, node: internals, (gc)... */
  byArea: Array<{ area: string; selfMs: number }>;
  hotspots: Hotspot[];
}

const maps = new Map<string, { map: SourceMap; dir: string } | null>();

function mapFor(url: string): { map: SourceMap; dir: string } | null {
  if (!url.startsWith('file://')) return null;
  if (maps.has(url)) return maps.get(url)!;
  const file = fileURLToPath(url);
  const mapFile = `${file}.map`;
  const found = existsSync(mapFile) ? { map: new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8'))), dir: dirname(mapFile) } : null;
  maps.set(url, found);
  return found;
}

/** "electron/core/formats/medline/reader.ts:37" for a 0-based line and column of the bundle. */
function place(url: string, line: number, column: number, root: string): string {
  const m = mapFor(url);
  if (m) {
    const entry = m.map.findEntry(line, column) as { originalSource?: string; originalLine?: number };
    if (entry && entry.originalSource) {
      const src = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : resolve(m.dir, entry.originalSource);
      return `${relative(root, src)}:${(entry.originalLine ?? 0) + 1}`;
    }
  }
  if (url.startsWith('file://')) return `${relative(root, fileURLToPath(url))}:${line + 1}`;
  return url ? `${url}:${line + 1}` : '';
}

function areaOf(where: string, name: string): string {
  if (!where) return name.startsWith('(') ? name : '(native/builtins)';
  if (where.startsWith('node:')) return 'node: internals';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where);
  if (nm) return nm[1]!;
  const el = /^(electron\/(?:core\/formats\/[^/]+|core\/[^/:]+|[^/:]+))/.exec(where);
  return el ? el[1]!.replace(/\.ts$/, '') : where.split(':')[0]!;
}

export function summariseProfile(profileFile: string, root: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(profileFile, 'utf8')) as CpuProfile;
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const keyOf = new Map<number, { key: string; name: string; where: string }>();
  for (const n of profile.nodes) {
    const f = n.callFrame;
    const where = place(f.url, f.lineNumber, f.columnNumber, root);
    const name = f.functionName || '(anonymous)';
    keyOf.set(n.id, { key: `${name} ${where}`, name, where });
  }

  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const lineTicks = new Map<string, Map<string, number>>();
  const area = new Map<string, number>();
  let sampled = 0;
  let gc = 0;
  // timeDeltas[i] is the time from sample i-1 to sample i; charge it to sample i's stack.
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    sampled += dt;
    const k = keyOf.get(id)!;
    if (k.name === '(garbage collector)') gc += dt;
    if (k.name === '(idle)') return;
    self.set(k.key, (self.get(k.key) ?? 0) + dt);
    const a = areaOf(k.where, k.name);
    area.set(a, (area.get(a) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const key = keyOf.get(cur)!.key;
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + dt);
    }
  });
  // Hot lines inside each function, from the nodes' position ticks (1-based lines of the bundle).
  for (const n of profile.nodes) {
    if (!n.positionTicks) continue;
    const k = keyOf.get(n.id)!;
    const lines = lineTicks.get(k.key) ?? new Map<string, number>();
    for (const t of n.positionTicks) {
      const where = place(n.callFrame.url, t.line - 1, 0, root);
      lines.set(where, (lines.get(where) ?? 0) + t.ticks);
    }
    lineTicks.set(k.key, lines);
  }

  const hotspots = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, ms]) => {
      const k = [...keyOf.values()].find((v) => v.key === key)!;
      const lines = [...(lineTicks.get(key) ?? new Map<string, number>()).entries()].sort((a, b) => b[1] - a[1]);
      const hot = lines[0];
      return { name: k.name, where: k.where, selfMs: ms, totalMs: total.get(key) ?? ms, ...(hot && hot[0] !== k.where ? { hotLine: hot[0] } : {}) };
    });
  return {
    wallMs: (profile.endTime - profile.startTime) / 1000,
    sampledMs: sampled,
    gcMs: gc,
    byArea: [...area.entries()].map(([a, ms]) => ({ area: a, selfMs: ms })).sort((a, b) => b.selfMs - a.selfMs),
    hotspots,
  };
}

/** The heaviest functions by inclusive time, for "where does the time go" under a call. */
export function inclusiveTop(profileFile: string, root: string, filter: (where: string) => boolean, top = 10): Array<{ name: string; where: string; totalMs: number }> {
  const profile = JSON.parse(readFileSync(profileFile, 'utf8')) as CpuProfile;
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const info = new Map(profile.nodes.map((n) => [n.id, { name: n.callFrame.functionName || '(anonymous)', where: place(n.callFrame.url, n.callFrame.lineNumber, n.callFrame.columnNumber, root) }]));
  const total = new Map<string, { name: string; where: string; ms: number }>();
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = info.get(cur)!;
      const key = `${f.name} ${f.where}`;
      if (seen.has(key) || !filter(f.where)) continue;
      seen.add(key);
      const t = total.get(key) ?? { ...f, ms: 0 };
      t.ms += dt;
      total.set(key, t);
    }
  });
  return [...total.values()].sort((a, b) => b.ms - a.ms).slice(0, top).map((t) => ({ name: t.name, where: t.where, totalMs: t.ms }));
}

export function printSummary(title: string, s: ProfileSummary, log: (line: string) => void = console.log): void {
  const pct = (ms: number) => `${((100 * ms) / s.sampledMs).toFixed(0).padStart(3)}%`;
  log(`${title}: profiled ${s.wallMs.toFixed(0)} ms, sampled ${s.sampledMs.toFixed(0)} ms, GC ${s.gcMs.toFixed(0)} ms`);
  log(`  by area: ${s.byArea.slice(0, 8).map((a) => `${a.area} ${a.selfMs.toFixed(0)} ms`).join(', ')}`);
  log('  self ms    %  total ms  function  (file:line; hottest line)');
  for (const h of s.hotspots) {
    log(`  ${h.selfMs.toFixed(1).padStart(7)} ${pct(h.selfMs)}  ${h.totalMs.toFixed(0).padStart(7)}  ${h.name}  ${h.where}${h.hotLine ? `; hot ${h.hotLine}` : ''}`);
  }
}
