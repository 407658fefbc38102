import { z } from 'zod';

/**
 * Cursor pagination query: `after` is an opaque cursor from the previous page's
 * `nextCursor`; offsets are not offered because they skip or repeat rows when data
 * changes between pages.
 */
export const cursorPageQuerySchema = z.object({
  after: z.string().min(1).max(512).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** A page of `item`s; `nextCursor` is null on the last page. */
export function cursorPageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable(),
  });
}

/** Encodes a cursor as opaque base64url JSON, so clients cannot come to rely on its shape. */
export function encodeCursor(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Decodes a cursor made by `encodeCursor`; undefined when it is not one of ours. */
export function decodeCursor<T extends Record<string, unknown>>(cursor: string): T | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}
