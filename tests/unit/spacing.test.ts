import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialsOf } from '../../electron/core/authors';
import { oneLine } from '../../electron/core/publication';

// The hand-written fast paths say exactly what the plain expressions they replace say.
const chars = fc.constantFrom('a', 'B', ' ', '  ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u2028', '\u2029', '\u3000', '\ufeff', '\u200b', '\u0001', '.', '-', 'é', 'Ø');

describe('fast paths', () => {
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
