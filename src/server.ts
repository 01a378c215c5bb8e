import { setMaxListeners } from 'node:events';
import { createServer as createHttpServer, type Server } from 'node:http';

import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import type { GraphQLFormattedError } from 'graphql';

import { publicUrlOf, type Config } from './config.js';
import { createContext, type Context } from './context.js';
import { credentialOf } from './domains/curation/apiKeys.js';
import type { Database } from './database/database.js';
import { ErrorCode } from './errors.js';
import { jsonErrorHandler } from './http/errorHandler.js';
import { requestIdInErrorBodies } from './http/errorResponse.js';
import { persistedQueryCheck } from './http/persistedQueryCheck.js';
import { createMetrics } from './http/metrics.js';
import { apiKeyChecker, MemoryRateLimitStore, rateLimit, type RateLimitStore } from './http/rateLimit.js';
import { loadManifest, operationNamesOf, trustedDocuments } from './http/trustedDocuments.js';
import { createArmor, LIMITS, typeArmorRejection } from './limits/armor.js';
import { nodeBudgetPlugin } from './limits/nodeBudget.js';
import { exportRoutes } from './http/exportRoutes.js';
import { healthRoutes } from './http/health.js';
import { webRoutes } from './http/webRoutes.js';
import { requestId } from './http/requestId.js';
import type { Logger } from './logger.js';
import { MetricsCache } from './network/metricsCache.js';
import { createSchema } from './schema.js';

export interface ApiServer {
  app: express.Express;
  httpServer: Server;
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

const PUBLIC_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Anything that is not one of our typed errors is masked: no stack, Cypher text or driver
 * message reaches a client outside development. The original goes to the log.
 */
export function maskError(formatted: GraphQLFormattedError, development: boolean): GraphQLFormattedError {
  const armorRejection = typeArmorRejection(formatted);
  if (armorRejection) return armorRejection;
  const code = formatted.extensions?.code as string | undefined;
  if (code && PUBLIC_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    const { stacktrace: _stack, exception: _exception, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    return { ...formatted, extensions: { ...extensions, code } };
  }
  if (development) return formatted;
  return {
    message: 'Internal server error. Quote the request id (extensions.requestId of the response) when you report it.',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

/**
 * Logs every error with the request id, and tells the client its request id. An answer that
 * carries data (even partial, with errors on some paths) is 200, as GraphQL over HTTP asks
 * for `application/graphql-response+json`; an answer with no data takes the status of its
 * first error (400 for bad input, 401, 403, 409, 503, 504; see the README's table).
 */
const requestReporting: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ contextValue, errors, operationName }) {
        for (const error of errors) {
          const code = error.extensions?.code as string | undefined;
          const level = code && PUBLIC_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR ? 'info' : 'error';
          contextValue?.logger?.[level]({ err: error.originalError ?? error, code, operationName }, 'operation error');
        }
      },
      async willSendResponse({ contextValue, request, response }) {
        if (response.body.kind !== 'single' || !contextValue?.requestId) return;
        const result = response.body.singleResult;
        result.extensions = { ...result.extensions, requestId: contextValue.requestId, roundTrips: contextValue.stats.roundTrips, cost: contextValue.cost };
        if (result.data !== null && result.data !== undefined) response.http.status = 200;
        else if (result.data === undefined && acceptsOnlyLegacyJson(request.http?.headers.get('accept'))) {
          // GraphQL over HTTP: a client of the older application/json media type gets 200 for a
          // document that does not parse or validate or whose variables do not coerce.
          const code = result.errors?.[0]?.extensions?.code;
          if (code === 'GRAPHQL_PARSE_FAILED' || code === 'GRAPHQL_VALIDATION_FAILED' || code === ErrorCode.BAD_USER_INPUT) response.http.status = 200;
        }
      },
    };
  },
};

/** True when the client did not ask for application/graphql-response+json (Apollo then answers application/json). */
function acceptsOnlyLegacyJson(accept: string | undefined): boolean {
  return !accept || !accept.includes('application/graphql-response+json');
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
export function requestSignal(request: express.Request, response: express.Response, timeoutMs: number): AbortSignal {
  const controller = new AbortController();
  const deadline = setTimeout(() => controller.abort(new Error('deadline passed')), timeoutMs);
  deadline.unref();
  request.on('close', () => {
    clearTimeout(deadline);
    if (!response.writableFinished) controller.abort(new Error('client disconnected'));
  });
  // Every query of the request listens to the signal while it runs (and stops listening after):
  // an operation with many aliases runs more than Node's default of ten at once.
  setMaxListeners(1_000, controller.signal);
  return controller.signal;
}

/** Builds the HTTP server and Apollo, without listening, so tests can import it. */
export function createServer({ config, db, logger, rateLimitStore }: ServerOptions): ApiServer {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createHttpServer(app);
  let stopping = false;
  const metrics = new MetricsCache();
  const development = config.NODE_ENV === 'development';
  const trustedManifest = config.TRUSTED_DOCUMENTS_FILE ? loadManifest(config.TRUSTED_DOCUMENTS_FILE) : undefined;
  const apiMetrics = createMetrics(db, {
    codes: PUBLIC_CODES,
    token: config.METRICS_TOKEN,
    knownOperations: trustedManifest ? operationNamesOf(trustedManifest) : undefined,
  });
  const schema = createSchema();
  const armor = createArmor();
  const apollo = new ApolloServer<Context>({
    schema,
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: LIMITS.maxTokens },
    persistedQueries: config.PERSISTED_QUERIES && !config.TRUSTED_DOCUMENTS_FILE ? {} : false,
    introspection: config.INTROSPECTION,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: !development,
    formatError: (formatted) => maskError(formatted, development),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // The IDE is our own GraphiQL at /graphiql (Apollo's landing page loads from the internet).
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are used; Apollo's default cache-control plugin would wrap every field's resolution for nothing.
      ApolloServerPluginCacheControlDisabled(),
      ...(armor.plugins as unknown as ApolloServerPlugin<Context>[]),
      nodeBudgetPlugin(schema, config.MAX_NODES_PER_REQUEST),
      requestReporting,
      apiMetrics.plugin,
    ],
  });

  app.use(requestId);
  app.use((request, response, next) => {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ requestId: response.locals.requestId, method: request.method, path: request.originalUrl.split('?')[0], status: response.statusCode, ms }, 'request');
    });
    next();
  });
  app.use(healthRoutes(db, () => stopping));
  app.use(webRoutes());
  app.use(apiMetrics.route);
  app.use(
    ['/graphql', '/export'],
    rateLimit({
      limit: config.RATE_LIMIT_PER_MINUTE,
      windowMs: 60_000,
      store: rateLimitStore ?? new MemoryRateLimitStore(),
      isApiKey: apiKeyChecker(db),
      onReject: () => apiMetrics.rateLimited.inc(),
    }),
  );
  const requestContext = (request: express.Request, response: express.Response) =>
    createContext({
      db,
      logger: logger.child({ requestId: response.locals.requestId }),
      requestId: response.locals.requestId as string,
      metrics,
      signal: requestSignal(request, response, config.REQUEST_TIMEOUT_MS),
      credential: credentialOf(request.headers),
    });
  app.use(exportRoutes(requestContext, publicUrlOf(config)));
  const trusted = trustedManifest ? trustedDocuments(trustedManifest) : undefined;
  return {
    app,
    httpServer,
    async start() {
      await apollo.start();
      const origins = config.CORS_ORIGINS.split(',').map((origin) => origin.trim());
      app.use(
        '/graphql',
        cors({ origin: origins.includes('*') ? true : origins, exposedHeaders: ['x-request-id', 'retry-after'] }),
        requestIdInErrorBodies,
        express.json({ limit: config.BODY_LIMIT }),
        persistedQueryCheck,
        ...(trusted ? [trusted] : []),
        expressMiddleware(apollo, { context: async ({ req, res }) => requestContext(req, res) }),
      );
      app.use(jsonErrorHandler);
    },
    async stop() {
      stopping = true;
      await apollo.stop();
    },
  };
}
