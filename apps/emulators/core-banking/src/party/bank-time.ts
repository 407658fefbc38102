/**
 * The bank's timestamps: `YYYYMMDDhhmmss` in UTC. Second precision is the point: two
 * writes in the same second share a `modifiedAt`, which pollers must cope with.
 */
export function toBankTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** True for a well-formed `YYYYMMDDhhmmss` value (used to validate `modifiedSince`). */
export function isBankTimestamp(value: string): boolean {
  return /^\d{14}$/.test(value);
}
