import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS, formatTableMarkdown } from '../../electron/core/import';
import { ROOT } from '../helpers';

describe('README', () => {
  it('lists every import format as the registry does (npm run formats-table rewrites it)', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const block = /<!-- formats:[^>]*-->\n([\s\S]*?)\n<!-- \/formats -->/.exec(readme)?.[1];
    expect(block).toBe(formatTableMarkdown());
    for (const format of FORMATS) expect(block).toContain(`| ${format.name} |`);
  });
});
