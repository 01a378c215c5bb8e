import { GraphQLError } from 'graphql';
import { Neo4jError } from 'neo4j-driver';

/** The one vocabulary of `extensions.code` this API answers with (documented in the README). */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  RATE_LIMITED: 'RATE_LIMITED',
  TIMEOUT: 'TIMEOUT',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

function errorOptions(code: ErrorCode, status: number, extra: Record<string, unknown> = {}) {
  return { extensions: { code, http: { status }, ...extra } };
}

/** The client sent something this API cannot accept; the message says what and why. */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(message, errorOptions(ErrorCode.BAD_USER_INPUT, 400, extra));
  }
}

export class NotFoundError extends GraphQLError {
  constructor(message: string) {
    super(message, errorOptions(ErrorCode.NOT_FOUND, 404));
  }
}

/** A write without a valid API key. Says nothing about the target (it is not even looked at). */
export class UnauthenticatedError extends GraphQLError {
  constructor(message = 'Writing needs a valid API key: send `Authorization: Bearer <token>`.') {
    super(message, errorOptions(ErrorCode.UNAUTHENTICATED, 401));
  }
}

/** A valid key whose role does not allow the operation (or an operation outside the trusted documents). */
export class ForbiddenError extends GraphQLError {
  constructor(message: string) {
    super(message, errorOptions(ErrorCode.FORBIDDEN, 403));
  }
}

/** An edit based on a version that is no longer the current one (optimistic concurrency). */
export class ConflictError extends GraphQLError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(message, errorOptions(ErrorCode.CONFLICT, 409, extra));
  }
}

export class QueryTooComplexError extends GraphQLError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(message, errorOptions(ErrorCode.QUERY_TOO_COMPLEX, 400, extra));
  }
}

/** Over the caller's budget of points (http/rateLimit.ts); `retryAfter` in seconds. */
export class RateLimitedError extends GraphQLError {
  constructor(message: string, extra: { retryAfter: number } & Record<string, unknown>) {
    super(message, { extensions: { code: ErrorCode.RATE_LIMITED, http: { status: 429, headers: new Map([['retry-after', String(extra.retryAfter)]]) }, ...extra } });
  }
}

export class ServiceUnavailableError extends GraphQLError {
  constructor(message = 'The database is not reachable right now; retry shortly.') {
    super(message, errorOptions(ErrorCode.SERVICE_UNAVAILABLE, 503));
  }
}

export class TimeoutError extends GraphQLError {
  constructor(message = 'The request took longer than its deadline and was stopped.') {
    super(message, errorOptions(ErrorCode.TIMEOUT, 504));
  }
}

const unavailableCodes = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.ClientError.Security.AuthenticationRateLimit']);

/**
 * Turns a driver error into a typed API error. Unknown errors are returned unchanged so
 * that formatError masks them (the log keeps the original).
 */
export function mapNeo4jError(error: unknown): unknown {
  if (error instanceof GraphQLError) return error;
  if (error instanceof Neo4jError) {
    if (unavailableCodes.has(error.code) || error.code.startsWith('Neo.TransientError.General.DatabaseUnavailable')) {
      return new ServiceUnavailableError();
    }
    if (
      error.code === 'Neo.ClientError.Transaction.TransactionTimedOut' ||
      error.code === 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration' ||
      error.code === 'Neo.TransientError.Transaction.Terminated' ||
      error.code === 'Neo.ClientError.Transaction.Terminated'
    ) {
      return new TimeoutError('The database query took too long and was stopped.');
    }
  }
  return error;
}

/** Our own bug, never the client's: throws (masked as INTERNAL_SERVER_ERROR) when the condition does not hold. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Invariant violation: ${message}`);
}
