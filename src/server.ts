import { setMaxListeners } from 'node:events';
import { createServer as createHttpServer, type Server, type ServerResponse } from 'node:http';

import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import fastifyCors from '@fastify/cors';
import bytes from 'bytes';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { printSchema } from 'graphql';

import { publicUrlOf, type Config } from './config.js';
import { createContext } from './context.js';
import { credentialOf } from './domains/curation/apiKeys.js';
import { roleReader } from './domains/curation/authorization.js';
import type { Database } from './database/database.js';
import { badPath, jsonErrorHandler, jsonNotFound } from './http/errorHandler.js';
import { boundedJson, parseJsonBody } from './http/jsonBody.js';
import { requestIdInErrorBodies } from './http/errorResponse.js';
import { persistedQueryCheck } from './http/persistedQueryCheck.js';
import { createMetrics } from './http/metrics.js';
import { apiKeyChecker, MemoryRateLimitStore, rateLimit, type RateLimitState, type RateLimitStore } from './http/rateLimit.js';
import { loadManifest, operationNamesOf, trustedDocuments } from './http/trustedDocuments.js';
import { entityDocuments } from './http/entityDocuments.js';
import { exportRoutes } from './http/exportRoutes.js';
import { healthRoutes } from './http/health.js';
import { sendBrowserToIde, webRoutes } from './http/webRoutes.js';
import { requestIdOf } from './http/requestId.js';
import type { Logger } from './logger.js';
import { MetricsCache } from './network/metricsCache.js';
import { createSchema } from './schema.js';
import { createApollo, PUBLIC_CODES } from './apollo.js';
import { mcpRoute, operationRunner } from './mcp/mcpRoute.js';
import { cachedAnswerRoute } from './cache/cachedAnswerRoute.js';
import { DataVersionClock, versionReader } from './cache/dataVersionClock.js';
import { KnownRoles } from './cache/knownRoles.js';
import { ResponseCache } from './cache/responseCache.js';
import { responseCachePlugin } from './cache/responseCachePlugin.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The client's rate-limit budget after this request's arrival (null when the rate limit is off or does not apply). */
    rateLimit: RateLimitState | null;
  }
}

export interface ApiServer {
  app: FastifyInstance;
  httpServer: Server;
  /** The graph's metrics and structure in memory, shared by the process's requests (per data version). */
  metrics: MetricsCache;
  /** Starts Apollo (call before listening). */
  start(): Promise<void>;
  /** Drains in-flight requests, refuses new ones, then stops Apollo. Does not close the database. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  config: Config;
  db: Database;
  logger: Logger;
  /** Where rate-limit counts live; in this process's memory unless given (share one across instances). */
  rateLimitStore?: RateLimitStore;
}

/**
 * Aborts when the request's deadline passes or when its client goes away before the
 * answer: database work of a request nobody waits for is stopped.
 *
 * One controller and a plain timer, not `AbortSignal.any([AbortSignal.timeout(...), ...])`:
 * on Node 20 a timeout signal that only a composite signal refers to can be garbage-collected
 * before it fires, and the deadline then never comes (seen with a hung database: a request
 * waited two minutes instead of three seconds).
 */
const signals = new WeakMap<ServerResponse, AbortSignal>();

export function requestSignal(response: ServerResponse, timeoutMs: number): AbortSignal {
  // One per request: the response cache's fast path may have made it before Apollo's context.
  const made = signals.get(response);
  if (made) return made;
  const controller = new AbortController();
  const deadline = setTimeout(() => controller.abort(new Error('deadline passed')), timeoutMs);
  deadline.unref();
  // The response's 'close', not the request's: on Node 20 a request emits 'close' as soon as its
  // body has been read, long before the answer; the response's comes when the answer is sent or
  // the connection is gone, whichever is first.
  response.on('close', () => {
    clearTimeout(deadline);
    if (!response.writableFinished) controller.abort(new Error('client disconnected'));
  });
  // Every query of the request listens to the signal while it runs (and stops listening after):
  // an operation with many aliases runs more than Node's default of ten at once.
  setMaxListeners(1_000, controller.signal);
  signals.set(response, controller.signal);
  return controller.signal;
}

/** Builds the HTTP server and Apollo, without listening, so tests can import it. */
export function createServer({ config, db, logger, rateLimitStore }: ServerOptions): ApiServer {
  let httpServer!: Server;
  const app = Fastify({
    // Our own Node server, so that tests and the drain plugin hold it before it listens.
    serverFactory: (handler) => (httpServer = createHttpServer(handler)),
    bodyLimit: bytes.parse(config.BODY_LIMIT) ?? 100 * 1024,
    genReqId: requestIdOf,
    logger: false,
    // An entity key in /entity/<key> may be long (the route cuts it at 400 characters).
    routerOptions: { maxParamLength: 2_000 },
    // A path that does not decode (FST_ERR_BAD_URL, the only framework error routes without async constraints meet) is the client's mistake, said as such.
    frameworkErrors: (_error, _request, reply) => badPath(reply),
  });
  app.decorateRequest('rateLimit', null);
  let stopping = false;
  const metrics = new MetricsCache();
  const trustedManifest = config.TRUSTED_DOCUMENTS_FILE ? loadManifest(config.TRUSTED_DOCUMENTS_FILE) : undefined;
  const responseCache = new ResponseCache(config.RESPONSE_CACHE_MIB);
  const apiMetrics = createMetrics(db, {
    codes: PUBLIC_CODES,
    token: config.METRICS_TOKEN,
    knownOperations: trustedManifest ? operationNamesOf(trustedManifest) : undefined,
    responseCache: () => responseCache.snapshot(),
    graphStructure: () => metrics.structureState(),
  });
  const schema = createSchema();
  const versionClock = new DataVersionClock(config.RESPONSE_CACHE_VERSION_TTL_MS, versionReader(db), config.REQUEST_TIMEOUT_MS);
  const knownRoles = new KnownRoles(config.RESPONSE_CACHE_VERSION_TTL_MS, roleReader(db), config.REQUEST_TIMEOUT_MS);
  const apollo = createApollo(schema, config, logger, [
    ApolloServerPluginDrainHttpServer({ httpServer }),
    apiMetrics.plugin,
    responseCachePlugin({ cache: responseCache, clock: versionClock, roles: knownRoles, cacheControl: config.RESPONSE_CACHE_CONTROL }),
  ]);

  // Bodies: JSON (UTF-8 only, within BODY_LIMIT); any other type is not read, and Apollo answers
  // for it (a CSRF refusal, a missing body), as it would without a body.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(null, parseJsonBody(request, body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));

  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  // The request log, when the log level keeps it.
  if (logger.isLevelEnabled('info')) {
    app.addHook('onResponse', async (request, reply) => {
      logger.info({ requestId: request.id, method: request.method, path: request.url.split('?')[0], status: reply.statusCode, ms: reply.elapsedTime }, 'request');
    });
  }
  // CORS before the rate limit, so that a browser can read a 429 too, with the headers a client
  // needs: its request id, its rate-limit budget, when to retry. Only the API's paths.
  const origins = config.CORS_ORIGINS.split(',').map((origin) => origin.trim());
  const apiPaths = ['/graphql', '/export', '/mcp', '/entity'];
  const isApiPath = (url: string) => apiPaths.some((path) => url === path || url.startsWith(`${path}/`) || url.startsWith(`${path}?`));
  const corsOptions = {
    origin: origins.includes('*') ? true : origins,
    methods: 'GET,HEAD,PUT,PATCH,POST,DELETE',
    strictPreflight: false,
    exposedHeaders: 'x-request-id,retry-after,x-ratelimit-limit,x-ratelimit-remaining,x-ratelimit-used,x-ratelimit-reset,etag',
  };
  const limit = rateLimit({
    limit: config.RATE_LIMIT_PER_MINUTE,
    windowMs: 60_000,
    store: rateLimitStore ?? new MemoryRateLimitStore(),
    isApiKey: apiKeyChecker(db),
    maxInFlight: config.MAX_CONCURRENT_REQUESTS_PER_CLIENT,
    onReject: () => apiMetrics.rateLimited.inc(),
  });
  // The rate limit's hook is added once CORS's is (hooks run in the order they are added).
  void app
    .register(fastifyCors, { delegator: (request, callback) => callback(null, isApiPath(request.url) ? corsOptions : { origin: false }) })
    .after(() => {
      app.addHook('onRequest', async (request, reply) => {
        if (isApiPath(request.url)) await limit(request, reply);
      });
    });

  // The checks of a GraphQL request, then the response cache's fast path, then Apollo.
  const trusted = trustedManifest ? trustedDocuments(trustedManifest) : undefined;
  const fastPath = cachedAnswerRoute({ cache: responseCache, clock: versionClock, roles: knownRoles, cacheControl: config.RESPONSE_CACHE_CONTROL, onAnswer: apiMetrics.countCachedAnswer, signalOf: (response) => requestSignal(response, config.REQUEST_TIMEOUT_MS) });
  const graphqlChecks = [sendBrowserToIde, boundedJson, persistedQueryCheck, ...(trusted ? [trusted] : [])];
  void app.register(healthRoutes(db, () => stopping));
  void app.register(webRoutes);
  void app.register(apiMetrics.route);
  const requestContext = (request: FastifyRequest, reply: FastifyReply) =>
    createContext({
      db,
      logger: logger.child({ requestId: request.id }),
      requestId: request.id,
      metrics,
      signal: requestSignal(reply.raw, config.REQUEST_TIMEOUT_MS),
      credential: credentialOf(request.headers),
      rateLimit: request.rateLimit,
    });
  void app.register(exportRoutes(requestContext, publicUrlOf(config)));
  void app.register(entityDocuments(requestContext, publicUrlOf(config)));
  app.setNotFoundHandler(jsonNotFound);
  app.setErrorHandler(jsonErrorHandler(logger));
  return {
    app,
    httpServer,
    metrics,
    async start() {
      await apollo.start();
      // The graph's structure in memory, read ahead so that the first ego networks and maps need not wait for it (they answer with Cypher until it is there).
      void metrics.structureNow({ db }).catch(() => {});
      app.route({
        method: ['GET', 'POST'],
        url: '/graphql',
        preHandler: [...graphqlChecks, fastPath],
        // The request id in the error bodies Apollo writes itself (the checks above write theirs with it).
        onSend: requestIdInErrorBodies,
        handler: fastifyApolloHandler(apollo, { context: async (request, reply) => requestContext(request, reply) }),
      });
      // The same operations as tools for AI assistants (Model Context Protocol), under the same limits.
      // The page origins the operator trusts: the API's own, those named for /mcp, and those CORS_ORIGINS lets call the API (unless `*`).
      const listed = (text: string) => text.split(',').map((origin) => origin.trim()).filter((origin) => origin !== '' && origin !== '*');
      const allowedOrigins = [new URL(publicUrlOf(config)).origin, ...listed(config.MCP_ALLOWED_ORIGINS), ...listed(config.CORS_ORIGINS)];
      app.route({
        // Every method but OPTIONS, which CORS answers.
        method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
        url: '/mcp',
        preHandler: boundedJson,
        handler: mcpRoute((request, reply) => operationRunner(apollo, () => requestContext(request, reply)), printSchema(schema), { curation: config.MCP_CURATION, allowedOrigins }),
      });
      await app.ready();
    },
    async stop() {
      stopping = true;
      await apollo.stop();
    },
  };
}
