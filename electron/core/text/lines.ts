/**
 * Line numbers of character offsets, for warnings that point at a line. The offsets of line
 * starts are found once, then each lookup is a binary search: a reader that asks for the line of
 * every record in a large file costs a pass over it, not a pass per record.
 */
export class LineIndex {
  readonly #starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.#starts.push(i + 1);
  }

  /** 1-based line and column of `offset`. */
  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.#starts[lo]! + 1 };
  }

  lineOf(offset: number): number {
    return this.at(offset).line;
  }

  get count(): number {
    return this.#starts.length;
  }
}

/**
 * The text with an old Mac file's lone CRs made \n; \r\n is left as it is (readers take it). A
 * CRLF export holds a CR on every line, and finding that none is alone by indexOf is a third of
 * the time of a regex over the whole file.
 */
export function withoutLoneCrs(text: string): string {
  return hasLoneCr(text) ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** Whether the text holds a CR that is not the start of a CRLF. */
export function hasLoneCr(text: string): boolean {
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== 10) return true;
  }
  return false;
}

/** Whether a UTF-16 code unit is white space to JavaScript (\s, and what trim() removes). */
export function isWhiteSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
