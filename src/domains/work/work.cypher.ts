import { keysetSliceOf } from '../../database/keysetCypher.js';
import { cypher } from '../../database/runQuery.js';

/**
 * Every query of stored works: OpenAlex works kept as `Work` nodes by `import:openalex
 * --store-works`, each linked to the organisations of the graph among its authors'
 * institutions by `(:Organization)-[:AUTHORED]->(:Work)`. Works are records of a dataset,
 * not entities: no curation, no history, never counted among an entity's relationships.
 */

/** One page of an organisation's works (with another organisation, in the years asked), newest first. */
export const worksPage = cypher(
  'worksPage',
  'READ',
  `MATCH (a:Entity {id: $id})-[:AUTHORED]->(w:Work)
   WHERE ($fromYear IS NULL OR w.year >= $fromYear) AND ($toYear IS NULL OR w.year <= $toYear)
     AND ($with IS NULL OR EXISTS { (w)<-[:AUTHORED]-(:Entity {id: $with}) })
   WITH w ORDER BY w.year DESC, w.number
   WITH collect({key: [-w.year, w.number], work: w}) AS works
   ${keysetSliceOf('works', 2)}
   CALL (page) {
     UNWIND page AS row
     WITH row, row.work AS w
     RETURN collect({key: row.key, work: w {.*, organizationIds: COLLECT { MATCH (w)<-[:AUTHORED]-(o:Entity) RETURN o.id ORDER BY o.id }}}) AS works
   }
   RETURN total, works AS page`,
);
