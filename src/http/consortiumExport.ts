import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { z } from 'zod';

import type { Context } from '../context.js';
import { CONSORTIUM_CONTENT_TYPES, CONSORTIUM_FORMATS, consortiumCsv, consortiumMarkdown, consortiumXlsx } from '../network/export/consortiumFormats.js';
import { consortiumReport } from '../network/export/consortiumReport.js';
import { consortiumJointWork } from '../network/jointWork.js';
import { sendGraphQLError } from './errorResponse.js';
import { day, parsedQuery } from './exportQuery.js';

/**
 * `GET /export/consortium?members=inria,university-of-montpellier,chu-montpellier&format=xlsx`:
 * the proposal-ready table of a consortium being built (GraphQL `consortiumTable`, as a file).
 * `format` csv (default), xlsx or md; `delimiter` comma (default) or semicolon for CSV;
 * `lang` en (default) or fr: headers, sections and kinds in that language, names in it first;
 * `asOf` a day. Members are 2 to 20 global ids or keys; an unknown one answers 404 naming it.
 */
const query = z
  .object({
    members: z
      .string()
      .max(2000)
      .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean)),
    format: z.enum(CONSORTIUM_FORMATS).default('csv'),
    delimiter: z.enum(['comma', 'semicolon']).default('comma'),
    lang: z.enum(['en', 'fr']).default('en'),
    asOf: day,
  })
  .strict();

export function consortiumExport(createRequestContext: (request: FastifyRequest, reply: FastifyReply) => Context): (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply> {
  return async (request, reply) => {
    const parsed = parsedQuery(query, request, reply);
    if (parsed === null) return reply;
    const { members, format, delimiter, lang, asOf } = parsed;
    try {
      const context = createRequestContext(request, reply);
      const report = await consortiumReport(await consortiumJointWork(members, asOf ?? null, context), context);
      const body = format === 'xlsx' ? await consortiumXlsx(report, lang) : format === 'md' ? consortiumMarkdown(report, lang) : consortiumCsv(report, delimiter === 'semicolon' ? ';' : ',', lang);
      return await reply
        .header('content-type', CONSORTIUM_CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="${lang === 'fr' ? 'consortium-fr' : 'consortium'}.${format}"`)
        .send(body);
    } catch (error) {
      if (error instanceof GraphQLError) return sendGraphQLError(reply, error);
      throw error;
    }
  };
}
