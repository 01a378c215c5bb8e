import { existsSync } from 'node:fs';
import { join } from 'node:path';

import express, { type Router } from 'express';

import { projectRoot } from '../database/projectRoot.js';

/**
 * The web pages, served by the API itself from the project's own build (dist/web): the
 * explorer at /explore (also the home page) and GraphiQL at /graphiql. Nothing is loaded
 * from elsewhere, which the Content-Security-Policy also enforces.
 */
/** Where `npm run build:web` writes the pages. */
export const WEB_OUTPUT = join(projectRoot, 'dist', 'web');

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function webRoutes(): Router {
  const router = express.Router();
  router.get('/', (_request, response) => response.redirect(302, '/explore'));
  router.use((request, response, next) => {
    // A browser opening the endpoint gets the IDE instead of an error about a missing query.
    // (A middleware, not a GET route: a route would make Express answer CORS preflights itself.)
    const browsing = request.method === 'GET' && request.path === '/graphql' && request.query.query === undefined && request.query.extensions === undefined;
    if (browsing && request.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html') response.redirect(302, '/graphiql');
    else next();
  });
  for (const page of ['explore', 'graphiql']) {
    const folder = join(WEB_OUTPUT, page === 'explore' ? 'explorer' : page);
    router.use(`/${page}`, (_request, response, next) => {
      response.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
      response.setHeader('x-content-type-options', 'nosniff');
      if (existsSync(join(folder, 'index.html'))) next();
      else response.status(503).type('text/plain').send('The web pages are not built yet: run `npm run build:web` (npm start does it).\n');
    });
    router.use(`/${page}`, express.static(folder, { index: 'index.html', maxAge: '5m' }));
  }
  return router;
}
