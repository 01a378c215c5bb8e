import { cypher } from '../../database/runQuery.js';

/** Every query of entity resolution and its review queue. Values are parameters. */

/** What resolution compares incoming organisations with: every live organisation's names and identifiers. */
export const organizationsForResolution = cypher(
  'organizationsForResolution',
  'READ',
  `MATCH (n:Organization)
   RETURN n.id AS id, n.name AS name, [n.name] + coalesce(n.aliasesFr, []) + coalesce(n.aliasesEn, []) + coalesce(n.formerNames, []) AS names,
          {cordisId: n.cordisId, vat: n.vat, ror: n.ror, wikidata: n.wikidata} AS identifiers, n.city AS city`,
);

/** The review items of a dataset: pending ones and remembered decisions. */
export const reviewsOfDataset = cypher(
  'reviewsOfDataset',
  'READ',
  `MATCH (r:MatchReview {dataset: $dataset})
   RETURN r.recordId AS recordId, r.status AS status, r.entityId AS entityId`,
);

/**
 * Queues the records resolution could not decide: a new item is pending; a pending one gets
 * the record and candidates of this run; a decided one is left as the curator decided it.
 */
export const queueReviews = cypher(
  'queueReviews',
  'WRITE',
  `UNWIND $rows AS row
   MERGE (r:MatchReview {id: row.id})
   ON CREATE SET r.status = 'pending', r.queuedAt = $at, r.dataset = row.dataset, r.recordId = row.recordId
   WITH r, row WHERE r.status = 'pending'
   SET r.record = row.record, r.candidates = row.candidates, r.citation = row.citation, r.updatedAt = $at
   RETURN count(r) AS queued`,
);

/**
 * Adds the identifiers of a sure match to an organisation that does not have them yet, so
 * that the next import matches it by identifier. Only absent identifiers are written: one a
 * curator or an earlier import set is never replaced.
 */
export const addIdentifiers = cypher(
  'addIdentifiers',
  'WRITE',
  `UNWIND $rows AS row
   MATCH (n:Organization {id: row.id})
   WITH n, row, n.cordisId IS NULL AND row.cordisId IS NOT NULL OR n.vat IS NULL AND row.vat IS NOT NULL OR n.country IS NULL AND row.country IS NOT NULL
             OR n.ror IS NULL AND row.ror IS NOT NULL OR n.wikidata IS NULL AND row.wikidata IS NOT NULL AS adds
   SET n.cordisId = coalesce(n.cordisId, row.cordisId), n.vat = coalesce(n.vat, row.vat), n.country = coalesce(n.country, row.country),
       n.ror = coalesce(n.ror, row.ror), n.wikidata = coalesce(n.wikidata, row.wikidata)
   RETURN sum(CASE WHEN adds THEN 1 ELSE 0 END) AS enriched`,
);
