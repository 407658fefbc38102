/**
 * One hop of the Strata chain, built the way an app is: config through `loadConfig`,
 * a winston logger at LOG_LEVEL (info, as deployed), `createServiceApp` serving the
 * hop's contract through `contractRouter`, callers verified by service token through
 * the `authenticate` option, and the next hop called through `createContractClient`
 * with a token this hop signs. The System hop calls the raw backend (no token: it is
 * the outside system). Reports its port over IPC; shuts down gracefully on disconnect.
 *
 * BENCH_INSTRUMENTATION=off turns off the client's breaker and metrics and the app's
 * request metrics, to show what they cost; nothing else changes.
 */
import { createContractClient } from '@strata/http-client';
import { createLogger } from '@strata/logging';
import { requireServiceToken, serviceTokensFromConfig, serviceTokenSettings } from '@strata/service-auth';
import { baseConfigSchema, contractRouter, createHttpMetrics, createServiceApp, loadConfig, startService } from '@strata/service-kit';
import { z } from 'zod';
import { HOPS, recordContract, serviceName, type Hop } from './record.contract';

const configSchema = baseConfigSchema.extend({
  ...serviceTokenSettings,
  HOP: z.enum(HOPS),
  NEXT_URL: z.string().url(),
  BENCH_INSTRUMENTATION: z.enum(['on', 'off']).default('on'),
});

const below: Record<Hop, Hop | 'backend'> = { experience: 'process', process: 'system', system: 'backend' };

async function main(): Promise<void> {
  const config = loadConfig(configSchema, process.env, 'bench-hop');
  const hop = config.HOP;
  const name = serviceName(hop);
  const instrumented = config.BENCH_INSTRUMENTATION === 'on';
  const logger = createLogger({ service: name, level: config.LOG_LEVEL });
  const metrics = createHttpMetrics(name);
  const { issuer, verifier } = serviceTokensFromConfig(config, name);
  const next = below[hop];
  const upstream = createContractClient(recordContract(next), {
    baseUrl: config.NEXT_URL,
    logger,
    registry: metrics.registry,
    getServiceToken: next === 'backend' ? undefined : issuer.sourceFor(serviceName(next)),
    breakerAndMetrics: instrumented,
  });
  const contract = recordContract(hop);
  const service = createServiceApp({
    name,
    logger,
    contract,
    production: config.NODE_ENV === 'production',
    metrics,
    requestMetrics: instrumented,
    authenticate: requireServiceToken(verifier),
    breakers: () => [upstream.$client.snapshot()],
    routes: contractRouter(contract, {
      getRecord: async ({ params }) => ({ status: 200, body: await upstream.getRecord({ params }) }),
    }),
  });
  const running = await startService(service, {
    port: 0,
    host: '127.0.0.1',
    closeables: [{ name: 'upstream', close: () => upstream.$client.shutdown() }],
  });
  process.send?.({ port: running.port });
  process.once('disconnect', () => void running.shutdown('benchmark finished').then((code) => process.exit(code)));
}

void main();
