import { GraphQLError } from 'graphql';
import type { Router } from 'express';
import express from 'express';
import { z } from 'zod';

import type { Context } from '../context.js';
import { ErrorCode } from '../errors.js';
import { CONTENT_TYPES, EXPORT_FORMATS, writeSubgraph, type ExportFormat } from '../network/export/formats.js';
import type { SubgraphRecord } from '../network/network.model.js';
import { ecosystemMapOf, egoNetworkOf } from '../network/subgraphs.js';

/**
 * File exports of the ecosystem map and of ego networks, over GET, with the same filters as
 * the GraphQL fields: /export/map?format=gexf&kinds=ORGANIZATION&themes=health&asOf=2024-06-01
 * and /export/ego?center=inria&depth=2&format=graphml. Lists are comma-separated.
 */
const list = z
  .string()
  .max(1000)
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean))
  .optional();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD').optional();
const common = {
  format: z.enum(EXPORT_FORMATS).default('json'),
  kinds: list.pipe(z.array(z.enum(['ORGANIZATION', 'PERSON', 'PROJECT', 'LABEL', 'EVENT'])).optional()),
  themes: list,
  labels: list,
  types: list,
  asOf: day,
};
const mapQuery = z.object({ ...common, limit: z.coerce.number().int().default(500) }).strict();
const egoQuery = z.object({ ...common, center: z.string().min(1).max(400), depth: z.coerce.number().int().default(1), limit: z.coerce.number().int().default(100) }).strict();

export function exportRoutes(createRequestContext: (request: express.Request, response: express.Response) => Context): Router {
  const router = express.Router();

  const send = (response: express.Response, subgraph: SubgraphRecord, format: ExportFormat, name: string, base: string) => {
    const extension = format === 'jsonld' ? 'jsonld' : format;
    response.setHeader('content-type', CONTENT_TYPES[format]);
    response.setHeader('content-disposition', `attachment; filename="${name}.${extension}"`);
    response.send(writeSubgraph(subgraph, format, base));
  };

  const handle =
    <T extends z.ZodType>(schema: T, run: (query: z.infer<T>, context: Context) => Promise<{ subgraph: SubgraphRecord | null; name: string }>) =>
    async (request: express.Request, response: express.Response) => {
      const parsed = schema.safeParse(request.query);
      if (!parsed.success) {
        const message = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'query'}: ${issue.message}`).join('; ');
        response.status(400).json({ errors: [{ message, extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
        return;
      }
      try {
        const { subgraph, name } = await run(parsed.data, createRequestContext(request, response));
        if (!subgraph) {
          response.status(404).json({ errors: [{ message: 'No entity has that id, key or slug.', extensions: { code: ErrorCode.NOT_FOUND } }] });
          return;
        }
        send(response, subgraph, (parsed.data as { format: ExportFormat }).format, name, `${request.protocol}://${request.get('host')}`);
      } catch (error) {
        if (error instanceof GraphQLError) {
          const status = (error.extensions.http as { status?: number } | undefined)?.status ?? 400;
          response.status(status).json({ errors: [{ message: error.message, extensions: { code: error.extensions.code } }] });
          return;
        }
        throw error;
      }
    };

  router.get(
    '/export/map',
    handle(mapQuery, async (query, context) => ({ subgraph: await ecosystemMapOf(context, query, query.limit), name: 'montpellier-ai-map' })),
  );
  router.get(
    '/export/ego',
    handle(egoQuery, async (query, context) => ({
      subgraph: await egoNetworkOf(context, query.center, query.depth, query.limit, query),
      name: `ego-${query.center.replace(/[^A-Za-z0-9-]/g, '_').slice(0, 60)}`,
    })),
  );
  return router;
}
