import { z } from 'zod';
import { batchBodySchema } from './batch.schema';

const batch = batchBodySchema(z.object({ id: z.string(), value: z.number() }), 3, 'record');

describe('batchBodySchema', () => {
  it('takes 1 to max items with distinct ids', () => {
    expect(batch.safeParse({ items: [{ id: 'a', value: 1 }, { id: 'b', value: 2 }] }).success).toBe(true);
  });

  it('names every repeat of an id at its own index, and refuses an empty or oversized batch', () => {
    const repeated = batch.safeParse({ items: [{ id: 'a', value: 1 }, { id: 'a', value: 2 }, { id: 'a', value: 3 }] });
    expect(repeated.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['items.1.id', 'record a appears more than once in this batch'],
      ['items.2.id', 'record a appears more than once in this batch'],
    ]);
    expect(batch.safeParse({ items: [] }).success).toBe(false);
    expect(batch.safeParse({ items: ['a', 'b', 'c', 'd'].map((id) => ({ id, value: 0 })) }).success).toBe(false);
  });
});
