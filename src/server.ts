import { setMaxListeners } from 'node:events';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import { printSchema } from 'graphql';

import { publicUrlOf, type Config } from './config.js';
import { createContext } from './context.js';
import { credentialOf } from './domains/curation/apiKeys.js';
import { roleReader } from './domains/curation/authorization.js';
import type { Database } from './database/database.js';
import { jsonErrorHandler, jsonNotFound } from './http/errorHandler.js';
import { boundedJson, jsonBody } from './http/jsonBody.js';
import { requestIdInErrorBodies } from './http/errorResponse.js';
import { persistedQueryCheck } from './http/persistedQueryCheck.js';
import { createMetrics } from './http/metrics.js';
import { apiKeyChecker, MemoryRateLimitStore, rateLimit, type RateLimitState, type RateLimitStore } from './http/rateLimit.js';
import { loadManifest, operationNamesOf, trustedDocuments } from './http/trustedDocuments.js';
import { entityDocuments } from './http/entityDocuments.js';
import { exportRoutes } from './http/exportRoutes.js';
import { healthRoutes } from './http/health.js';
import { webRoutes } from './http/webRoutes.js';
import { requestId } from './http/requestId.js';
import { frontDoor, isGraphqlOperation, once, rethrowFrontDoorError } from './http/frontDoor.js';
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

export interface ApiServer {
  app: express.Express;
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
export function requestSignal(response: express.Response, timeoutMs: number): AbortSignal {
  // One per request: the response cache's fast path may have made it before Apollo's context.
  const made = response.locals.signal as AbortSignal | undefined;
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
  response.locals.signal = controller.signal;
  return controller.signal;
}

/** Builds the HTTP server and Apollo, without listening, so tests can import it. */
export function createServer({ config, db, logger, rateLimitStore }: ServerOptions): ApiServer {
  const app = express();
  app.disable('x-powered-by');
  // The listener is set once the middleware exist (below): the front door, then the application.
  let listener: (request: IncomingMessage, response: ServerResponse) => void = app;
  const httpServer = createHttpServer((request, response) => listener(request, response));
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

  // Each step a GraphQL request passes before Apollo runs at most once: the front door
  // (src/http/frontDoor.ts) may have run it before the request entered Express.
  app.use(rethrowFrontDoorError as express.RequestHandler);
  const common: express.RequestHandler[] = [once('requestId', requestId)];
  // The request log, when the log level keeps it (a listener per request is not free on the fast path).
  if (logger.isLevelEnabled('info')) {
    common.push(
      once('log', (request, response, next) => {
        const started = process.hrtime.bigint();
        response.on('finish', () => {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          logger.info({ requestId: response.locals.requestId, method: request.method, path: request.originalUrl.split('?')[0], status: response.statusCode, ms }, 'request');
        });
        next();
      }),
    );
  }
  app.use(...common);
  // CORS before the rate limit, so that a browser can read a 429 too, with the headers a client
  // needs: its request id, its rate-limit budget, when to retry.
  const origins = config.CORS_ORIGINS.split(',').map((origin) => origin.trim());
  const apiPaths = ['/graphql', '/export', '/mcp', '/entity'];
  const corsStep = once(
    'cors',
    cors({ origin: origins.includes('*') ? true : origins, exposedHeaders: ['x-request-id', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-used', 'x-ratelimit-reset', 'etag'] }),
  );
  const rateLimitStep = once(
    'rateLimit',
    rateLimit({
      limit: config.RATE_LIMIT_PER_MINUTE,
      windowMs: 60_000,
      store: rateLimitStore ?? new MemoryRateLimitStore(),
      isApiKey: apiKeyChecker(db),
      maxInFlight: config.MAX_CONCURRENT_REQUESTS_PER_CLIENT,
      onReject: () => apiMetrics.rateLimited.inc(),
    }),
  );
  app.use(apiPaths, corsStep);
  app.use(apiPaths, rateLimitStep);
  // The checks of a GraphQL request, then the response cache's fast path. A POST, or a GET that
  // carries an operation (not a browser opening GraphiQL), passes them here, before the page,
  // health and export routes, so that a repeated answer walks as few middleware as possible
  // (bench/results/cache-gap.md); the request is marked checked, and Apollo's route (registered
  // at start) runs the checks only for requests that did not pass here.
  const trusted = trustedManifest ? trustedDocuments(trustedManifest) : undefined;
  const graphqlChecks: express.RequestHandler[] = [once('json', jsonBody(config.BODY_LIMIT)), once('boundedJson', boundedJson), persistedQueryCheck, ...(trusted ? [trusted] : [])];
  const checked: express.RequestHandler = (_request, response, next) => {
    response.locals.graphqlChecked = true;
    next();
  };
  const fastPath = once('fastPath', cachedAnswerRoute({ cache: responseCache, clock: versionClock, roles: knownRoles, cacheControl: config.RESPONSE_CACHE_CONTROL, onAnswer: apiMetrics.countCachedAnswer, signalOf: (response) => requestSignal(response, config.REQUEST_TIMEOUT_MS) }));
  const carriesOperation: express.RequestHandler = (request, _response, next) => (request.query.query !== undefined || request.query.extensions !== undefined ? next() : next('route'));
  app.post('/graphql', ...graphqlChecks, checked, fastPath);
  app.get('/graphql', carriesOperation, ...graphqlChecks, checked, fastPath);
  // A GraphQL POST, or a GET carrying an operation, takes the same steps before Express's router.
  listener = frontDoor(app, [...common, corsStep, rateLimitStep, ...graphqlChecks, checked, fastPath], isGraphqlOperation);
  app.use(healthRoutes(db, () => stopping));
  app.use(webRoutes());
  app.use(apiMetrics.route);
  const requestContext = (request: express.Request, response: express.Response) =>
    createContext({
      db,
      logger: logger.child({ requestId: response.locals.requestId }),
      requestId: response.locals.requestId as string,
      metrics,
      signal: requestSignal(response, config.REQUEST_TIMEOUT_MS),
      credential: credentialOf(request.headers),
      rateLimit: (response.locals.rateLimit as RateLimitState | undefined) ?? null,
    });
  app.use(exportRoutes(requestContext, publicUrlOf(config)));
  app.use(entityDocuments(requestContext, publicUrlOf(config)));
  const unlessChecked = (check: express.RequestHandler): express.RequestHandler => (request, response, next) => (response.locals.graphqlChecked ? next() : check(request, response, next));
  return {
    app,
    httpServer,
    metrics,
    async start() {
      await apollo.start();
      // The graph's structure in memory, read ahead so that the first ego networks and maps need not wait for it (they answer with Cypher until it is there).
      void metrics.structureNow({ db }).catch(() => {});
      // The request id in the error bodies Apollo writes itself (the checks above write theirs with it).
      app.use('/graphql', requestIdInErrorBodies, ...graphqlChecks.map(unlessChecked), expressMiddleware(apollo, { context: async ({ req, res }) => requestContext(req, res) }));
      // The same operations as tools for AI assistants (Model Context Protocol), under the same limits.
      // The page origins the operator trusts: the API's own, those named for /mcp, and those CORS_ORIGINS lets call the API (unless `*`).
      const listed = (text: string) => text.split(',').map((origin) => origin.trim()).filter((origin) => origin !== '' && origin !== '*');
      const allowedOrigins = [new URL(publicUrlOf(config)).origin, ...listed(config.MCP_ALLOWED_ORIGINS), ...listed(config.CORS_ORIGINS)];
      app.use(
        '/mcp',
        jsonBody(config.BODY_LIMIT),
        boundedJson,
        mcpRoute((request, response) => operationRunner(apollo, () => requestContext(request, response)), printSchema(schema), { curation: config.MCP_CURATION, allowedOrigins }),
      );
      app.use(apiPaths, jsonNotFound);
      app.use(jsonErrorHandler(logger));
    },
    async stop() {
      stopping = true;
      await apollo.stop();
    },
  };
}
