import type { GraphQLResolveInfo } from 'graphql';

import type { Context } from '../../../context.js';
import { BadUserInputError } from '../../../errors.js';
import type { EntityFilter, EntityKind, EntityOrder, Resolvers } from '../../../generated/graphql.js';
import { findAllSources, findSourcePage, searchSourcesByText } from '../../source/source.repository.js';
import { pageFrom, scopeFor, toConnection } from '../../shared/connection.js';
import { keysetPageFrom, toKeysetConnection, type KeysetArgs } from '../../shared/keysetConnection.js';
import { selectsField } from '../../shared/selectsField.js';
import { fromGlobalId } from '../../shared/globalId.js';
import { LABEL_OF_KIND } from '../entity.model.js';
import { findEntity, lookUp, lookUpAny, requireEntityKey } from '../entityLookup.js';
import { findOrganizationByIdentifier, listEntitiesOfKind, searchEntitiesByText, type EntityListFilter } from '../entity.repository.js';
import type { EntityLabel } from '../relationshipTypes.js';
import { toLuceneQuery } from '../searchQuery.js';
import { checkedKinds, vocabulary } from '../vocabulary.js';
import { entityTypesOf } from '../../shared/renamedArguments.js';

interface ListArgs extends KeysetArgs {
  filter?: EntityFilter | null;
  orderBy?: EntityOrder | null;
}

/** An entity list: pages by key (stable under writes), forward with `first`/`after` or backward with `last`/`before`. */
function list(label: EntityLabel, field: string) {
  return async (_parent: unknown, args: ListArgs, context: Context, info: GraphQLResolveInfo) => {
    const request = keysetPageFrom(args, scopeFor(field, { filter: args.filter ?? null, orderBy: args.orderBy ?? 'NAME' }));
    const filter = await toListFilter(label, args.filter ?? {}, context);
    // Counting the whole list reads every entity of the kind: only when totalCount is asked;
    // one more row than the page tells whether another page follows.
    const withTotal = selectsField(info, 'totalCount');
    const { total, page } = await listEntitiesOfKind(context.runner, label, filter, args.orderBy ?? 'NAME', { ...request, limit: request.limit + 1 }, withTotal);
    return toKeysetConnection(request, page.map((row) => ({ item: row.entity, key: row.key })), total);
  };
}

async function toListFilter(label: EntityLabel, filter: EntityFilter, context: Context): Promise<EntityListFilter> {
  const nonEmpty = (values?: string[] | null) => (values && values.length > 0 ? values.map((v) => v.toLowerCase()) : null);
  return {
    kinds: checkedKinds(label, filter.kinds, 'filter.kinds'),
    themes: nonEmpty(filter.themes),
    city: filter.city ?? null,
    label: filter.label ? await requireEntityKey(filter.label, 'filter.label', context) : null,
    relatedTo: filter.relatedTo ? await requireEntityKey(filter.relatedTo, 'filter.relatedTo', context) : null,
    startedAfter: filter.startedAfter ?? null,
    startedBefore: filter.startedBefore ?? null,
    activeOn: filter.activeOn ?? null,
    updatedSince: filter.updatedSince ? new Date(filter.updatedSince).toISOString() : null,
  };
}

const MAX_NODES_ARGUMENT = 100;

/** Any object by global id: a source or an entity of the kind the id names; null otherwise. */
async function findNode(id: string, context: Context) {
  const global = fromGlobalId(id);
  if (!global) return null;
  if (global.type === 'Source') return context.loaders.sourceById.load(global.key);
  if (global.type === 'Relationship') return context.loaders.relationshipById.load(global.key);
  if (global.type === 'Change') return context.changes.changeByKey.load(global.key);
  return findEntity(id, context, global.type);
}

/** Look-ups by id, key or slug; lists; full-text search; Relay `node`. */
export const queryResolvers: Resolvers = {
  Query: {
    rateLimit: (_parent, _args, context) => context.rateLimit,
    node: (_parent, { id }, context) => findNode(id, context),
    nodes: async (_parent, { ids }, context) => {
      if (ids.length > MAX_NODES_ARGUMENT) throw new BadUserInputError(`\`ids\` holds at most ${MAX_NODES_ARGUMENT} ids (got ${ids.length}).`);
      return Promise.all(ids.map((id) => findNode(id, context)));
    },
    entity: (_parent, args, context) => lookUpAny(args, context),
    organization: (_parent, args, context) => lookUp('Organization', args, context),
    byIdentifier: (_parent, { scheme, value }, context) => {
      const normal = normalIdentifier(scheme, value);
      if (normal.length === 0 || normal.length > 40) throw new BadUserInputError('`value` is an identifier of 1 to 40 characters.', { argument: 'value' });
      return findOrganizationByIdentifier(context.runner, scheme, normal);
    },
    person: (_parent, args, context) => lookUp('Person', args, context),
    project: (_parent, args, context) => lookUp('Project', args, context),
    label: (_parent, args, context) => lookUp('Label', args, context),
    event: (_parent, args, context) => lookUp('Event', args, context),
    organizations: list('Organization', 'organizations'),
    people: list('Person', 'people'),
    projects: list('Project', 'projects'),
    labels: list('Label', 'labels'),
    events: list('Event', 'events'),
    source: async (_parent, args, context) => {
      const { id, key } = args;
      const given = (id !== null && id !== undefined ? 1 : 0) + (key !== null && key !== undefined ? 1 : 0);
      if (given !== 1) throw new BadUserInputError('Give exactly one of `id` and `key`.');
      if (id !== null && id !== undefined) {
        const global = fromGlobalId(id);
        return global?.type === 'Source' ? context.loaders.sourceById.load(global.key) : null;
      }
      return key!.length > 200 ? null : context.loaders.sourceById.load(key!);
    },
    sources: (_parent, args, context) => {
      if (args.search === null || args.search === undefined) return findAllSources(context.runner);
      const query = toLuceneQuery(args.search);
      return query ? searchSourcesByText(context.runner, query) : [];
    },
    sourceCatalog: async (_parent, args, context) => {
      const page = pageFrom(args.first, args.after, scopeFor('sourceCatalog', { search: args.search ?? null }));
      const searching = args.search !== null && args.search !== undefined;
      const query = searching ? toLuceneQuery(args.search!) : null;
      // Words that make no query (only punctuation, say) find nothing.
      if (searching && !query) return toConnection(page, [], 0);
      const { total, page: sources } = await findSourcePage(context.runner, query, page.offset, page.limit);
      return toConnection(page, sources, total);
    },
    vocabulary: (_parent, args) => vocabulary(args.name),
    search: async (_parent, args, context) => {
      const entityTypes = entityTypesOf(args);
      const page = pageFrom(args.first, args.after, scopeFor('search', { text: args.text, kinds: entityTypes }));
      const query = toLuceneQuery(args.text, { themes: true });
      if (!query) return toConnection(page, [], 0);
      const labels = entityTypes && entityTypes.length > 0 ? entityTypes.map((kind: EntityKind) => LABEL_OF_KIND[kind]!) : null;
      const { total, page: hits } = await searchEntitiesByText(context.runner, query, labels, page.offset, page.limit, args.text);
      const connection = toConnection(page, hits, total);
      return {
        ...connection,
        edges: connection.edges.map((edge) => ({ cursor: edge.cursor, score: edge.node.score, node: edge.node.entity })),
        nodes: hits.map((hit) => hit.entity),
      };
    },
  },
  Node: {
    __resolveType: (node) => ('fromId' in node ? 'Relationship' : 'sequence' in node && 'targetKind' in node ? 'Change' : 'label' in node && node.label ? node.label : 'Source'),
  },
};

/** An identifier as the graph stores it: without the registry's address, ISNI, VAT, RNSR and UAI without spaces and in capitals, SIREN and SIRET without spaces. */
function normalIdentifier(scheme: string, value: string): string {
  const trimmed = value.trim();
  if (scheme === 'ROR') return trimmed.replace(/^https?:\/\/ror\.org\//, '');
  if (scheme === 'OPENALEX') return trimmed.replace(/^https?:\/\/openalex\.org\//, '');
  if (scheme === 'VAT' || scheme === 'ISNI' || scheme === 'RNSR' || scheme === 'UAI') return trimmed.toUpperCase().replace(/\s+/g, '');
  if (scheme === 'SIREN' || scheme === 'SIRET') return trimmed.replace(/\s+/g, '');
  if (scheme === 'GRID') return trimmed.toLowerCase();
  return trimmed;
}
