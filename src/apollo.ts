import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';

import type { Config } from './config.js';
import type { Context } from './context.js';
import type { Logger } from './logger.js';
import { ErrorCode } from './errors.js';
import { createArmor, LIMITS, typeArmorRejection } from './limits/armor.js';
import { nodeBudgetPlugin } from './limits/nodeBudget.js';

/**
 * Apollo Server as every entry point runs it (/graphql, /mcp over HTTP, the MCP stdio
 * command): the schema with the same validation rules (depth, aliases, cost), token limit,
 * node budget, error masking and reporting, so that no way in is looser than another.
 */
export const PUBLIC_CODES = new Set<string>([
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
 * Logs every error with the request id, and tells the client its request id. The status, as
 * GraphQL over HTTP asks:
 * - an answer that carries data (even partial, with errors on some paths) is 200;
 * - an answer whose execution began but whose data is null (a field's bad argument or unknown
 *   entity made a non-null root null, e.g. `first: 101`) is 200 too, since the errors are on
 *   paths; one refused for access, a conflict, a deadline or the database takes that error's
 *   status (401, 403, 409, 504, 503), which HTTP tools act on;
 * - an answer with no data (a request error) takes the status of its first error (400 for a
 *   document that does not parse or validate, bad variables, a limit), except that a client of
 *   the older `application/json` gets 200 for the client's errors, as that media type asks.
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
        // The request id is in the x-request-id header of every answer, and in the body of an answer
        // with errors (to quote when reporting one); left out of clean answers, two identical
        // requests get identical bodies, which HTTP caches and ETags can then compare.
        const requestId = result.errors?.length ? { requestId: contextValue.requestId } : {};
        result.extensions = { ...result.extensions, ...requestId, roundTrips: contextValue.stats.roundTrips, cost: contextValue.cost };
        const code = result.errors?.[0]?.extensions?.code as string | undefined;
        if (result.data !== null && result.data !== undefined) response.http.status = 200;
        else if (result.data === null && (code === ErrorCode.BAD_USER_INPUT || code === ErrorCode.NOT_FOUND)) response.http.status = 200;
        else if (result.data === undefined && acceptsOnlyLegacyJson(request.http?.headers.get('accept')) && code && CLIENT_REQUEST_ERRORS.has(code)) response.http.status = 200;
      },
    };
  },
};

/** Request errors that are the client's document or variables: 200 for a client of application/json. */
const CLIENT_REQUEST_ERRORS = new Set<string>(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', ErrorCode.BAD_USER_INPUT, ErrorCode.QUERY_TOO_COMPLEX]);

/** True when the client did not ask for application/graphql-response+json (Apollo then answers application/json). */
function acceptsOnlyLegacyJson(accept: string | undefined): boolean {
  return !accept || !accept.includes('application/graphql-response+json');
}


/** Apollo with the API's limits; `plugins` adds what the entry point needs (draining an HTTP server, metrics). */
export function createApollo(schema: GraphQLSchema, config: Config, logger: Logger, plugins: ApolloServerPlugin<Context>[] = []): ApolloServer<Context> {
  const armor = createArmor();
  const development = config.NODE_ENV === 'development';
  return new ApolloServer<Context>({
    schema,
    // Apollo's own messages (an unexpected error while processing a request, start-up) as JSON
    // lines of the process's log, not the plain-text lines of its default console logger.
    logger: {
      debug: (message: unknown) => logger.debug({ from: 'apollo' }, String(message)),
      info: (message: unknown) => logger.info({ from: 'apollo' }, String(message)),
      warn: (message: unknown) => logger.warn({ from: 'apollo' }, String(message)),
      error: (message: unknown) => logger.error({ from: 'apollo' }, String(message)),
    },
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: LIMITS.maxTokens },
    // Compact JSON (Apollo indents its answers by default: a third more bytes to write and send).
    stringifyResult: (value) => JSON.stringify(value),
    persistedQueries: config.PERSISTED_QUERIES && !config.TRUSTED_DOCUMENTS_FILE ? {} : false,
    introspection: config.INTROSPECTION,
    includeStacktraceInErrorResponses: false,
    // Suggestions ("Did you mean ...?") only where the schema is open to introspection anyway (they would name what introspection hides).
    hideSchemaDetailsFromClientErrors: !config.INTROSPECTION,
    formatError: (formatted) => maskError(formatted, development),
    plugins: [
      // The IDE is our own GraphiQL at /graphiql (Apollo's landing page loads from the internet).
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are used; Apollo's default cache-control plugin would wrap every field's resolution for nothing.
      ApolloServerPluginCacheControlDisabled(),
      ...(armor.plugins as unknown as ApolloServerPlugin<Context>[]),
      nodeBudgetPlugin(schema, config.MAX_NODES_PER_REQUEST),
      requestReporting,
      ...plugins,
    ],
  });
}
