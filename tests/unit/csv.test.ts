import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../electron/core/lists';

// Every file is read back with csv-parse, an independent RFC 4180 reader, not the writer's own.
const readBack = (text: string): string[][] => parse(text, { bom: true, relax_column_count: false });

describe('CSV writer', () => {
  it('starts with a UTF-8 BOM and ends every record with CRLF', () => {
    const csv = toCsv(['PMID', 'Title'], [['1', 'A'], ['2', 'B']]);
    expect(csv.startsWith('\ufeffPMID,Title\r\n')).toBe(true);
    expect(csv).toBe('\ufeffPMID,Title\r\n1,A\r\n2,B\r\n');
  });

  it('quotes commas, quotes, CR, LF and CRLF inside cells, and keeps every value exactly', () => {
    const cells = ['a,b', 'say "hi"', 'line1\nline2', 'cr\rinside', 'crlf\r\ninside', '', ' leading', 'trailing ', 'Ayón-Pérez MF', 'Lilljebjörn H', '1,223 cases; 95% CI'];
    const csv = toCsv(cells.map((_, i) => `c${i}`), [cells]);
    expect(csv).toContain('"a,b"');
    expect(csv).toContain('"say ""hi"""');
    expect(csv).toContain('"line1\nline2"');
    expect(csv).toContain('" leading"');
    expect(readBack(csv)).toEqual([cells.map((_, i) => `c${i}`), cells]);
  });

  it('keeps an abstract\'s line breaks inside its quoted cell', () => {
    const abstract = 'BACKGROUND: One.\nMETHODS: Two.\nRESULTS: Three.';
    expect(readBack(toCsv(['Abstract'], [[abstract]]))[1]).toEqual([abstract]);
  });

  it('neutralises cells that would run as formulas, unless turned off', () => {
    const risky = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tTAB', '\rCR', 'safe = text', '2019-08-31'];
    const [, on] = readBack(toCsv(risky.map((_, i) => `c${i}`), [risky]));
    expect(on).toEqual(["'=HYPERLINK(\"http://x\",\"y\")", "'+1+1", "'-2+3", "'@SUM(A1)", "'\tTAB", "'\rCR", 'safe = text', '2019-08-31']);
    const [, off] = readBack(toCsv(risky.map((_, i) => `c${i}`), [risky], { neutraliseFormulas: false }));
    expect(off).toEqual(risky);
  });

  it('writes 10,000 rows that read back whole', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [String(i), `Title ${i}, with "quotes"`, 'Barwick BG, Neri P', 'x\ny']);
    const back = readBack(toCsv(['PMID', 'Title', 'Authors', 'Abstract'], rows));
    expect(back).toHaveLength(10_001);
    expect(back[10_000]).toEqual(rows[9_999]);
  });
});
