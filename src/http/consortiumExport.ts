import type express from 'express';
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

export function consortiumExport(createRequestContext: (request: express.Request, response: express.Response) => Context): express.RequestHandler {
  return async (request, response) => {
    const parsed = parsedQuery(query, request, response);
    if (parsed === null) return;
    const { members, format, delimiter, lang, asOf } = parsed;
    try {
      const context = createRequestContext(request, response);
      const report = await consortiumReport(await consortiumJointWork(members, asOf ?? null, context), context);
      const body = format === 'xlsx' ? await consortiumXlsx(report, lang) : format === 'md' ? consortiumMarkdown(report, lang) : consortiumCsv(report, delimiter === 'semicolon' ? ';' : ',', lang);
      response.setHeader('content-type', CONSORTIUM_CONTENT_TYPES[format]);
      response.setHeader('content-disposition', `attachment; filename="${lang === 'fr' ? 'consortium-fr' : 'consortium'}.${format}"`);
      response.send(body);
    } catch (error) {
      if (error instanceof GraphQLError) {
        sendGraphQLError(response, error);
        return;
      }
      throw error;
    }
  };
}
