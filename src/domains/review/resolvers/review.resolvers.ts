import type { Context } from '../../../context.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../errors.js';
import type { Resolvers } from '../../../generated/graphql.js';
import { authorize } from '../../curation/authorization.js';
import { inCurationTransaction } from '../../curation/curationTransaction.js';
import { withWrittenTextChecked } from '../../curation/resolvers/curation.resolvers.js';
import { parseCitation } from '../../entity/entity.model.js';
import { findEntity } from '../../entity/entityLookup.js';
import { scopeFor } from '../../shared/connection.js';
import { keysetPageFrom, readOf, toKeysetConnection } from '../../shared/keysetConnection.js';
import { ImportRejectedError } from '../../../ingest/graphWriter.js';
import { applyDecision, createdEntityOf, type Decision } from '../../../ingest/resolution/applyDecision.js';
import type { MatchCandidateRecord } from '../../../ingest/resolution/resolveOrganizations.js';
import { decideReview } from '../review.cypher.js';
import { findReview, findReviews, type MatchReviewRecord } from '../review.repository.js';

/** A dry run of what the decision writes: its problems become one BAD_USER_INPUT. */
async function checkedDecision(context: Context, decision: Decision, origin: string): Promise<void> {
  try {
    await applyDecision(context.runner, decision, origin, { dryRun: true });
  } catch (error) {
    if (!(error instanceof ImportRejectedError)) throw error;
    const shown = error.problems.slice(0, 5).map((problem) => `${problem.entry}: ${problem.reason}`).join('; ');
    throw new BadUserInputError(`This decision cannot be written: ${shown}`, { problems: error.problems.length });
  }
}

const STATUS = { PENDING: 'pending', ACCEPTED: 'accepted', CREATED: 'created', REJECTED: 'rejected' } as const;
const DECIDED = { ACCEPT: 'accepted', CREATE: 'created', REJECT: 'rejected' } as const;

/**
 * The review queue of entity resolution: reading is public (it holds only open data); a
 * decision needs a CURATOR key, is one transaction recorded in the history with the
 * dataset record as its source, and applies to a pending review only (CONFLICT otherwise).
 */
export const reviewResolvers: Resolvers = {
  Query: {
    pendingMatches: async (_parent, args, context) => {
      const status = STATUS[args.status ?? 'PENDING'];
      const dataset = args.dataset ?? null;
      if (dataset !== null && !/^[a-z0-9-]{1,40}$/.test(dataset)) throw new BadUserInputError('`dataset` is a dataset name such as `cordis`.', { argument: 'dataset' });
      const request = keysetPageFrom(args, scopeFor('pendingMatches', { status, dataset }));
      const { total, page } = await findReviews(context.runner, { status, dataset }, readOf(request));
      return toKeysetConnection(request, page, total);
    },
  },
  Mutation: withWrittenTextChecked({
    decideMatch: async (_parent, { input }, context) => {
      const principal = await authorize(context, 'CURATOR');
      const review = input.match.length <= 200 ? await findReview(context.runner, input.match) : null;
      if (!review) throw new NotFoundError(`\`input.match\`: no review has the id "${input.match.slice(0, 100)}".`);
      if (review.status !== 'pending') throw new ConflictError(`This review was already decided (${review.status}).`, { currentStatus: review.status.toUpperCase() });
      let entityId: string | null = null;
      if (input.decision === 'ACCEPT') {
        if (!input.entity) throw new BadUserInputError('`input.entity`: ACCEPT needs the entity the record is.', { field: 'input.entity' });
        const entity = await findEntity(input.entity, context, 'Organization');
        if (!entity) throw new BadUserInputError(`\`input.entity\`: no organisation has the id, key or slug "${input.entity.slice(0, 100)}".`, { field: 'input.entity' });
        entityId = entity.id;
      } else if (input.entity) {
        throw new BadUserInputError(`\`input.entity\`: only ACCEPT names an entity.`, { field: 'input.entity' });
      }
      const status = DECIDED[input.decision];
      if (status === 'created') entityId = await createdEntityOf(context.runner, review.id);
      // Checked before the decision is recorded: a decision whose writes would be refused changes nothing.
      const origin = `decision on ${review.id} by ${principal.name}`;
      await checkedDecision(context, { id: review.id, status, entityId }, origin);
      const { result } = await inCurationTransaction(context.runner, principal, input.note ?? null, async (tx) => {
        const [row] = await tx.run(decideReview, { id: review.id, status, entityId, at: tx.at, by: principal.name });
        if (row!.before !== 'pending') throw new ConflictError(`This review was already decided (${String(row!.before)}).`, { currentStatus: String(row!.before).toUpperCase() });
        if (review.citation) tx.cite([review.citation]);
        tx.record({ action: 'DECIDED', targetKind: 'MATCH_REVIEW', target: review.id, before: { status: 'pending' }, after: { status, entity: entityId } });
        return row!.review as MatchReviewRecord;
      });
      // Applied at once, as the next import of the dataset would (which then finds it unchanged).
      await applyDecision(context.runner, { id: review.id, status, entityId }, origin);
      return result;
    },
  }),
  MatchReview: {
    record: (review) => JSON.parse(review.record) as Record<string, unknown>,
    candidates: (review) => JSON.parse(review.candidates) as MatchCandidateRecord[],
    status: (review) => review.status.toUpperCase() as 'PENDING',
    entity: (review, _args, context: Context) => (review.entityId ? context.loaders.entityById.load(review.entityId) : null),
    source: (review) => (review.citation ? parseCitation(review.citation) : null),
  },
  MatchCandidate: {
    entity: (candidate, _args, context: Context) => context.loaders.entityById.load(candidate.entityId),
  },
};
