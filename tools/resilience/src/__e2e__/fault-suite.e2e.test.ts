/**
 * The resilience fault suite (issue 8): one chain of real processes, each hop behind a
 * fault proxy (mobile -> customer-sync -> core-banking System API -> bank emulator),
 * started once and shared by every scenario; faults are cleared and every breaker is
 * closed again between tests. docs/resilience.md says what each test proves.
 */
import { testServiceHeader } from '@strata/service-auth/testing';
import { breakerState, edgeHeaders, settledCustomer, timedCall } from '../chain/edge-calls';
import { startFaultChain, type FaultChain } from '../chain/fault-chain';
import { bulkheadScenarios } from '../scenarios/bulkheads.scenario';
import { errorBurstScenarios } from '../scenarios/error-bursts.scenario';
import { hangingBackendScenarios } from '../scenarios/hanging-backends.scenario';
import { keepAliveScenarios } from '../scenarios/keep-alive.scenario';
import { SUITE_SETTINGS, type SuiteContext } from '../scenarios/suite-context';
import { syncFaultScenarios } from '../scenarios/sync-faults.scenario';

jest.setTimeout(60_000);

let context: SuiteContext | undefined;
const current = (): SuiteContext => {
  if (!context) throw new Error('the fault chain did not start');
  return context;
};

beforeAll(async () => {
  const chain: FaultChain = await startFaultChain({
    mobileEnv: { CUSTOMER_SYNC_BREAKER_RESET_MS: String(SUITE_SETTINGS.mobileResetMs), CUSTOMER_SYNC_MAX_CONCURRENT: String(SUITE_SETTINGS.mobileBulkhead) },
    syncEnv: {
      SYSTEM_READ_MAX_CONCURRENT: String(SUITE_SETTINGS.readBulkhead),
      OUTBOX_MAX_ATTEMPTS: String(SUITE_SETTINGS.outboxMaxAttempts),
      OUTBOX_RETRY_BASE_MS: String(SUITE_SETTINGS.outboxRetryBaseMs),
      OUTBOX_OUTAGE_RETRY_MS: String(SUITE_SETTINGS.outageRetryMs),
    },
    systemEnv: { CORE_BANKING_BREAKER_RESET_MS: String(SUITE_SETTINGS.systemResetMs) },
  });
  const { customerKey, partyId } = await settledCustomer(chain.sync.url);
  const headers = edgeHeaders(await chain.userToken(customerKey));
  const me = () => timedCall(`${chain.mobile.url}/v1/me`, { headers });
  context = {
    chain,
    customerKey,
    partyId,
    me,
    systems: () => timedCall(`${chain.sync.url}/v1/customers/${customerKey}/systems`, { headers: testServiceHeader('process-customer-sync') }),
    changePhone: async (phone) => {
      const read = await fetch(`${chain.mobile.url}/v1/me`, { headers });
      const etag = read.headers.get('etag') ?? '';
      await read.arrayBuffer();
      return timedCall(`${chain.mobile.url}/v1/me`, { method: 'PATCH', headers: { ...headers, 'if-match': etag, 'content-type': 'application/json' }, body: JSON.stringify({ phone }) });
    },
  };
}, 240_000);

afterAll(async () => {
  await context?.chain.close();
});

/** Clears every fault, then calls through the chain until every breaker on it has closed again. */
afterEach(async () => {
  if (!context) return;
  const { chain, me, systems } = context;
  await Promise.all(Object.values(chain.proxies).map((proxy) => proxy.clearFaults()));
  const deadline = Date.now() + 20_000;
  for (;;) {
    const [edge, read] = await Promise.all([me(), systems()]);
    const bankReadable = JSON.stringify(read.body?.['systems'] ?? []).includes('"unavailable"') === false;
    const closed = (await breakerState(chain.mobile.url, SUITE_SETTINGS.syncBreaker)) === 'closed' && (await breakerState(chain.system.url, SUITE_SETTINGS.bankBreaker)) === 'closed';
    if (edge.status === 200 && read.status === 200 && bankReadable && closed) return;
    if (Date.now() > deadline) throw new Error('the chain did not recover after the fault was cleared');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}, 30_000);

describe('keep-alive between apps', () => keepAliveScenarios(current));
describe('hanging backends', () => hangingBackendScenarios(current));
describe('5xx bursts', () => errorBurstScenarios(current));
describe('bulkheads', () => bulkheadScenarios(current));
describe('resets, latency, and a System API restart', () => syncFaultScenarios(current));
