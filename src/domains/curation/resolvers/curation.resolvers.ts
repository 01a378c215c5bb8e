import type { Context } from '../../../context.js';
import { BadUserInputError, ConflictError, NotFoundError, UnauthenticatedError } from '../../../errors.js';
import type { MutationResolvers, Resolvers } from '../../../generated/graphql.js';
import { checkWrittenText } from '../../shared/writtenText.js';
import { LABEL_OF_KIND } from '../../entity/entity.model.js';
import { fromGlobalId } from '../../shared/globalId.js';
import { createKey } from '../apiKeyAdmin.js';
import { authorize } from '../authorization.js';
import type { ApiKeyRecord } from '../curation.model.js';
import { countChanges, findChangeFeedHead, findChanges, findHistory, listApiKeys, revokeStoredApiKey } from '../curation.repository.js';
import { createEntityWrite, mergeEntitiesWrite, restoreEntityWrite, retireEntityWrite, updateEntityWrite, type EntityWrite } from '../entityWrites.js';
import { addRelationshipsWrite, updateRelationshipWrite, type RelationshipWrite } from '../relationshipWrites.js';
import { changeConnection, changeCursor, changePageRequest } from './changeConnection.js';

/**
 * Mutations check the caller's key first (before reading anything about the target), run
 * one transaction, then drop what this request's loaders cached about what changed.
 */
function afterEntityWrite(context: Context, write: EntityWrite, touched: string[]): EntityWrite {
  for (const id of touched) {
    context.loaders.entityById.clear(id);
    context.loaders.degree.clear(id);
  }
  if (write.entity) context.loaders.entityById.clear(write.entity.id).prime(write.entity.id, write.entity);
  return write;
}

function afterRelationshipWrite(context: Context, write: RelationshipWrite): RelationshipWrite {
  for (const relationship of write.relationships) {
    context.loaders.degree.clear(relationship.fromId);
    context.loaders.degree.clear(relationship.toId);
  }
  return write;
}

function publicKey(key: ApiKeyRecord) {
  return { ...key, hash: '' };
}

/** A key to look history up by: the key inside a global id, else the text as given. */
function historyTarget(reference: string): string {
  const global = fromGlobalId(reference);
  if (global) return global.key;
  if (reference.length > 200) throw new BadUserInputError('`of` is longer than any key.', { argument: 'of' });
  return reference;
}

/**
 * Every mutation's input passes the written-text rules (lengths, no control characters)
 * before the mutation runs, after the caller's key is checked (so that a caller without a
 * key gets UNAUTHENTICATED whatever it sent).
 */
export function withWrittenTextChecked(resolvers: MutationResolvers<Context>): MutationResolvers<Context> {
  return Object.fromEntries(
    Object.entries(resolvers).map(([name, resolve]) => [
      name,
      async (parent: unknown, args: Record<string, unknown>, context: Context, info: unknown) => {
        if (!(await context.principal())) throw new UnauthenticatedError();
        for (const [argument, value] of Object.entries(args)) checkWrittenText(value, argument);
        return (resolve as (...all: unknown[]) => unknown)(parent, args, context, info);
      },
    ]),
  ) as MutationResolvers<Context>;
}

export const curationResolvers: Resolvers = {
  Query: {
    changes: async (_parent, args, context) => {
      const request = changePageRequest(args.first, args.after);
      const since = args.since ? new Date(args.since).toISOString() : null;
      // The head is read before the page: an empty page then resumes from it, never from the
      // start (a change made between the two reads has a later number and is in the page).
      const head = await findChangeFeedHead(context.runner);
      const page = await findChanges(context.runner, since, request.afterSequence, request.limit + 1);
      return changeConnection(page, request, () => countChanges(context.runner, { since }), head);
    },
    changesHead: async (_parent, _args, context) => changeCursor({ sequence: await findChangeFeedHead(context.runner) }),
    history: async (_parent, args, context) => {
      const request = changePageRequest(args.first, args.after);
      const target = historyTarget(args.of);
      return changeConnection(await findHistory(context.runner, target, request.afterSequence, request.limit + 1), request, () => countChanges(context.runner, { target }));
    },
    apiKeys: async (_parent, _args, context) => {
      await authorize(context, 'ADMIN');
      return (await listApiKeys(context.runner)).map(publicKey);
    },
  },
  Mutation: withWrittenTextChecked({
    createEntity: async (_parent, { input }, context) => {
      const principal = await authorize(context, 'CURATOR');
      const write = await createEntityWrite(context.runner, principal, { ...input, label: LABEL_OF_KIND[input.type]!, fields: input.fields });
      return afterEntityWrite(context, write, []);
    },
    updateEntity: async (_parent, { input }, context) => {
      const principal = await authorize(context, 'CURATOR');
      return afterEntityWrite(context, await updateEntityWrite(context.runner, principal, input), []);
    },
    mergeEntities: async (_parent, { input }, context) => {
      const principal = await authorize(context, 'ADMIN');
      const write = await mergeEntitiesWrite(context.runner, principal, input);
      return afterEntityWrite(context, write, write.changes.map((change) => change.target));
    },
    retireEntity: async (_parent, { input }, context) => {
      const principal = await authorize(context, 'ADMIN');
      const write = await retireEntityWrite(context.runner, principal, input);
      return afterEntityWrite(context, write, write.changes.map((change) => change.target));
    },
    restoreEntity: async (_parent, { input }, context) => {
      const principal = await authorize(context, 'ADMIN');
      return afterEntityWrite(context, await restoreEntityWrite(context.runner, principal, input), []);
    },
    addRelationships: async (_parent, { input }, context) => {
      const principal = await authorize(context, 'CURATOR');
      return afterRelationshipWrite(context, await addRelationshipsWrite(context.runner, principal, input));
    },
    updateRelationship: async (_parent, { input }, context) => {
      const principal = await authorize(context, 'CURATOR');
      return afterRelationshipWrite(context, await updateRelationshipWrite(context.runner, principal, input));
    },
    endRelationship: async (_parent, { input }, context) => {
      const principal = await authorize(context, 'CURATOR');
      const { until, ...rest } = input;
      return afterRelationshipWrite(context, await updateRelationshipWrite(context.runner, principal, { ...rest, set: { until } }, 'ENDED'));
    },
    createApiKey: async (_parent, { input }, context) => {
      await authorize(context, 'ADMIN');
      const name = input.name.trim();
      if (name.length < 1 || name.length > 100) throw new BadUserInputError('`input.name`: 1 to 100 characters.', { field: 'input.name' });
      const { key, token } = await createKey(context.runner, name, input.role);
      return { apiKey: publicKey(key), token };
    },
    revokeApiKey: async (_parent, { input }, context) => {
      await authorize(context, 'ADMIN');
      const revoked = await revokeStoredApiKey(context.runner, input.id.slice(0, 100));
      if (!revoked) throw new NotFoundError(`No API key has the id "${input.id.slice(0, 100)}".`);
      if (revoked.last) {
        throw new ConflictError('This is the last active ADMIN key: without it nobody could manage keys. Create another ADMIN key first, then revoke this one.');
      }
      return publicKey(revoked.key);
    },
  }),
};

const historyFields = {
  version: (record: { version?: number | null }) => record.version ?? 1,
  updatedAt: (record: { id: string }, _args: unknown, context: Context) =>
    ('fromId' in record ? context.changes.relationshipUpdatedAt : context.changes.entityUpdatedAt).load(record.id),
  history: async (record: { id: string }, args: { first?: number | null; after?: string | null }, context: Context) => {
    const request = changePageRequest(args.first, args.after);
    return changeConnection(await findHistory(context.runner, record.id, request.afterSequence, request.limit + 1), request, () => countChanges(context.runner, { target: record.id }));
  },
};

/** `version` and `history` on every entity type and on relationships. */
export const historyResolvers: Resolvers = {
  Organization: historyFields,
  Person: historyFields,
  Project: historyFields,
  Label: historyFields,
  Event: historyFields,
  Relationship: historyFields,
};
