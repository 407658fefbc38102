import { isDeepStrictEqual } from 'node:util';

/**
 * The fields that differ between two clean states, as dotted paths into nested objects
 * (`email`, `address.city`); arrays compare whole. This is how every polled feed fills
 * `changedFields` the same way, whatever its backend reports.
 */
export function changedFields(before: unknown, after: unknown, prefix = ''): string[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].sort().flatMap((key) => changedFields(before[key], after[key], prefix ? `${prefix}.${key}` : key));
  }
  if (isDeepStrictEqual(before, after)) return [];
  return prefix ? [prefix] : [];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
