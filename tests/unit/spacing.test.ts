import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialsOf } from '../../electron/core/authors';
import { oneLine } from '../../electron/core/publication';
import { withoutLoneCrs } from '../../electron/core/text';
import { parseImportBytes } from '../../electron/core/import';

// The hand-written fast paths say exactly what the plain expressions they replace say.
const chars = fc.constantFrom('a', 'B', ' ', '  ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u2028', '\u2029', '\u3000', '\ufeff', '\u200b', '\u0001', '.', '-', 'é', 'Ø');

describe('fast paths', () => {
  it('withoutLoneCrs makes a CR not followed by LF a LF and leaves CRLF alone', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', '\r', '\n', '\r\n', ' '), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(withoutLoneCrs(text)).toBe(text.replace(/\r(?!\n)/g, '\n'));
      }),
      { numRuns: 3000 },
    );
  });

  it('an old Mac RIS file (CR line ends only) imports record by record', async () => {
    const lines = ['TY  - JOUR', 'TI  - First title', 'AU  - Mullighan, Charles G.', 'PY  - 2009', 'ER  - ', 'TY  - JOUR', 'TI  - Second title', 'PY  - 2010', 'ER  - ', ''];
    const parsed = await parseImportBytes('mac.ris', Buffer.from(lines.join('\r')));
    expect(parsed.publications.map((r) => [r.publication.title, r.publication.year])).toEqual([
      ['First title', 2009],
      ['Second title', 2010],
    ]);
    expect(parsed.publications[0]!.publication.authors).toEqual(['Mullighan CG']);
  });

  it('oneLine is /\\s+/ made one space, trimmed', () => {
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(oneLine(text)).toBe(text.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 5000 },
    );
  });

  it('initialsOf takes the first letter of each part of a given name, upper case', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('charles', 'G', 'jean', 'pierre', 'é', ' ', '.', '-', '  '), { maxLength: 8 }), (parts) => {
        const given = parts.join('');
        const expected = /^\p{Lu}{1,4}$/u.test(given.trim())
          ? given.trim()
          : given
              .split(/[\s.-]+/)
              .filter(Boolean)
              .map((p) => p[0]!.toUpperCase())
              .join('');
        expect(initialsOf(given)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('shortAuthorName', () => {
  it('is the family name before the first comma and the initials of what follows it, up to a second comma', async () => {
    const { shortAuthorName } = await import('../../electron/core/authors');
    fc.assert(
      fc.property(fc.array(fc.constantFrom('Ayón-Pérez', 'Lilljebjörn', ',', ', ', ' ', 'Maria', 'Fernanda', 'Jr', '.'), { maxLength: 8 }), (parts) => {
        const full = parts.join('');
        const [family, given] = full.split(/,\s*/, 2);
        const expected = !given ? full.trim() : `${family!.trim()} ${initialsOf(given)}`.trim();
        expect(shortAuthorName(full)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
});
