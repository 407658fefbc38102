import { Logger } from '@strata/logging';
import { NotFoundError, UpstreamUnavailableError } from '@strata/errors';
import { contractRouter } from '../http/contract-router';
import { createServiceApp } from '../runtime/create-service-app';
import { BreakerState, ReadinessCheck } from '../health/health.routes';
import { widgetsContract } from './widgets.contract';

export interface WidgetsDeps {
  logger: Logger;
  production?: boolean;
  checks?: Record<string, ReadinessCheck>;
  breakers?: () => BreakerState[];
}

/** A small app built exactly like a real Strata API, with routes that misbehave on purpose. */
export function createWidgetsApp(deps: WidgetsDeps) {
  const widgets = new Map([['w-1', { id: 'w-1', name: 'sprocket', size: 3 }]]);
  const routes = contractRouter(widgetsContract, {
    getWidget: ({ params }) => {
      if (params.id === 'boom') throw new Error('database password=hunter2 leaked in message');
      if (params.id === 'upstream-down') {
        throw new UpstreamUnavailableError('core banking unavailable', { upstream: 'core-banking', reason: 'breaker-open', retryAfterSeconds: 7 });
      }
      if (params.id === 'drift') return { status: 200, body: { id: 'drift', name: '', size: -1 } };
      const widget = widgets.get(params.id);
      if (!widget) throw new NotFoundError(`No widget ${params.id}`);
      return { status: 200, body: widget };
    },
    createWidget: ({ body }) => {
      const widget = { id: `w-${widgets.size + 1}`, ...body };
      widgets.set(widget.id, widget);
      return { status: 201, body: widget };
    },
    slow: async ({ query }) => {
      await new Promise((resolve) => setTimeout(resolve, query.ms));
      return { status: 200, body: { waitedMs: query.ms } };
    },
  });
  return createServiceApp({
    name: 'widgets',
    logger: deps.logger,
    contract: widgetsContract,
    production: deps.production,
    bodyLimit: '1kb',
    checks: deps.checks,
    breakers: deps.breakers,
    routes,
  });
}
