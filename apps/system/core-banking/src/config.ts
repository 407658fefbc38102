import { z } from 'zod';
import { baseConfigSchema, portSetting } from '@strata/service-kit';

/** system-core-banking's settings; every one has a default that works in the local landscape. */
export const configSchema = baseConfigSchema.extend({
  PORT: portSetting(8282),
});

export type Config = z.output<typeof configSchema>;
