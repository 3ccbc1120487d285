import { LineIndex } from '../../text';

/** V8 words its JSON errors in several ways across versions; this finds the line in any of them. */
export function jsonSyntaxProblem(text: string, error: unknown): { reason: string; line?: number } {
  const message = error instanceof Error ? error.message : String(error);
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { reason: `the JSON is malformed (column ${lc[2]})`, line: Number(lc[1]) };
  const pos = /at position (\d+)/.exec(message);
  if (pos) {
    const { line, column } = new LineIndex(text).at(Number(pos[1]));
    return { reason: `the JSON is malformed (column ${column})`, line };
  }
  if (/Unexpected end of JSON input/i.test(message)) {
    return { reason: 'the JSON ends too early (the file may be cut off)', line: new LineIndex(text).count };
  }
  return { reason: `the JSON is malformed (${message.split('\n')[0]})` };
}

/** "/genes/0/publications/2/year" -> "$.genes[0].publications[2].year" */
export function toJsonPath(pointer: string): string {
  if (!pointer) return '$';
  return (
    '$' +
    pointer
      .split('/')
      .slice(1)
      .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((seg) => (/^\d+$/.test(seg) ? `[${seg}]` : /^[A-Za-z_$][\w$]*$/.test(seg) ? `.${seg}` : `[${JSON.stringify(seg)}]`))
      .join('')
  );
}
