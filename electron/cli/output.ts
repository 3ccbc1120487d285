import { formatProblem } from '../core/errors';
import type { ImportWarning } from '../core/model';
import type { ImportPreview, ParsedImport } from '../core/import';

/** How the CLI prints what it found: warnings with their place, counts, previews and tables. */

export function warningLines(file: string, warnings: ImportWarning[]): string {
  return warnings.map((w) => `warning: ${formatProblem(file, w.message, w.line !== undefined ? { line: w.line } : w.path ? { jsonPath: w.path } : {})}\n`).join('');
}

export const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function describeImport(parsed: ParsedImport): string {
  if (parsed.publications.length) {
    const skipped = parsed.recordsSeen - parsed.publications.length;
    return `${parsed.formatName}, ${count(parsed.publications.length, 'publication')}${skipped ? ` (${skipped} skipped)` : ''}, ${parsed.encoding}`;
  }
  const pubs = parsed.genes.reduce((n, g) => n + g.publications.length, 0);
  const genes = parsed.genes.map((g) => g.symbol).join(', ');
  return `${parsed.formatName}, ${count(parsed.genes.length, 'gene')} (${genes}), ${count(pubs, 'publication')}, ${parsed.encoding}`;
}

export function previewLines(preview: ImportPreview): string {
  const c = preview.counts;
  const what = preview.kind === 'genes' ? preview.genes.map((g) => `${g.symbol} (${g.status === 'added' ? 'new gene' : 'update'})`).join(', ') : preview.target?.symbol;
  const lines = [`${preview.formatName} for ${what}: new ${c.new}, updated ${c.updated}, duplicate ${c.duplicate}, skipped ${c.skipped}`];
  for (const m of preview.nearMatches) {
    lines.push(`near match, line ${m.line}: "${m.incoming.title}" may be "${m.existing.title}" (${m.existing.id}); kept apart`);
  }
  return lines.map((l) => `${l}\n`).join('');
}

/** Rows as aligned columns, two spaces apart, for reading in a terminal. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n') + '\n';
}

export const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
