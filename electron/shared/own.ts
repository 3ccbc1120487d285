/**
 * Records keyed by ids and symbols (the library's genes and publications, snapshots, list
 * memberships) are plain objects, because lowdb stores JSON. A plain object answers for keys it
 * does not hold but inherits ("constructor", "toString", "__proto__"): every lookup by a key that
 * came from a file or a user goes through here, so only the record's own entries are found.
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Sets a record's own entry, even for "__proto__" (which plain assignment would take as the prototype). */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
}
