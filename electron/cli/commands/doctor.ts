import { basename } from 'node:path';
import { inspectLibrary, type CopyReport } from '../../core/library';
import { libraryDir, noArguments, type Command } from '../command';
import { json } from '../output';

function describe(copy: CopyReport): string {
  if (copy.state === 'missing') return `${basename(copy.path)} missing`;
  const size = copy.bytes === undefined ? '' : `, ${copy.bytes < 1024 * 1024 ? `${Math.ceil(copy.bytes / 1024)} KB` : `${(copy.bytes / 1024 / 1024).toFixed(1)} MB`}`;
  const when = copy.modified ? `, ${copy.modified.slice(0, 16).replace('T', ' ')} UTC` : '';
  return `${basename(copy.path)} ${copy.state}${copy.reason ? ` (${copy.reason})` : ''}${size}${when}`;
}

export const doctor: Command = {
  name: 'doctor',
  usage: 'doctor --library DIR [--json]',
  summary: ['check each library file and its backups;', 'exit 1 when one is damaged (nothing is changed)'],
  section: 'files',
  options: ['library', 'json'],
  async run({ args, values, io }) {
    noArguments('doctor', args, 'no FILE');
    const reports = await inspectLibrary(libraryDir('doctor', values));
    if (values.json) io.stdout(json(reports));
    else {
      // A large library has thousands of shards: the good ones are summed up, the others shown in full.
      const goodShards = reports.filter((r) => r.shard && r.state === 'good' && !r.kept.length);
      for (const r of reports.filter((x) => !goodShards.includes(x))) {
        io.stdout(`${describe(r)}: ${r.label}\n`);
        if (r.movedAside) io.stdout(`  found damaged ${r.movedAside.at.slice(0, 16).replace('T', ' ')} UTC (${r.movedAside.reason}); moved aside to ${basename(r.movedAside.path)}\n`);
        io.stdout(`  backups: ${r.backups.map(describe).join('; ')}\n`);
        if (r.kept.length) io.stdout(`  also kept: ${r.kept.join(', ')}\n`);
      }
      if (goodShards.length) {
        const bytes = goodShards.reduce((n, r) => n + (r.bytes ?? 0), 0);
        const backedUp = goodShards.filter((r) => r.backups[0]?.state === 'good').length;
        io.stdout(`publications/: ${goodShards.length.toLocaleString('en-GB')} ${goodShards.length === 1 ? 'shard' : 'shards'} good, ${(bytes / 1024 / 1024).toFixed(1)} MB; ${backedUp.toLocaleString('en-GB')} with a good backup (a shard is backed up when it is read after it changed)\n`);
      }
      if (reports.some((r) => r.state === 'damaged')) io.stdout('Run "geneshelf restore --library DIR" to restore the last good copies.\n');
    }
    return reports.some((r) => r.state === 'damaged') ? 1 : 0;
  },
};
