import { z } from 'zod';

/**
 * The body of a batch route: `{ items }`, 1 to `max` of them, each addressed record at
 * most once, since two updates of one record in one batch would race each other. A
 * repeat is refused naming `items.<n>.id`, so the caller sees which item to drop.
 */
export function batchBodySchema<Item extends z.ZodType<{ id: string }>>(item: Item, max: number, noun: string) {
  return z.object({ items: z.array(item).min(1).max(max) }).superRefine((batch, ctx) => {
    const seen = new Set<string>();
    batch.items.forEach((entry, index) => {
      const { id } = entry as { id: string };
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['items', index, 'id'], message: `${noun} ${id} appears more than once in this batch` });
      seen.add(id);
    });
  });
}
