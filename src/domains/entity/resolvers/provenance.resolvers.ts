import { GraphQLError } from 'graphql';

import type { Resolvers } from '../../../generated/graphql.js';
import { scopeFor } from '../../shared/connection.js';
import { keysetPageFrom, readOf, toKeysetConnection } from '../../shared/keysetConnection.js';
import { coPublicationOf } from '../coPublication.js';
import { toGlobalId } from '../../shared/globalId.js';
import { findCitationsOf } from '../../source/source.repository.js';
import { parseCitation } from '../entity.model.js';

async function entityOrFail(id: string, load: (id: string) => Promise<unknown>) {
  const entity = await load(id);
  if (!entity) throw new GraphQLError(`Relationship end ${id} is missing.`);
  return entity as never;
}

/** Sources, citations, disputed claims, figures and relationships. */
export const provenanceResolvers: Resolvers = {
  Source: {
    id: (source) => toGlobalId('Source', source.id),
    key: (source) => source.id,
    citedBy: async (source, args, context) => {
      const request = keysetPageFrom(args, scopeFor('citedBy', { source: source.id }));
      const { total, page } = await findCitationsOf(context.runner, source.id, readOf(request));
      const connection = toKeysetConnection(request, page, total);
      const edges = connection.edges.map(({ cursor, node }) => ({ ...node, cursor }));
      return { ...connection, edges, nodes: edges };
    },
  },
  Citation: {
    source: async (citation, _args, context) => {
      const source = await context.loaders.sourceById.load(citation.sourceId);
      if (!source) throw new GraphQLError(`Cited source ${citation.sourceId} is missing.`);
      return source;
    },
  },
  Claim: { sources: (claim) => claim.citations.map(parseCitation) },
  Figure: {
    sources: (figure) => figure.sources.map(parseCitation),
    qualifier: (figure) => ({ exactly: 'EXACTLY', 'at-least': 'AT_LEAST', about: 'ABOUT', 'at-most': 'AT_MOST' } as const)[figure.qualifier ?? 'exactly'],
  },
  Relationship: {
    id: (relationship) => toGlobalId('Relationship', relationship.id),
    key: (relationship) => relationship.id,
    from: (relationship, _args, context) => entityOrFail(relationship.fromId, (id) => context.loaders.entityById.load(id)),
    to: (relationship, _args, context) => entityOrFail(relationship.toId, (id) => context.loaders.entityById.load(id)),
    sources: (relationship) => (relationship.citations ?? []).map(parseCitation),
    planned: (relationship) => relationship.planned === true,
    heldFrom: (relationship) => relationship.sinceFrom ?? relationship.inferredFrom ?? null,
    heldFromInference: (relationship) => (relationship.sinceFrom ? 'STATED' : (relationship.inferredHow ?? null)),
    coPublication: (relationship) => coPublicationOf(relationship),
  },
  RelationshipEdge: {
    node: (edge, _args, context) => (edge.other as never) ?? entityOrFail(edge.otherId, (id) => context.loaders.entityById.load(id)),
  },
};
