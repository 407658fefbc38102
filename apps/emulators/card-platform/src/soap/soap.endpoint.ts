import express, { type NextFunction, type Request, type Response, Router } from 'express';
import * as soap from 'soap';
import type { Logger } from '@strata/logging';
import type { FaultSwitches } from '../admin/fault-switches';
import type { CardholderStore } from '../store/cardholder.store';
import { cardholderService } from './cardholder.service';
import { CARDHOLDERS_WSDL } from './cardholders.wsdl';

/** Where the SOAP service listens; `?wsdl` on it serves the WSDL. */
export const SOAP_PATH = '/cardholders/v1';

export interface SoapEndpointDeps {
  store: CardholderStore;
  faults: FaultSwitches;
  logger: Logger;
}

/** Down and slow switches act before the SOAP server sees the request, like a load balancer would. */
function faultGate(faults: FaultSwitches) {
  return async (_req: Request, res: Response, next: NextFunction) => {
    if (faults.settings.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.settings.latencyMs));
    if (faults.settings.down) {
      res.status(503).type('text/plain').send('Service Unavailable');
      return;
    }
    next();
  };
}

/**
 * The `soap` package's server on its own express app, mounted inside the service app's
 * routes. `soap.listen` adds its route when the WSDL is parsed, i.e. after the service
 * app's 404 and error handlers would already be in place; a sub-app keeps it ahead of
 * them. The service app only parses JSON bodies, so the SOAP route reads the raw XML
 * stream itself, as the `soap` server expects.
 */
export function soapEndpoint(deps: SoapEndpointDeps): Router {
  const soapApp = express();
  soapApp.use(SOAP_PATH, faultGate(deps.faults));
  const server = soap.listen(soapApp, SOAP_PATH, cardholderService(deps), CARDHOLDERS_WSDL);
  server.log = (type: string, data: unknown) => {
    if (type === 'error') deps.logger.warn('soap server error', { detail: String(data).slice(0, 500) });
  };
  const router = Router();
  router.use(soapApp);
  return router;
}
