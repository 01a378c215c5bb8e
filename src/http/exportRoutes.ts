import { GraphQLError } from 'graphql';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

import type { Context } from '../context.js';
import { RELATIONSHIP_TYPES } from '../domains/entity/relationshipTypes.js';
import { KIND_OF_LABEL } from '../domains/entity/entity.model.js';
import { ErrorCode } from '../errors.js';
import { checkRange } from '../domains/shared/checkRange.js';
import { CONTENT_TYPES, EXPORT_FORMATS, writeSubgraph, type ExportedSubgraph, type ExportFormat } from '../network/export/formats.js';
import type { SubgraphRecord } from '../network/network.model.js';
import type { MeasuredNetwork } from '../network/metricsCache.js';
import { ecosystemMapOf, egoNetworkOf, exportMeta, partnershipNetworkOf, sliceOf, withTotalDegrees } from '../network/subgraphs.js';
import { consortiumExport } from './consortiumExport.js';
import { sendErrors, sendGraphQLError } from './errorResponse.js';
import { day, parsedQuery } from './exportQuery.js';
import { entityTypesOf } from '../domains/shared/renamedArguments.js';

/**
 * File exports of the ecosystem map and of ego networks, over GET, with the same filters as
 * the GraphQL fields: /export/map?format=gexf&entityTypes=ORGANIZATION&themes=health&asOf=2024-06-01&datedOnly=true
 * and /export/ego?center=inria&depth=2&format=graphml. Lists are comma-separated.
 *
 * Parameters follow the GraphQL arguments' rules (`kinds`, the former name of `entityTypes`, still answers): entity and relationship types from their
 * closed lists, `asOf` a real day (graphql-scalars' LocalDate, with its message), numbers
 * written in plain decimal digits (`0x10`, `1e2` or an empty value are refused, not guessed),
 * and the ranges the GraphQL fields check. Absolute ids (JSON-LD) start from PUBLIC_URL,
 * never from the request's Host header, which the client chooses.
 */
const list = z
  .string()
  .max(1000)
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean))
  .optional();
const oneOf = (allowed: readonly string[], what: string) =>
  list.pipe(
    z
      .array(z.string().refine((value) => allowed.includes(value), { message: `not ${what}; allowed: ${allowed.join(', ')}` }))
      .optional(),
  );
const whole = (fallback: number) =>
  z
    .string()
    .regex(/^\d{1,7}$/, 'must be a whole number written in decimal digits')
    .transform(Number)
    .optional()
    .transform((value) => value ?? fallback);
/** `true` or `false`, as GraphQL's Boolean (absent: false); nothing else is guessed. */
const flag = z
  .enum(['true', 'false'])
  .transform((value) => value === 'true')
  .optional();
const common = {
  format: z.enum(EXPORT_FORMATS).default('json'),
  entityTypes: oneOf(Object.values(KIND_OF_LABEL), 'an entity type'),
  /** Former name of entityTypes. */
  kinds: oneOf(Object.values(KIND_OF_LABEL), 'an entity type'),
  themes: list,
  labels: list,
  types: oneOf(RELATIONSHIP_TYPES, 'a relationship type'),
  asOf: day,
  datedOnly: flag,
};
const mapQuery = z.object({ ...common, limit: whole(500) }).strict();
const egoQuery = z.object({ ...common, center: z.string().min(1).max(400), depth: whole(1), limit: whole(100) }).strict();
const partnershipQuery = z
  .object({ format: z.enum(EXPORT_FORMATS).default('json'), network: z.enum(['partnerships', 'co-publications']).default('partnerships'), asOf: day, datedOnly: flag, limit: z.string().regex(/^\d{1,7}$/, 'must be a whole number written in decimal digits').transform(Number).optional() })
  .strict();

/** A file name that names the filters: `montpellier-ai-map--entityTypes-ORGANIZATION--asOf-2024-06-01`, at most 150 characters. */
function fileName(name: string, asked: Array<[string, unknown]>): string {
  const parts = asked.filter(([parameter]) => parameter !== 'center').map(([parameter, value]) => `${parameter}-${String(value)}`.replace(/[^A-Za-z0-9_.-]+/g, '_'));
  return [name, ...parts].join('--').slice(0, 150);
}

export function exportRoutes(createRequestContext: (request: FastifyRequest, reply: FastifyReply) => Context, publicUrl: string): (fastify: FastifyInstance) => void {
  const send = (reply: FastifyReply, subgraph: ExportedSubgraph, format: ExportFormat, name: string, base: string) => {
    const extension = format === 'jsonld' ? 'jsonld' : format;
    return reply
      .header('content-type', CONTENT_TYPES[format])
      .header('content-disposition', `attachment; filename="${name}.${extension}"`)
      .send(writeSubgraph(subgraph, format, base));
  };

  const handle =
    <T extends z.ZodType>(schema: T, run: (query: z.infer<T>, context: Context) => Promise<{ subgraph: SubgraphRecord | null; name: string; title: string; network?: MeasuredNetwork }>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const query = parsedQuery(schema, request, reply);
      if (query === null) return reply;
      try {
        const context = createRequestContext(request, reply);
        const { subgraph, name, title, network } = await run(query, context);
        if (!subgraph) return await sendErrors(reply, 404, [{ message: 'No entity has that id, key or slug.', extensions: { code: ErrorCode.NOT_FOUND } }]);
        // The file says what it holds, and its name says which filters made it: two exports of one view are never two files of one name.
        const asked = Object.entries(request.query as Record<string, unknown>).filter(([parameter]) => parameter !== 'format');
        const exported = { ...(await withTotalDegrees(context, subgraph, network, sliceOf(query as { asOf?: string; datedOnly?: boolean }))), meta: await exportMeta(context, title, asked.map(([parameter, value]) => `${parameter}=${String(value)}`).join('; ') || 'none') };
        void reply.header('x-data-version', String(exported.meta.dataVersion));
        return await send(reply, exported, (query as { format: ExportFormat }).format, fileName(name, asked), publicUrl);
      } catch (error) {
        if (error instanceof GraphQLError) return sendGraphQLError(reply, error);
        throw error;
      }
    };

  return (router) => {
  router.get('/export/consortium', consortiumExport(createRequestContext));
  router.get(
    '/export/map',
    handle(mapQuery, async (query, context) => ({ subgraph: await ecosystemMapOf(context, { ...query, entityTypes: entityTypesOf(query) }, query.limit), name: 'montpellier-ai-map', title: 'Map of the Montpellier AI ecosystem' })),
  );
  router.get(
    '/export/ego',
    handle(egoQuery, async (query, context) => ({
      subgraph: await egoNetworkOf(context, query.center, query.depth, query.limit, { ...query, entityTypes: entityTypesOf(query) }),
      name: `ego-${query.center.replace(/[^A-Za-z0-9-]/g, '_').slice(0, 60)}`,
      title: `Ego network of ${query.center.slice(0, 100)}`,
    })),
  );
  // The organisations' partnership network (or its co-publications alone), with the measures computed on it.
  router.get(
    '/export/partnerships',
    handle(partnershipQuery, async (query, context) => {
      const network = query.network === 'co-publications' ? 'CO_PUBLICATIONS' : 'PARTNERSHIPS';
      // Without a limit, the whole network; with one, its organisations of greatest strength (as partnershipMap).
      const limit = query.limit === undefined ? undefined : checkRange('limit', query.limit, 1, 2000);
      return {
        subgraph: await partnershipNetworkOf(context, network, { limit, slice: sliceOf(query) }),
        name: `montpellier-ai-${query.network}`,
        title: `The organisations' ${query.network === 'co-publications' ? 'co-publication' : 'partnership'} network`,
        network,
      };
    }),
  );
  };
}
