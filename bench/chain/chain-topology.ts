/**
 * Starts every process the chain benchmark measures, each on its own: one raw
 * node:http backend shared by all chains, and four three-hop chains in front of it
 * (Strata as deployed, Strata with breaker and metrics off, express + axios, express +
 * undici). Hops are started from the bottom up, since each needs the next one's URL.
 */
import { randomBytes } from 'node:crypto';
import { createServiceTokenIssuer } from '@strata/service-auth';
import { startBenchChild, type BenchChild } from '../bench-child';
import { serviceName, type Hop } from './record.contract';

/** One row of the benchmark: where the load goes and with which headers. */
export interface Variant {
  key: 'raw' | 'oneHop' | 'strata' | 'strataBare' | 'axios' | 'undici';
  label: string;
  url: string;
  /** Hops between the load and the backend (0 for the backend alone). */
  hops: number;
  /** The processes that serve it (hops and backend), whose CPU time the bench reads. */
  processes: BenchChild[];
  /** Fresh headers for one load run (a service token where the first hop wants one). */
  headers(): Record<string, string>;
}

/** The running processes and the variants they serve. */
export interface Topology {
  variants: Variant[];
  stop(): Promise<void>;
}

export interface TopologyOptions {
  /** Write a CPU profile of each Strata hop into this folder when it exits. */
  cpuProfileDir?: string;
}

type ChainStarter = (backend: string) => Promise<BenchChild[]>;

/** experience -> process -> system -> backend, started bottom-up; returns the experience hop first. */
async function startChain(backend: string, startHop: (hop: Hop, next: string) => Promise<BenchChild>): Promise<BenchChild[]> {
  const system = await startHop('system', backend);
  const process_ = await startHop('process', system.url);
  const experience = await startHop('experience', process_.url);
  return [experience, process_, system];
}

export async function startTopology(options: TopologyOptions = {}): Promise<Topology> {
  const secret = randomBytes(32).toString('base64url');
  const load = createServiceTokenIssuer({ secret, service: 'bench-load' });
  const backend = await startBenchChild('bench-server.ts');
  const strataHop = (instrumentation: 'on' | 'off') => (hop: Hop, next: string) =>
    startBenchChild('chain/strata-hop.server.ts', {
      env: { NODE_ENV: 'production', LOG_LEVEL: 'info', HOP: hop, NEXT_URL: next, SERVICE_TOKEN_SECRET: secret, BENCH_INSTRUMENTATION: instrumentation },
      cpuProfileDir: options.cpuProfileDir && instrumentation === 'on' ? options.cpuProfileDir : undefined,
    });
  const expressHop = (client: 'axios' | 'undici') => (_hop: Hop, next: string) =>
    startBenchChild('chain/express-hop.server.ts', { env: { NODE_ENV: 'production', NEXT_URL: next, BENCH_CLIENT: client } });
  const starters: Record<'strata' | 'strataBare' | 'axios' | 'undici', ChainStarter> = {
    strata: (url) => startChain(url, strataHop('on')),
    strataBare: (url) => startChain(url, strataHop('off')),
    axios: (url) => startChain(url, expressHop('axios')),
    undici: (url) => startChain(url, expressHop('undici')),
  };
  const [strata, strataBare, axios, undici] = await Promise.all(Object.values(starters).map((start) => start(backend.url)));
  const chains = { strata: strata!, strataBare: strataBare!, axios: axios!, undici: undici! };
  const token = (hop: Hop) => () => ({ authorization: `Bearer ${load.tokenFor(serviceName(hop))}` });
  const none = () => ({});
  const variants: Variant[] = [
    { key: 'raw', label: 'raw node:http backend alone', url: backend.url, hops: 0, processes: [backend], headers: none },
    { key: 'oneHop', label: 'one System API hop (Strata)', url: chains.strata[2]!.url, hops: 1, processes: [chains.strata[2]!, backend], headers: token('system') },
    { key: 'strata', label: 'Strata chain, 3 hops', url: chains.strata[0]!.url, hops: 3, processes: [...chains.strata, backend], headers: token('experience') },
    { key: 'strataBare', label: 'Strata chain, breaker+metrics off', url: chains.strataBare[0]!.url, hops: 3, processes: [...chains.strataBare, backend], headers: token('experience') },
    { key: 'axios', label: 'express + bare axios chain', url: chains.axios[0]!.url, hops: 3, processes: [...chains.axios, backend], headers: none },
    { key: 'undici', label: 'express + undici Pool chain', url: chains.undici[0]!.url, hops: 3, processes: [...chains.undici, backend], headers: none },
  ];
  return {
    variants,
    // Top-down, so no hop is left calling one that is already gone.
    stop: async () => {
      for (const child of [...Object.values(chains).flat(), backend]) await child.stop();
    },
  };
}
