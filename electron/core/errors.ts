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

/** A file-system error in words a user can act on, without the errno jargon or a temp path. */
export function fileSystemReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'the file does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'GeneShelf is not allowed to read this file';
    case 'EISDIR':
      return 'this is a folder, not a file';
    default:
      return `the file could not be read (${code ?? (error instanceof Error ? error.message : String(error))})`;
  }
}

/** Why a file could not be written. */
export function writeFailureReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'its folder does not exist';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'GeneShelf is not allowed to write there';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EISDIR':
      return 'a folder has that name';
    default:
      return `it could not be written (${code ?? (error instanceof Error ? error.message : String(error))})`;
  }
}

/** A file GeneShelf was asked to write (an export) could not be written; the message names it and says why. */
export class SaveError extends Error {}

/** A request that cannot be carried out (a list deleted meanwhile, a clashing name); its message is shown as it is. */
export class UserStateError extends Error {}

/**
 * The one wording of a failure, for the app's message bar and the CLI's stderr alike. GeneShelf's
 * own errors are already sentences for a person; anything else (a bug, a disk error that escaped
 * its wording) is said plainly rather than swallowed.
 */
export function problemText(error: unknown): string {
  if (error instanceof ImportError || error instanceof UserStateError || error instanceof StoreError || error instanceof SaveError) return error.message;
  return `GeneShelf could not finish this: ${error instanceof Error ? error.message : String(error)}`;
}
