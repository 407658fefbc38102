/**
 * The System API as a real process (main.ts) over one data folder, crashed with kill -9
 * and started again: the feed resumes at the committed file position, so the changes
 * the mainframe wrote while it was down arrive exactly once, and a request written
 * before the crash is still correlated with its acknowledgement after it.
 */
import { AppProcess, freeStablePort, startAppProcess } from '@strata/testing';
import { exchangeFolders, startMainframe, waitFor } from '../../__fixtures__/system-api.harness';
import { testServiceHeader } from '@strata/service-auth/testing';

jest.setTimeout(180_000);

interface Change {
  changeType: string;
  entityId: string;
  cursor: string;
}

const dirs = exchangeFolders('loan-restart-');
let mainframe: Awaited<ReturnType<typeof startMainframe>>;
let api: AppProcess | undefined;

async function startApi(): Promise<AppProcess> {
  api = await startAppProcess(
    'apps/system/loan-mainframe',
    {
      PORT: String(await freeStablePort()),
      DATA_DIR: dirs.apiData,
      LOAN_OUTBOUND_DIR: dirs.outbound,
      LOAN_INBOUND_DIR: dirs.inbound,
      LOAN_MAINFRAME_ADMIN_URL: mainframe.url,
      LOAN_POLL_INTERVAL_MS: '100',
    },
    { timeoutMs: 120_000 },
  );
  return api;
}

/** Reads from `after` until `done` holds for everything read. */
async function readUntil(url: string, after: string | undefined, done: (all: Change[]) => boolean) {
  const all: Change[] = [];
  let cursor = after;
  return waitFor('the expected changes', async () => {
    const query = new URLSearchParams({ limit: '1000', waitMs: '500', ...(cursor ? { after: cursor } : {}) });
    const page = (await (await fetch(`${url}/v1/changes?${query}`, { headers: testServiceHeader('system-loan-mainframe') })).json()) as { changes: Change[]; nextCursor: string };
    all.push(...page.changes);
    cursor = page.nextCursor;
    return done(all) && { changes: all, nextCursor: cursor };
  }, 30_000);
}

const newLoan = async (n: number) => {
  await mainframe.admin(`/loans/LN-8000000${n}`, 'PUT', { surname: `RESTART${n}`, statusCode: 'A' });
  return `LN-8000000${n}`;
};
const ids = (changes: Change[]) => changes.map((c) => c.entityId);

beforeAll(async () => {
  mainframe = await startMainframe(dirs, 10);
}, 60_000);

afterAll(async () => {
  await api?.stop('SIGKILL');
  await mainframe?.stop('SIGTERM');
  dirs.remove();
});

it('after kill -9, delivers exactly the changes made while it was down, none repeated, and still correlates acknowledgements', async () => {
  let running = await startApi();
  const seen = await newLoan(0);
  const before = await readUntil(running.url, undefined, (all) => ids(all).includes(seen));

  await mainframe.admin('/faults', 'PUT', { latencyMs: 4000 });
  const write = await fetch(`${running.url}/v1/customers/${seen}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...testServiceHeader('system-loan-mainframe') }, body: JSON.stringify({ phone: '+15555550177' }) });
  expect(write.status).toBe(202);
  const location = write.headers.get('location')!;
  expect(await running.stop('SIGKILL')).toBeNull();

  const missed = [await newLoan(1), await newLoan(2), await newLoan(3)];
  await mainframe.admin('/faults', 'DELETE');
  running = await startApi();
  const after = await readUntil(running.url, before.nextCursor, (all) => missed.every((id) => ids(all).includes(id)));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const late = await readUntil(running.url, after.nextCursor, () => true);
  const sinceCrash = [...after.changes, ...late.changes];
  expect(sinceCrash.filter((c) => missed.includes(c.entityId)).map((c) => [c.changeType, c.entityId])).toEqual(missed.map((id) => ['created', id]));
  expect(ids(sinceCrash).filter((id) => id !== seen)).toEqual(missed);

  const everything = await readUntil(running.url, undefined, (all) => ids(all).includes(missed[2]!));
  expect(new Set(everything.changes.map((c) => c.cursor)).size).toBe(everything.changes.length);
  expect(everything.changes.filter((c) => c.entityId === seen && c.changeType === 'created')).toHaveLength(1);

  const settled = await waitFor('the acknowledgement after the restart', async () => {
    const body = (await (await fetch(`${running.url}${location}`, { headers: testServiceHeader('system-loan-mainframe') })).json()) as { status: string; returnCode: string };
    return body.status !== 'pending' && body;
  });
  expect(settled).toMatchObject({ status: 'applied', returnCode: '00' });
  await running.stop('SIGTERM');
});
