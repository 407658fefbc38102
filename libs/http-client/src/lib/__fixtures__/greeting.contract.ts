import { defineContract } from '@strata/contract-kit';
import { z } from 'zod';

export const greetingSchema = z.object({ id: z.string(), text: z.string().min(1), language: z.enum(['en', 'nl']).default('en') });

/** A small contract for the typed-client tests: params, query arrays, headers, bodies, 3xx results. */
export const greetingContract = defineContract(
  { name: 'test-greetings', title: 'Greetings', version: '1.0.0' },
  {
    getGreeting: {
      method: 'get',
      path: '/v1/greetings/:id',
      summary: 'Read one greeting',
      params: z.object({ id: z.string().regex(/^g-[\w ./?]+$/) }),
      headers: z.object({ 'if-none-match': z.string().optional() }),
      responses: { 200: greetingSchema, 304: null },
    },
    listGreetings: {
      method: 'get',
      path: '/v1/greetings',
      summary: 'List greetings',
      query: z.object({ language: z.array(z.enum(['en', 'nl'])).optional(), limit: z.number().int().max(100).optional(), after: z.string().optional() }),
      responses: { 200: z.object({ items: z.array(greetingSchema) }), 300: z.object({ choices: z.array(z.string()) }) },
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
