import type { GraphQLResolveInfo } from 'graphql';

import type { Context } from '../../../context.js';
import { scopeFor } from '../../shared/connection.js';
import { keysetPageFrom, toKeysetConnection, type KeysetArgs } from '../../shared/keysetConnection.js';
import { selectedFields, selectsField } from '../../shared/selectsField.js';
import { entityPropertiesFor, relationshipPropertiesFor } from '../storedProperties.js';
import { heldOn, type EntityRecord, type RelationshipEdgeRecord, type RelationshipView } from '../entity.model.js';
import type { EntityLabel, RelationshipTypeName } from '../relationshipTypes.js';

/** Which relationships a field shows: types, direction, kind at the other end. */
export interface RelationshipSelection {
  types?: readonly RelationshipTypeName[] | null;
  direction?: 'OUTGOING' | 'INCOMING' | 'BOTH' | null;
  otherLabels?: readonly EntityLabel[];
  role?: string | null;
  asOf?: string | null;
}

export type PageArgs = KeysetArgs;

/** The relationships of an entity as seen from it, filtered by a selection; from the loader. */
export async function relationshipViews(entityId: string, selection: RelationshipSelection, context: Context): Promise<RelationshipView[]> {
  const links = await context.loaders.relationshipsOf.load(entityId);
  const role = selection.role?.toLowerCase();
  const views: RelationshipView[] = [];
  links.relationships.forEach((relationship, index) => {
    const other = links.others[index] as EntityRecord;
    const direction = relationship.fromId === entityId ? 'OUTGOING' : 'INCOMING';
    if (selection.types && selection.types.length > 0 && !selection.types.includes(relationship.type)) return;
    if (selection.direction && selection.direction !== 'BOTH' && selection.direction !== direction) return;
    if (selection.otherLabels && !selection.otherLabels.includes(other.label)) return;
    if (role && relationship.role?.toLowerCase() !== role) return;
    if (!heldOn(relationship, selection.asOf)) return;
    views.push({ relationship, direction, otherId: direction === 'OUTGOING' ? relationship.toId : relationship.fromId });
  });
  return views;
}

/** An edge of a relationship field: the relationship as seen from the entity, and its cursor, encoded only when read. */
class RelationshipEdge implements RelationshipEdgeRecord {
  readonly relationship: RelationshipView['relationship'];
  readonly direction: RelationshipView['direction'];
  readonly otherId: string;
  readonly other?: EntityRecord;

  constructor(private readonly edge: { cursor: string; node: RelationshipView }) {
    this.relationship = edge.node.relationship;
    this.direction = edge.node.direction;
    this.otherId = edge.node.otherId;
    this.other = edge.node.other;
  }

  get cursor(): string {
    return this.edge.cursor;
  }
}

/**
 * A relationship field: checks the page arguments first (before any database work), then
 * reads just that page from Neo4j (filters, order and paging in the query), batched with the
 * same field of other entities. Cursors are scoped to the entity, the field and its filters,
 * and page by key (type, other end's name, relationship key): keysetConnection.ts.
 */
export async function relationshipConnection(
  entity: EntityRecord,
  field: string,
  selection: RelationshipSelection,
  page: PageArgs,
  context: Context,
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>,
) {
  const request = keysetPageFrom(page, scopeFor(`${entity.id}.${field}`, selection));
  // Counting every match costs a full expansion (tens of thousands on a hub): only when asked.
  const withTotal = selectsField(info, 'totalCount');
  // Only the properties the operation shows are read; the other end's `from`/`to` fields
  // read whole entities from the loader, which whole records of the page fill.
  const relationshipFields = selectedFields(info, ['edges', 'relationship']);
  const wholeEntities = relationshipFields.has('from') || relationshipFields.has('to');
  const { total, keys, relationships, others } = await context.loaders
    .relationshipPage({
      types: selection.types && selection.types.length > 0 ? [...selection.types] : null,
      direction: selection.direction ?? 'BOTH',
      labels: selection.otherLabels ? [...selection.otherLabels] : null,
      role: selection.role?.toLowerCase() ?? null,
      asOf: selection.asOf ?? null,
      reading: request.direction,
      key: request.key,
      // One more than the page tells whether another page follows.
      limit: request.limit + 1,
      withTotal,
      entityKeys: wholeEntities ? null : entityPropertiesFor([...selectedFields(info, ['edges', 'node']), ...selectedFields(info, ['nodes'])]),
      relationshipKeys: relationshipPropertiesFor(relationshipFields),
    })
    .load(entity.id);
  const rows = relationships.map((relationship, index) => {
    const direction = relationship.fromId === entity.id ? 'OUTGOING' : 'INCOMING';
    const view: RelationshipView = { relationship, direction, otherId: direction === 'OUTGOING' ? relationship.toId : relationship.fromId, other: others[index] };
    return { item: view, key: keys[index]! };
  });
  const connection = toKeysetConnection(request, rows, total);
  const views = connection.nodes;
  const edges: RelationshipEdgeRecord[] = connection.edges.map((edge) => new RelationshipEdge(edge));
  // `nodes`: the other ends, read with the page (the projection includes what `nodes` asks for).
  const nodes = (await Promise.all(views.map((view) => view.other ?? context.loaders.entityById.load(view.otherId)))).filter((entity): entity is EntityRecord => Boolean(entity));
  return { edges, nodes, pageInfo: connection.pageInfo, totalCount: connection.totalCount };
}
