/**
 * What the XML reference readers (PubMed XML, EndNote XML) share over fast-xml-parser's output:
 * safe access to parsed nodes, and the text of a stop node (a field read raw, so inline markup
 * such as <i> or EndNote's <style> runs can be reduced to text in order).
 */

export type XmlNode = Record<string, unknown>;

/** The node, or an empty one when the value is missing, text or a list. */
export const obj = (v: unknown): XmlNode => (v && typeof v === 'object' && !Array.isArray(v) ? (v as XmlNode) : {});

/** A repeated element comes as an array, a single one as itself: both as a list. */
export const all = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** As `all`, each as a node. */
export const nodes = (v: unknown): XmlNode[] => all(v).map(obj);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Character and named entities decoded; one that names no character (&#x110000;) is left as written. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] !== '#') return ENTITIES[code.toLowerCase()] ?? whole;
    const n = code[1]?.toLowerCase() === 'x' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
    // The validator lets &#x110000; through; fromCodePoint would throw on it.
    return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
  });
}

/** A stop node's raw content (a string, or an element's #text when it has attributes). */
export function rawContent(raw: unknown): string {
  return typeof raw === 'string' ? raw : typeof obj(raw)['#text'] === 'string' ? (obj(raw)['#text'] as string) : '';
}
