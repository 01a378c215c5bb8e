import type { Router } from 'express';
import { GraphQLError } from 'graphql';
import express from 'express';

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
export function entityDocuments(createRequestContext: (request: express.Request, response: express.Response) => Context, publicUrl: string): Router {
  const router = express.Router();
  router.get('/vocab', (_request, response) => {
    response.setHeader('content-type', CONTENT_TYPES.jsonld);
    response.send(vocabularyDocument(publicUrl));
  });
  router.get('/entity/:key', async (request, response, next) => {
    try {
      const key = String(request.params.key).slice(0, 400);
      const wanted = request.accepts(['application/ld+json', 'application/json', 'text/html']);
      if (wanted === 'text/html') {
        response.redirect(303, `/explore?${new URLSearchParams({ view: 'ego', center: key, depth: '1', node: key }).toString()}`);
        return;
      }
      const context = createRequestContext(request, response);
      const subgraph = await egoNetworkOf(context, key, 1, 500, {});
      if (!subgraph) {
        sendErrors(response, 404, [{ message: `No entity has the key, slug or id "${key.slice(0, 100)}".`, extensions: { code: ErrorCode.NOT_FOUND } }]);
        return;
      }
      response.setHeader('content-type', CONTENT_TYPES.jsonld);
      response.setHeader('vary', 'accept');
      // A JSON-LD document carries no network measures: none is computed for it.
      response.send(writeSubgraph(await withTotalDegrees(context, subgraph, null), 'jsonld', publicUrl));
    } catch (error) {
      if (error instanceof GraphQLError) sendGraphQLError(response, error);
      else next(error);
    }
  });
  return router;
}
