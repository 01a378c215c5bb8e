import type { FastifyReply, FastifyRequest } from 'fastify';
import { LocalDateResolver } from 'graphql-scalars';
import { z } from 'zod';

import { ErrorCode } from '../errors.js';
import { sendErrors } from './errorResponse.js';

/** Parameters the export routes share, checked as the GraphQL arguments are. */

/** A real day, with graphql-scalars' LocalDate message. */
export const day = z
  .string()
  .superRefine((value, context) => {
    try {
      LocalDateResolver.parseValue(value);
    } catch (error) {
      context.addIssue({ code: 'custom', message: (error as Error).message });
    }
  })
  .optional();

/**
 * Parses an export's query string; on a problem, answers 400 BAD_USER_INPUT naming every
 * parameter at fault (the first in `argument`) and returns null.
 */
export function parsedQuery<T extends z.ZodType>(schema: T, request: FastifyRequest, reply: FastifyReply): z.infer<T> | null {
  const parsed = schema.safeParse(request.query);
  if (parsed.success) return parsed.data;
  const [first] = parsed.error.issues;
  const message = parsed.error.issues.map((issue) => `\`${String(issue.path[0] ?? 'query')}\`: ${issue.message}`).join('; ');
  void sendErrors(reply, 400, [{ message, extensions: { code: ErrorCode.BAD_USER_INPUT, argument: String(first?.path[0] ?? '') } }]);
  return null;
}
