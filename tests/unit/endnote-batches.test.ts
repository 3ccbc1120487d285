import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEndnoteXml } from '../../electron/core/formats/endnote-xml/reader';

// EndNote XML records are validated and parsed a hundred at a time, as one document (one call of
// fast-xml-parser costs far more than a small record does). Whatever a batch holds, a whole
// library must read as each of its records reads alone: the same publications in file order,
// and each broken record skipped on its own line while the good ones beside it are read.

const run = (text: string) => `<style face="normal" font="default" size="100%">${text}</style>`;

interface Spec {
  title: string;
  author: string;
  year: number;
  broken: false | 'unclosed-run' | 'stray-close';
}

const spec = fc.record({
  title: fc.stringMatching(/^[A-Za-z0-9 ,.:;()-]{1,40}$/).map((t) => `${t}&amp;${t.length}`),
  author: fc.constantFrom('Moreau, Élise', 'Okafor, Chidi', "Children's Oncology Group,", 'Lilljebjörn, H.'),
  year: fc.integer({ min: 1980, max: 2026 }),
  broken: fc.oneof({ weight: 12, arbitrary: fc.constant(false as const) }, { weight: 1, arbitrary: fc.constantFrom('unclosed-run' as const, 'stray-close' as const) }),
});

function record(s: Spec, n: number): string {
  const title = s.broken === 'unclosed-run' ? `<style face="normal">${s.title}` : s.broken === 'stray-close' ? `${run(s.title)}</titles>` : run(s.title);
  return (
    `<record><rec-number>${n}</rec-number><ref-type name="Journal Article">17</ref-type>` +
    `<contributors><authors><author>${run(s.author)}</author></authors></contributors>` +
    `<titles><title>${title}</title></titles><dates><year>${run(String(s.year))}</year></dates></record>`
  );
}

const file = (records: string[]) => `<?xml version="1.0" encoding="UTF-8" ?>\n<xml>\n<records>\n${records.join('\n')}\n</records>\n</xml>\n`;

describe('EndNote XML read in batches', () => {
  it('a library reads as its records read one by one, across batch boundaries and broken records', () => {
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 260 }), (specs) => {
        const records = specs.map((s, i) => record(s, i + 1));
        const whole = parseEndnoteXml(file(records));
        const alone = records.map((r) => parseEndnoteXml(file([r])));
        expect(whole.records.map((r) => r.publication)).toEqual(alone.flatMap((a) => a.records.map((r) => r.publication)));
        // Record n is on line n + 3; a broken one is skipped there, with the reason it has alone.
        expect(whole.records.map((r) => r.line)).toEqual(alone.flatMap((a, i) => (a.records.length ? [i + 4] : [])));
        const skipped = alone.flatMap((a, i) => a.warnings.map((w) => ({ line: (w.line ?? 0) + i, message: w.message.replace(/line \d+/g, 'line N') })));
        expect(whole.warnings.map((w) => ({ line: w.line, message: w.message.replace(/line \d+/g, 'line N') }))).toEqual(skipped);
        expect(whole.seen).toBe(records.length);
      }),
      { numRuns: 30 },
    );
  });

  it('one broken record among 250 costs only itself', () => {
    const specs: Spec[] = Array.from({ length: 250 }, (_, i) => ({ title: `Study ${i}`, author: 'Okafor, Chidi', year: 2000 + (i % 20), broken: i === 150 ? 'unclosed-run' : false }));
    const { records, warnings } = parseEndnoteXml(file(specs.map((s, i) => record(s, i + 1))));
    expect(records).toHaveLength(249);
    expect(records.map((r) => r.publication.title)).not.toContain('Study 150');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.line).toBe(154);
    expect(warnings[0]!.message).toMatch(/^this record is not well-formed XML \(.*\) and was skipped$/);
  });
});
