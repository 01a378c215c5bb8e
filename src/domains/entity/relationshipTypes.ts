/**
 * The closed list of relationship types, with the kinds of entity each may start and end
 * at. Cypher texts are built from this list only, never from input.
 */
export type EntityLabel = 'Organization' | 'Person' | 'Project' | 'Label' | 'Event';
export const ENTITY_LABELS: readonly EntityLabel[] = ['Organization', 'Person', 'Project', 'Label', 'Event'];

const actor: EntityLabel[] = ['Organization', 'Person'];

export const RELATIONSHIP_RULES = {
  FOUNDING_MEMBER_OF: { from: actor, to: ['Organization'] },
  MEMBER_OF: { from: actor, to: ['Organization'] },
  PARTICIPATES_IN: { from: actor, to: ['Project'] },
  LEADS: { from: actor, to: ['Project', 'Organization'] },
  WORKS_AT: { from: ['Person'], to: ['Organization'] },
  HOLDS_OFFICE: { from: ['Person'], to: ['Organization'] },
  PARTNERS_WITH: { from: ['Organization'], to: ['Organization'] },
  HOSTS: { from: ['Organization'], to: ['Project', 'Event', 'Organization'] },
  FUNDS: { from: ['Organization'], to: ['Project', 'Organization'] },
  RECEIVED: { from: ['Organization', 'Person', 'Project'], to: ['Label'] },
  AWARDED_BY: { from: ['Label'], to: ['Organization'] },
  ORGANISED: { from: actor, to: ['Event'] },
  TOOK_PART_IN: { from: actor, to: ['Event'] },
  SIGNED: { from: actor, to: ['Project'] },
  PART_OF: { from: ['Organization', 'Project'], to: ['Organization', 'Project'] },
  FOUNDED: { from: actor, to: ['Organization', 'Project'] },
  SUCCESSOR_OF: { from: ['Organization'], to: ['Organization'] },
  INCUBATED_BY: { from: ['Organization'], to: ['Organization'] },
  SUPPORTS: { from: actor, to: ['Project', 'Organization', 'Label'] },
  DEVELOPS: { from: actor, to: ['Project'] },
  RELATED_TO: { from: ['Organization'], to: ['Organization'] },
  CO_PUBLISHED_WITH: { from: ['Organization'], to: ['Organization'] },
  ADOPTED: { from: ['Organization'], to: ['Project'] },
  ADOPTED_AT: { from: ['Project'], to: ['Event'] },
  PRESENTED_AT: { from: ['Organization', 'Project'], to: ['Event'] },
  ESTABLISHES: { from: ['Project'], to: ['Project', 'Organization'] },
} as const satisfies Record<string, { from: readonly EntityLabel[]; to: readonly EntityLabel[] }>;

export type RelationshipTypeName = keyof typeof RELATIONSHIP_RULES;
export const RELATIONSHIP_TYPES = Object.keys(RELATIONSHIP_RULES) as RelationshipTypeName[];
