import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PactV3, Verifier, type LogLevel, type VerifierOptions } from '@pact-foundation/pact';
import { settleBeforeVerifying } from './pact-mock-settle';
import { describeStateFailures, recordStateFailures, type ProviderStateHandlers } from './pact-state-failures';
import { findWorkspaceRoot } from './workspace-root';

export { MatchersV3 } from '@pact-foundation/pact';

export type { ProviderStateFunc, ProviderStateHandler, ProviderStateHandlers } from './pact-state-failures';

/**
 * `<workspaceRoot>/pacts`: where every consumer test writes and every provider test
 * reads. One shared folder is what lets Nx run consumers before providers and hand the
 * files over without a broker.
 */
export function pactDir(): string {
  return path.join(findWorkspaceRoot(), 'pacts');
}

/** The file pact writes for a pair: `<pactDir>/<consumer>-<provider>.json`. */
export function pactFilePath(consumer: string, provider: string, dir: string = pactDir()): string {
  return path.join(dir, `${consumer}-${provider}.json`);
}

/** Who a consumer test is written for. */
export interface PactParticipants {
  consumer: string;
  provider: string;
  /** Override for the pact folder; defaults to {@link pactDir}. */
  dir?: string;
}

/**
 * A `PactV3` mock provider preconfigured for this workspace: it writes into
 * {@link pactDir} and logs only warnings, so every consumer test looks the same.
 * Pact merges interactions into an existing file; delete it first if the file should
 * hold only what this run declares. `executeTest` waits until the mock server has booked
 * every request it answered (see {@link settleBeforeVerifying}).
 *
 * @example
 * const pact = definePactConsumer({ consumer: 'experience-mobile', provider: 'process-customer-sync' });
 * await pact.given('customer 42 exists').uponReceiving('a customer lookup')
 *   .withRequest({ method: 'GET', path: '/v1/customers/42' })
 *   .willRespondWith({ status: 200, body: MatchersV3.like({ id: '42' }) })
 *   .executeTest((server) => client(server.url).getCustomer('42'));
 */
export function definePactConsumer({ consumer, provider, dir }: PactParticipants): PactV3 {
  return settleBeforeVerifying(new PactV3({ consumer, provider, dir: dir ?? pactDir(), logLevel: 'warn' }));
}

/**
 * Every pact file in `dir` whose provider is `provider`, sorted. Files that are not
 * pacts (unreadable or without a provider name) are ignored.
 */
export function pactFilesFor(provider: string, dir: string = pactDir()): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => path.join(dir, name))
    .filter((file) => readProviderName(file) === provider)
    .sort();
}

function readProviderName(file: string): string | undefined {
  try {
    const pact = JSON.parse(readFileSync(file, 'utf8')) as { provider?: { name?: unknown } };
    return typeof pact.provider?.name === 'string' ? pact.provider.name : undefined;
  } catch {
    return undefined;
  }
}

/** What a provider test hands to {@link verifyPacts}. */
export interface VerifyPactsOptions {
  provider: string;
  /** Where the provider under test listens, e.g. from `listenOnFreePort(createApp(deps))`. */
  providerBaseUrl: string;
  /** Named provider states, each seeding the data its interactions expect. */
  stateHandlers?: ProviderStateHandlers;
  /** Explicit pact files; defaults to {@link pactFilesFor} the provider. */
  pactFiles?: string[];
  logLevel?: LogLevel;
}

/**
 * Verifies the running provider against every pact its consumers wrote, and rejects
 * when any interaction fails. It also rejects when there is no pact at all: a
 * verification that verifies nothing would otherwise pass and hide a broken pipeline
 * (consumer tests not run, or a misspelt provider name). And it rejects, once the
 * verification is over, when any provider state handler threw, naming each state and
 * its error: pact itself only logs that and replays the interaction with the
 * consumer's example values, which can pass on data that happens to be there.
 */
export async function verifyPacts(options: VerifyPactsOptions): Promise<string> {
  const files = options.pactFiles ?? pactFilesFor(options.provider);
  if (files.length === 0) {
    throw new Error(
      `No pact files for provider "${options.provider}" in ${pactDir()}. ` +
        'Run the consumer contract tests first, and check the provider name matches theirs.',
    );
  }
  const missing = files.filter((file) => !existsSync(file));
  if (missing.length > 0) throw new Error(`Pact files not found: ${missing.join(', ')}`);
  const states = recordStateFailures(options.stateHandlers ?? {});
  const verifier = new Verifier({
    provider: options.provider,
    providerBaseUrl: options.providerBaseUrl,
    pactUrls: files,
    // Pact types this option as both its HTTP and its message handlers at once, which
    // no `{ setup, teardown }` object satisfies; at run time HTTP states take either shape.
    stateHandlers: states.handlers as VerifierOptions['stateHandlers'],
    logLevel: options.logLevel ?? 'warn',
    failIfNoPactsFound: true,
  });
  const stateTrouble = () => `Provider "${options.provider}": state handlers threw, so interactions ran on whatever data was there:\n${describeStateFailures(states.failures)}`;
  let output: string;
  try {
    output = await verifier.verifyProvider();
  } catch (error) {
    if (states.failures.length === 0) throw error;
    // A failed state is the likelier cause of the failed interactions: name it first.
    throw new Error(`${stateTrouble()}\n${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (states.failures.length > 0) throw new Error(stateTrouble());
  return output;
}
