import accepts from 'accepts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';

import type { Context } from '../context.js';
import { ErrorCode } from '../errors.js';
import { CONTENT_TYPES, vocabularyDocument, writeSubgraph } from '../network/export/formats.js';
import { egoNetworkOf, withTotalDegrees } from '../network/subgraphs.js';
import { sendErrors, sendGraphQLError } from './errorResponse.js';

/**
 * `/entity/<key>`: the address the JSON-LD exports give an entity (`@id`), served by content
 * negotiation. A client that asks for JSON-LD or JSON gets the entity's document: the entity,
 * its neighbours and the relationships among them (at most 500 entities), each relationship
 * under `/entity/<start key>#<relationship key>`. A browser is sent to the explorer on the
 * entity's ego network. An unknown key is 404 NOT_FOUND. `/vocab` describes the two terms the
 * documents use that schema.org does not have (a relationship's `from` and `to`).
 */
export function entityDocuments(createRequestContext: (request: FastifyRequest, reply: FastifyReply) => Context, publicUrl: string): (fastify: FastifyInstance) => void {
  return (fastify) => {
    fastify.get('/vocab', (_request, reply) => reply.header('content-type', CONTENT_TYPES.jsonld).send(vocabularyDocument(publicUrl)));
    fastify.get<{ Params: { key: string } }>('/entity/:key', async (request, reply) => {
      try {
        const key = String(request.params.key).slice(0, 400);
        const wanted = accepts(request.raw).type(['application/ld+json', 'application/json', 'text/html']);
        if (wanted === 'text/html') return await reply.redirect(`/explore?${new URLSearchParams({ view: 'ego', center: key, depth: '1', node: key }).toString()}`, 303);
        const context = createRequestContext(request, reply);
        const subgraph = await egoNetworkOf(context, key, 1, 500, {});
        if (!subgraph) return await sendErrors(reply, 404, [{ message: `No entity has the key, slug or id "${key.slice(0, 100)}".`, extensions: { code: ErrorCode.NOT_FOUND } }]);
        // A JSON-LD document carries no network measures: none is computed for it.
        return await reply.header('content-type', CONTENT_TYPES.jsonld).header('vary', 'accept').send(writeSubgraph(await withTotalDegrees(context, subgraph, null), 'jsonld', publicUrl));
      } catch (error) {
        if (error instanceof GraphQLError) return sendGraphQLError(reply, error);
        throw error;
      }
    });
  };
}
