import { cypher } from '../../database/runQuery.js';

/**
 * When a relationship no source dates began, for time slices (`asOf`). An undated relationship
 * used to count as open for ever: a participation in a 2023 council session was in force in
 * 2020. Where no source gives its `since`, its start is inferred and marked so:
 * - EVENT_DATE: it leads to an event of known date (took part in, organised, presented at): the
 *   event's first day (`startFrom`);
 * - SOURCE_PUBLISHED: else, the publication of the earliest source that states it (it held by
 *   then at the latest), at the precision the source gives (`2025-02` counts from 1 February).
 * A stated `since` always wins; nothing dated stays undated (it counts every day). The inferred
 * day is `inferredFrom`, how it was found `inferredHow`; the API gives both as `heldFrom` and
 * `heldFromInference`.
 *
 * `inferStart(r, b)` is Cypher for every query that writes a relationship (imports, curation;
 * r the relationship, b its end); the backfill gives a start, once, to those written before.
 */
const firstDay = (date: string) => `CASE size(${date}) WHEN 4 THEN ${date} + '-01-01' WHEN 7 THEN ${date} + '-01' ELSE ${date} END`;

export const inferStart = (r: string, b: string) => `WITH ${r}, ${b}
         OPTIONAL MATCH (cited:Source) WHERE cited.id IN [c IN coalesce(${r}.citations, []) | split(c, '#')[0]] AND cited.published IS NOT NULL
         WITH ${r}, ${b}, min(cited.published) AS published
         WITH ${r}, CASE WHEN ${r}.since IS NOT NULL THEN null WHEN ${b}:Event AND ${b}.startFrom IS NOT NULL THEN 'EVENT_DATE' WHEN published IS NOT NULL THEN 'SOURCE_PUBLISHED' END AS how,
              CASE WHEN ${b}:Event AND ${b}.startFrom IS NOT NULL THEN ${b}.startFrom ELSE published END AS inferredFrom
         SET ${r}.inferredHow = how, ${r}.inferredFrom = CASE WHEN how IS NULL THEN null ELSE ${firstDay('inferredFrom')} END`;

/**
 * Gives an inferred start to every undated relationship of a database written before starts
 * were inferred, once: the graph's metadata remembers it was done (every write since infers,
 * imports and curation alike), so a start does not scan the relationships again.
 */
export const backfillInferredStarts = cypher(
  'backfillInferredStarts',
  'WRITE',
  `MERGE (meta:GraphMeta {id: 'graph'})
   WITH meta WHERE meta.inferredStarts IS NULL
   CALL () {
     MATCH ()-[r]->(b) WHERE r.since IS NULL AND r.inferredHow IS NULL AND r.citations IS NOT NULL
     CALL (r, b) {
       ${inferStart('r', 'b')}
     }
   }
   SET meta.inferredStarts = true
   RETURN meta.inferredStarts AS done`,
);
