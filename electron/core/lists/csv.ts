import Papa from 'papaparse';

/**
 * CSV for Excel and LibreOffice: UTF-8 with a BOM (so Excel reads accents right), CRLF line
 * ends, RFC 4180 quoting (papaparse quotes any cell holding a comma, a quote, CR or LF, or a
 * leading or trailing space). A cell starting with = + - @, a tab or a carriage return would run
 * as a formula when opened in a spreadsheet; by default it is neutralised with a leading
 * apostrophe (OWASP's advice), and a setting can turn that off for tools that read raw values.
 */
export interface CsvOptions {
  neutraliseFormulas?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;

export function toCsv(header: string[], rows: string[][], options: CsvOptions = {}): string {
  const neutralise = options.neutraliseFormulas ?? true;
  const body = Papa.unparse(
    { fields: header, data: rows },
    { newline: '\r\n', quotes: false, escapeFormulae: neutralise ? FORMULA_START : false, skipEmptyLines: false },
  );
  return `\ufeff${body}\r\n`;
}
