import { z } from 'zod';
import { defineContract } from '@strata/contract-kit';

export const widgetSchema = z.object({
  id: z.string(),
  name: z.string().min(1).max(40),
  size: z.number().int().positive(),
});

/** A tiny contract for service-kit's own tests. */
export const widgetsContract = defineContract(
  { name: 'test-widgets', title: 'Widgets', version: '1.0.0' },
  {
    getWidget: {
      method: 'get',
      path: '/v1/widgets/:id',
      summary: 'Read a widget',
      params: z.object({ id: z.string() }),
      responses: { 200: widgetSchema },
    },
    createWidget: {
      method: 'post',
      path: '/v1/widgets',
      summary: 'Create a widget',
      body: widgetSchema.omit({ id: true }),
      responses: { 201: widgetSchema },
    },
    slow: {
      method: 'get',
      path: '/v1/slow',
      summary: 'Answers after a delay',
      query: z.object({ ms: z.coerce.number().int().min(0).max(10_000).default(1000) }),
      responses: { 200: z.object({ waitedMs: z.number() }) },
    },
  },
);
