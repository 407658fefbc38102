import { z } from 'zod';
import { defineContract } from '../route';
import { cursorPageQuerySchema, cursorPageSchema } from '../schemas/pagination.schema';

export const greetingSchema = z
  .object({ id: z.string(), text: z.string().min(1), language: z.enum(['en', 'nl']).default('en') })
  .meta({ id: 'Greeting' });

/** A small contract used by contract-kit's own tests. */
export const greetingContract = defineContract(
  { name: 'test-greetings', title: 'Greetings', version: '1.0.0' },
  {
    getGreeting: {
      method: 'get',
      path: '/v1/greetings/:id',
      summary: 'Read one greeting',
      params: z.object({ id: z.string().regex(/^g-\d+$/) }),
      responses: { 200: greetingSchema, 304: null },
    },
    listGreetings: {
      method: 'get',
      path: '/v1/greetings',
      summary: 'List greetings',
      query: cursorPageQuerySchema,
      responses: { 200: cursorPageSchema(greetingSchema) },
    },
    putGreeting: {
      method: 'put',
      path: '/v1/greetings/:id',
      summary: 'Create or replace a greeting',
      params: z.object({ id: z.string() }),
      headers: z.object({ 'idempotency-key': z.string().min(8).optional() }),
      body: greetingSchema.omit({ id: true }),
      responses: { 200: greetingSchema, 201: greetingSchema },
      idempotent: true,
    },
    deleteGreeting: {
      method: 'delete',
      path: '/v1/greetings/:id',
      summary: 'Delete a greeting',
      params: z.object({ id: z.string() }),
      responses: { 204: null },
    },
  },
);
