import { z } from 'zod';
import { baseConfigSchema, portSetting } from '@strata/service-kit';

/** process-customer-sync's settings; every one has a default that works in the local landscape. */
export const configSchema = baseConfigSchema.extend({
  PORT: portSetting(8181),
});

export type Config = z.output<typeof configSchema>;
