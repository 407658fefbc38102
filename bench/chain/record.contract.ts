/**
 * The one read route every hop of the benchmark chain serves: GET one small JSON
 * record by id. Each layer gets its own contract (its own name, which is also the
 * service-token audience), as every Strata API owns its contract.
 */
import { defineContract } from '@strata/contract-kit';
import { z } from 'zod';

/** The hops of the chain, from the consumer's side down. */
export const HOPS = ['experience', 'process', 'system'] as const;
export type Hop = (typeof HOPS)[number];

/** The record the backend answers (bench-server.ts's payload) and every hop passes on. */
export const recordSchema = z.object({ id: z.string(), text: z.string(), language: z.enum(['en', 'nl']) });

/** The path the load asks for, on every hop and on the backend alike. */
export const RECORD_PATH = '/v1/records/r-1';

/** Service name of a hop (`bench-process`): log `service`, metrics label and token audience. */
export const serviceName = (hop: Hop | 'backend') => `bench-${hop}`;

/** The contract of one hop (or of the backend, which the System API calls). */
export function recordContract(hop: Hop | 'backend') {
  return defineContract(
    { name: serviceName(hop), title: `Bench ${hop}`, version: '1' },
    {
      getRecord: {
        method: 'get',
        path: '/v1/records/:id',
        summary: 'Read one record',
        params: z.object({ id: z.string().min(1).max(64) }),
        responses: { 200: recordSchema },
      },
    },
  );
}
