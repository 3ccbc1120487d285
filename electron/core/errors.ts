import { basename } from 'node:path';

/**
 * A file GeneShelf refuses to import. It carries the file and the reason, plus a line or a JSON
 * path where there is one, so the app and the CLI can print the same single clear message.
 */
export class ImportError extends Error {
  readonly file: string;
  readonly reason: string;
  readonly line: number | undefined;
  readonly jsonPath: string | undefined;
  /** Further problems beyond the first, each already worded with its place (for `geneshelf validate`). */
  readonly details: string[];

  constructor(file: string, reason: string, where: { line?: number; jsonPath?: string } = {}, details: string[] = []) {
    super(formatProblem(file, reason, where));
    this.details = details;
    this.name = 'ImportError';
    this.file = file;
    this.reason = reason;
    this.line = where.line;
    this.jsonPath = where.jsonPath;
  }
}

/** "IKZF1.txt, line 12: reason" / "genes.json, at $.genes[0].year: reason" / "file: reason". */
export function formatProblem(file: string, reason: string, where: { line?: number; jsonPath?: string } = {}): string {
  const name = basename(file) || file;
  const place = where.line !== undefined ? `, line ${where.line}` : where.jsonPath ? `, at ${where.jsonPath}` : '';
  return `${name}${place}: ${reason}`;
}

/** An error in the library files themselves (unreadable, newer schema, corrupt). */
export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreError';
  }
}
