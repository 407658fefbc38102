import express from 'express';
import { Connection } from 'jsforce';
import { openDatabase, Database } from '@strata/persistence';
import { listenOnFreePort } from '@strata/testing';
import { FaultSwitches } from '../../admin/fault-switches';
import { loadOrgSchema } from '../../schema/org-schema.loader';
import { RecordStore } from '../../store/record-store';
import { ApiUsage } from '../api-usage';
import { restRouter } from '../rest.router';

export const TEST_TOKEN = '00D000000000001!test-token';

/**
 * The REST surface over a real store in an in-memory PGlite, with a token check that
 * accepts one fixed token: enough for jsforce to talk to it as to an org. A `clock`
 * sets the time writes are stamped with (LastModifiedDate, change events).
 */
export async function startRestHarness(options: { clock?: () => Date } = {}) {
  const db: Database = await openDatabase();
  const store = await RecordStore.open(db, loadOrgSchema(), { clock: options.clock });
  const faults = new FaultSwitches();
  const usage = new ApiUsage(() => faults.settings.dailyApiLimit);
  const app = express();
  app.use(express.json({ limit: '10mb' }));
  app.use(
    restRouter({
      store,
      usage,
      faults,
      requireSession: (req, res, next) => {
        if (req.headers.authorization !== `Bearer ${TEST_TOKEN}`) {
          res.status(401).json([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
          return;
        }
        res.locals['session'] = { userId: '005000000000001AAA' };
        next();
      },
    }),
  );
  const server = await listenOnFreePort(app);
  const connect = (options: { callOptions?: Record<string, string> } = {}) =>
    new Connection({ instanceUrl: server.url, accessToken: TEST_TOKEN, version: '58.0', ...options });
  return {
    store,
    faults,
    usage,
    url: server.url,
    connect,
    close: async () => {
      await server.close();
      await db.close();
    },
  };
}
