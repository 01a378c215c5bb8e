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
   WITH collect(w) AS works
   RETURN size(works) AS total,
          [w IN works[$offset..($offset + $limit)] | w {.*, organizationIds: COLLECT { MATCH (w)<-[:AUTHORED]-(o:Entity) RETURN o.id ORDER BY o.id }}] AS page`,
);
