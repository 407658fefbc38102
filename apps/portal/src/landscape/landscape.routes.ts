import express, { type Router } from 'express';
import { renderLayerDiagram } from '../diagram/layer-diagram';
import type { OpenApiCache } from '../openapi/openapi.cache';
import type { LandscapeView } from './app-state';
import type { WatchedApp } from './watched-app.schema';

export interface LandscapeRoutesDeps {
  apps: WatchedApp[];
  landscape: () => LandscapeView;
  openApi: OpenApiCache;
}

/**
 * The portal's JSON and SVG API: the landscape from the poller's memory (never a probe
 * per request), the layer picture from the configuration, and each app's OpenAPI
 * document through the cache.
 */
export function landscapeRoutes(deps: LandscapeRoutesDeps): Router {
  const router = express.Router();
  const diagram = renderLayerDiagram(deps.apps);

  router.get('/api/landscape', (_req, res) => {
    res.set('cache-control', 'no-store').json(deps.landscape());
  });

  router.get('/api/diagram.svg', (_req, res) => {
    res.type('image/svg+xml').send(diagram);
  });

  router.get('/api/apps/:name/openapi.json', async (req, res) => {
    res.json(await deps.openApi.get(req.params.name));
  });
  return router;
}
