import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';

import fastifyStatic from '@fastify/static';
import accepts from 'accepts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

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

/**
 * A browser opening the GraphQL endpoint (a GET with no operation, asking for HTML first) is
 * sent to the IDE instead of an error about a missing query (a preHandler hook of that route).
 */
export async function sendBrowserToIde(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const query = request.query as Record<string, unknown>;
  if (request.method !== 'GET' || query.query !== undefined || query.extensions !== undefined) return;
  if (accepts(request.raw).type(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html') await reply.redirect('/graphiql', 302);
}

export async function webRoutes(fastify: FastifyInstance): Promise<void> {
  fastify.get('/', (_request, reply) => reply.redirect('/explore', 302));
  for (const page of ['explore', 'graphiql']) {
    const folder = join(WEB_OUTPUT, page === 'explore' ? 'explorer' : page);
    await fastify.register(async (pages) => {
      pages.addHook('onRequest', async (_request, reply) => {
        void reply.header('content-security-policy', CONTENT_SECURITY_POLICY).header('x-content-type-options', 'nosniff');
        if (!existsSync(join(folder, 'index.html'))) await reply.code(503).type('text/plain').send('The web pages are not built yet: run `npm run build:web` (npm start does it).\n');
      });
      // The page at `/explore` (as at `/explore/`); its files under `/explore/`.
      pages.get(`/${page}`, (_request, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'public, max-age=300').send(createReadStream(join(folder, 'index.html'))));
      await pages.register(fastifyStatic, { root: folder, prefix: `/${page}/`, index: 'index.html', maxAge: '5m', decorateReply: false, wildcard: true });
    });
  }
}
