import type { Logger } from '@strata/logging';
import { createServiceApp, ServiceApp } from '@strata/service-kit';
import { adminRouter } from './admin/admin.router';
import type { FaultSwitches } from './admin/fault-switches';
import type { MainframeJob } from './exchange/mainframe.job';
import type { OutboundWriter } from './exchange/outbound.writer';
import type { LoanStore } from './store/loan.store';

export interface Deps {
  logger: Logger;
  store: LoanStore;
  faults: FaultSwitches;
  job: MainframeJob;
  outbound: OutboundWriter;
  reset: () => Promise<void>;
  production?: boolean;
}

/**
 * The loan mainframe emulator's HTTP side. The mainframe itself speaks only files (see
 * MainframeJob); this app offers the platform endpoints, readiness that fails while the
 * `down` switch is on (what an operator's job-scheduler status shows), and the
 * `/__admin` levers. Builds only; never listens and never reads the environment.
 */
export function createApp(deps: Deps): ServiceApp {
  return createServiceApp({
    name: 'emulators-loan-mainframe',
    logger: deps.logger,
    production: deps.production,
    checks: {
      mainframe: async () => {
        if (deps.job.isDown()) throw new Error('The mainframe is down (admin switch): no files are processed or written');
      },
    },
    routes: adminRouter({ faults: deps.faults, store: deps.store, job: deps.job, outbound: deps.outbound, reset: deps.reset }),
  });
}
