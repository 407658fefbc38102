import path from 'node:path';
import express, { type RequestHandler, type Router } from 'express';
import helmet from 'helmet';
import { NotFoundError } from '@strata/errors';

export interface WebRoutesDeps {
  /** The folder holding index.html, docs.html, portal.css and the scripts. */
  publicDir: string;
  /** swagger-ui-dist's folder (its `absolutePath()`), served as /vendor/swagger-ui. */
  swaggerUiDir: string;
  /** Names a docs page may be opened for. */
  appNames: ReadonlySet<string>;
}

/** Only what the docs page loads from swagger-ui-dist, not its demo page or initializer. */
const SWAGGER_FILES = new Set(['swagger-ui-bundle.js', 'swagger-ui.css']);

/**
 * helmet's default policy (service-kit's) with one change: no `upgrade-insecure-requests`,
 * which would send the browser to https for the page's own scripts while the portal
 * answers plain http on the local landscape and in compose. Scripts stay 'self' only.
 */
const portalPolicy: RequestHandler = helmet.contentSecurityPolicy({ useDefaults: true, directives: { upgradeInsecureRequests: null } });

/**
 * The page and the docs pages: static HTML, CSS and vanilla JS (no bundler, no inline
 * script, so they run under the CSP), and swagger-ui's assets from its npm package.
 */
export function webRoutes(deps: WebRoutesDeps): Router {
  const router = express.Router();
  const page = (file: string) => path.join(deps.publicDir, file);
  router.get('/', portalPolicy, (_req, res) => res.sendFile(page('index.html')));
  router.get('/docs/:name', portalPolicy, (req, res) => {
    const name = String(req.params['name']);
    if (!deps.appNames.has(name)) throw new NotFoundError(`No app named ${name} is configured`);
    res.sendFile(page('docs.html'));
  });
  router.use('/static', express.static(deps.publicDir, { index: false, fallthrough: true }));
  router.get('/vendor/swagger-ui/:file', (req, res, next) => {
    const file = String(req.params['file']);
    if (!SWAGGER_FILES.has(file)) return next();
    res.sendFile(path.join(deps.swaggerUiDir, file));
  });
  return router;
}
