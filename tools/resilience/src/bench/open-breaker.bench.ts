/**
 * What the edge costs a caller once an upstream's breaker is open (issue 8's target:
 * p99 under 10 ms). Starts the fault chain, blackholes customer-sync until the mobile
 * API's breaker opens, then times REQUESTS sequential `GET /v1/me` (each a 503
 * problem+json with Retry-After) and prints p50, p99 and max. The e2e suite asserts the
 * behaviour; this prints the figure, so a loaded CI machine does not turn a target into
 * a flaky test.
 *
 * Run: NX_DAEMON=false NX_SKIP_NX_CACHE=true npx nx run resilience:bench
 */
import { edgeHeaders, hangUntilOpen, isProblem, percentile, settledCustomer, timedCall } from '../chain/edge-calls';
import { startFaultChain } from '../chain/fault-chain';

const REQUESTS = Number(process.env['REQUESTS'] ?? 500);
const TARGET_P99_MS = 10;

async function main(): Promise<void> {
  const chain = await startFaultChain();
  try {
    const { customerKey } = await settledCustomer(chain.sync.url);
    const headers = edgeHeaders(await chain.userToken(customerKey));
    const me = () => timedCall(`${chain.mobile.url}/v1/me`, { headers });
    for (let i = 0; i < 50; i += 1) await me(); // warm up: JIT, sockets, the API key cache
    const openedAfterMs = await hangUntilOpen(chain.proxies.sync, me, { appUrl: chain.mobile.url, name: 'process-customer-sync', workers: 4 });
    const answers = [];
    for (let i = 0; i < REQUESTS; i += 1) answers.push(await me());
    const ms = answers.map((answer) => answer.ms);
    const problems = answers.filter((answer) => isProblem(answer, 503) && answer.retryAfter !== null).length;
    const p99 = percentile(ms, 99);
    console.log(
      `open breaker at the edge: opened after ${Math.round(openedAfterMs)} ms; ${problems}/${REQUESTS} answered 503 problem+json with Retry-After; ` +
        `p50 ${percentile(ms, 50).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms (target < ${TARGET_P99_MS}), max ${percentile(ms, 100).toFixed(2)} ms`,
    );
    process.exitCode = problems === REQUESTS && p99 < TARGET_P99_MS ? 0 : 1;
  } finally {
    await chain.close();
  }
}

void main();
