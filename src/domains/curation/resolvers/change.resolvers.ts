import type { Resolvers } from '../../../generated/graphql.js';
import { parseCitation } from '../../entity/entity.model.js';
import { toGlobalId } from '../../shared/globalId.js';
import type { ChangeRecord, ChangeStateRecord } from '../curation.model.js';
import { differingKeys } from '../importChangeLog.js';

/**
 * A recorded change as the feed and histories show it. A change made through the API stores
 * its subject's public fields before and after (JSON); an import's change stores the names of
 * the fields it changed. Both answer `changedFields`; only the former has states.
 */
function stateOf(change: ChangeRecord, json: string | null): ChangeStateRecord | null {
  if (!json || (change.targetKind !== 'ENTITY' && change.targetKind !== 'RELATIONSHIP')) return null;
  return { ...inApiNames(JSON.parse(json) as Record<string, unknown>), subjectKind: change.targetKind };
}

/**
 * Recorded states use the names the import format had when they were recorded: an
 * organisation's `sectors` (always written for one) are the API's `themes`, and its
 * `cordisId` is the API's `pic`.
 */
function inApiNames(state: Record<string, unknown>): Record<string, unknown> {
  if (!('sectors' in state)) return state;
  const { sectors, cordisId, ...rest } = state;
  return { ...rest, themes: sectors, ...(cordisId !== undefined ? { pic: cordisId } : {}) };
}

/** Recorded fields that say which version or kind a state is, not what it holds. */
const NOT_FIELDS = new Set(['type', 'version']);

/** The fields whose values differ between the recorded states; a creation's are the fields it set. */
export function fieldsChanged(change: ChangeRecord): string[] {
  if (change.fields) return change.fields;
  const before = change.before ? inApiNames(JSON.parse(change.before) as Record<string, unknown>) : null;
  const after = change.after ? inApiNames(JSON.parse(change.after) as Record<string, unknown>) : null;
  if (!after) return [];
  return differingKeys(before, after, true).filter((name) => !NOT_FIELDS.has(name)).sort();
}

const citations = (state: ChangeStateRecord) => ((state.sources as string[] | undefined) ?? []).map(parseCitation);

export const changeResolvers: Resolvers = {
  Change: {
    id: (change) => toGlobalId('Change', change.id),
    key: (change) => change.id,
    origin: (change) => (change.authorKey ? 'API' : 'IMPORT'),
    changedFields: (change) => fieldsChanged(change),
    stateBefore: (change) => stateOf(change, change.before),
    stateAfter: (change) => stateOf(change, change.after),
    before: (change) => (change.before ? (JSON.parse(change.before) as Record<string, unknown>) : null),
    after: (change) => (change.after ? (JSON.parse(change.after) as Record<string, unknown>) : null),
    sources: (change) => (change.citations ?? []).map(parseCitation),
    entity: (change, _args, context) => (change.targetKind === 'ENTITY' ? context.loaders.entityById.load(change.target) : null),
    subject: (change, _args, context) => {
      switch (change.targetKind) {
        case 'ENTITY':
          return context.loaders.entityById.load(change.target);
        case 'RELATIONSHIP':
          return context.loaders.relationshipById.load(change.target);
        case 'SOURCE':
          return context.loaders.sourceById.load(change.target);
        case 'MATCH_REVIEW':
          return null;
      }
    },
  },
  ChangeState: { __resolveType: (state) => (state.subjectKind === 'ENTITY' ? 'EntityState' : 'RelationshipState') },
  EntityState: { sources: citations },
  RelationshipState: { sources: citations },
};
