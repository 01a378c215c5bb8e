import type { GraphQLResolveInfo } from 'graphql';

import type { Context } from '../../../context.js';
import type { Resolvers } from '../../../generated/graphql.js';
import { checkRange } from '../../shared/checkRange.js';
import { toGlobalId } from '../../shared/globalId.js';
import { shortName } from '../shortName.js';
import { parseCitation, type ClaimRecord, type EntityRecord, type FigureRecord } from '../entity.model.js';
import type { RelationshipTypeName } from '../relationshipTypes.js';
import { relationshipConnection, type PageArgs, type RelationshipSelection } from './relationshipField.js';

/** Fields every kind of entity shares, resolved from the stored record. */
const sharedFields = {
  id: (entity: EntityRecord) => toGlobalId(entity.label, entity.id),
  key: (entity: EntityRecord) => entity.id,
  aliases: (entity: EntityRecord) => ({ fr: entity.aliasesFr ?? [], en: entity.aliasesEn ?? [] }),
  names: (entity: EntityRecord) => ({ fr: entity.nameFr ?? null, en: entity.nameEn ?? null }),
  shortName: (entity: EntityRecord, args: { language?: 'EN' | 'FR' | null; maxLength?: number | null }) =>
    shortName(entity, args.language ?? 'EN', checkRange('maxLength', args.maxLength ?? 32, 8, 200)),
  sources: (entity: EntityRecord) => (entity.citations ?? []).map(parseCitation),
  disputes: async (entity: EntityRecord, _args: unknown, context: Context) => groupDisputes(await context.loaders.claimsAbout.load(entity.id)),
  degree: (entity: EntityRecord, _args: unknown, context: Context) => context.loaders.degree.load(entity.id),
  relationships: (
    entity: EntityRecord,
    args: { types?: RelationshipTypeName[] | null; direction?: 'OUTGOING' | 'INCOMING' | 'BOTH' | null; asOf?: string | null } & PageArgs,
    context: Context,
    info: GraphQLResolveInfo,
  ) => relationshipConnection(entity, 'relationships', { types: args.types, direction: args.direction, asOf: args.asOf }, args, context, info),
};

/** A convenience field: a fixed selection of relationships, with optional role and day. */
function preset(field: string, selection: RelationshipSelection) {
  return (entity: EntityRecord, args: { role?: string | null; asOf?: string | null } & PageArgs, context: Context, info: GraphQLResolveInfo) =>
    relationshipConnection(entity, field, { ...selection, role: args.role, asOf: args.asOf }, args, context, info);
}

const engagement: RelationshipTypeName[] = ['PARTICIPATES_IN', 'LEADS', 'FUNDS', 'HOSTS', 'SUPPORTS', 'DEVELOPS', 'SIGNED', 'FOUNDED'];
const membership: RelationshipTypeName[] = ['MEMBER_OF', 'FOUNDING_MEMBER_OF'];

function matchedRecords(entity: EntityRecord) {
  return (entity.matchedRecords ?? []).map((stored) => {
    const match = JSON.parse(stored) as { dataset: string; record: string; how: 'identifier' | 'name' | 'decision'; why: string };
    return { dataset: match.dataset, recordId: match.record, how: match.how.toUpperCase() as 'IDENTIFIER' | 'NAME' | 'DECISION', why: match.why };
  });
}

function figures(entity: EntityRecord): FigureRecord[] {
  return entity.figures ? (JSON.parse(entity.figures) as FigureRecord[]) : [];
}

/** Claims about one entity, grouped by property and value, each value with all its citations. */
export function groupDisputes(claims: ClaimRecord[]) {
  const byProperty = new Map<string, Map<string, { value: string; note: string | null; citations: string[] }>>();
  for (const claim of claims) {
    const values = byProperty.get(claim.property) ?? new Map();
    byProperty.set(claim.property, values);
    const group = values.get(claim.value) ?? { value: claim.value, note: claim.note, citations: [] };
    group.citations.push(...claim.citations);
    values.set(claim.value, group);
  }
  return [...byProperty].map(([property, values]) => ({ property, claims: [...values.values()] }));
}

export const entityFieldResolvers: Resolvers = {
  Entity: { __resolveType: (entity) => entity.label },
  Organization: {
    ...sharedFields,
    kind: (entity) => entity.kind ?? 'organization',
    sectors: (entity) => entity.themes ?? [],
    themes: (entity) => entity.themes ?? [],
    formerNames: (entity) => entity.formerNames ?? [],
    founded: (entity) => entity.start,
    ceased: (entity) => entity.end,
    pic: (entity) => entity.cordisId ?? null,
    matchedRecords,
    figures,
    projects: preset('projects', { types: engagement, direction: 'OUTGOING', otherLabels: ['Project'] }),
    members: preset('members', { types: membership, direction: 'INCOMING' }),
    memberships: preset('memberships', { types: membership, direction: 'OUTGOING' }),
    people: preset('people', { types: ['WORKS_AT', 'HOLDS_OFFICE'], direction: 'INCOMING' }),
    labels: preset('labels', { types: ['RECEIVED'], direction: 'OUTGOING' }),
    subUnits: preset('subUnits', { types: ['PART_OF'], direction: 'INCOMING' }),
    parents: preset('parents', { types: ['PART_OF'], direction: 'OUTGOING' }),
  },
  Person: {
    ...sharedFields,
    affiliations: preset('affiliations', { types: ['WORKS_AT', 'MEMBER_OF'], direction: 'OUTGOING' }),
    offices: preset('offices', { types: ['HOLDS_OFFICE'], direction: 'OUTGOING' }),
  },
  Project: {
    ...sharedFields,
    kind: (entity) => entity.kind ?? 'project',
    themes: (entity) => entity.themes ?? [],
    started: (entity) => entity.start,
    ended: (entity) => entity.end,
    matchedRecords,
    figures,
    participants: preset('participants', { types: engagement, direction: 'INCOMING' }),
  },
  Label: {
    ...sharedFields,
    kind: (entity) => entity.kind ?? 'label',
    recipients: preset('recipients', { types: ['RECEIVED'], direction: 'INCOMING' }),
    grantors: preset('grantors', { types: ['AWARDED_BY'], direction: 'OUTGOING' }),
  },
  Event: {
    ...sharedFields,
    kind: (entity) => entity.kind ?? 'event',
    themes: (entity) => entity.themes ?? [],
    date: (entity) => entity.start,
    endDate: (entity) => (entity.end !== entity.start ? entity.end : null),
    figures,
    participants: preset('participants', { types: ['ORGANISED', 'TOOK_PART_IN', 'HOSTS'], direction: 'INCOMING' }),
  },
};
