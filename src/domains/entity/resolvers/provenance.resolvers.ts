import { GraphQLError } from 'graphql';

import type { Resolvers } from '../../../generated/graphql.js';
import { toGlobalId } from '../../shared/globalId.js';
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
  },
  Citation: {
    source: async (citation, _args, context) => {
      const source = await context.loaders.sourceById.load(citation.sourceId);
      if (!source) throw new GraphQLError(`Cited source ${citation.sourceId} is missing.`);
      return source;
    },
  },
  Claim: { sources: (claim) => claim.citations.map(parseCitation) },
  Figure: { sources: (figure) => figure.sources.map(parseCitation) },
  Relationship: {
    key: (relationship) => relationship.id,
    from: (relationship, _args, context) => entityOrFail(relationship.fromId, (id) => context.loaders.entityById.load(id)),
    to: (relationship, _args, context) => entityOrFail(relationship.toId, (id) => context.loaders.entityById.load(id)),
    sources: (relationship) => (relationship.citations ?? []).map(parseCitation),
  },
  RelationshipEdge: {
    node: (edge, _args, context) => (edge.other as never) ?? entityOrFail(edge.otherId, (id) => context.loaders.entityById.load(id)),
  },
};
