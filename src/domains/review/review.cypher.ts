import { keysetSliceOf } from '../../database/keysetCypher.js';
import { cypher } from '../../database/runQuery.js';

/** Every query of the review queue of entity resolution. Values are parameters; what a decision writes (`apply`) is read by the import side only. */
const projection = 'r {.*, apply: null}';

export const reviewPage = cypher(
  'reviewPage',
  'READ',
  `MATCH (r:MatchReview)
   WHERE r.status = $status AND ($dataset IS NULL OR r.dataset = $dataset)
   WITH r ORDER BY r.queuedAt, r.id
   WITH collect({key: [r.queuedAt, r.id], review: ${projection}}) AS reviews
   ${keysetSliceOf('reviews', 2)}
   RETURN total, page`,
);

export const reviewById = cypher('reviewById', 'READ', `MATCH (r:MatchReview {id: $id}) RETURN ${projection} AS review`);

/** Decides a pending review, if it still is one (two curators deciding at once: one wins). */
export const decideReview = cypher(
  'decideReview',
  'WRITE',
  `MATCH (r:MatchReview {id: $id})
   WITH r, r.status AS before
   FOREACH (_ IN CASE WHEN before = 'pending' THEN [1] ELSE [] END |
     SET r.status = $status, r.entityId = $entityId, r.decidedAt = $at, r.decidedBy = $by)
   RETURN ${projection} AS review, before`,
);

export const organizationExists = cypher('organizationExists', 'READ', 'MATCH (n:Organization {id: $id}) RETURN n.id AS id');
