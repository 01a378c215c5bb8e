import { keysetSliceOf } from '../../database/keysetCypher.js';
import { cypher } from '../../database/runQuery.js';

/** Every query of the source domain. Values are parameters. */
export const sourcesByIds = cypher('sourcesByIds', 'READ', 'UNWIND $ids AS id MATCH (s:Source {id: id}) RETURN s {.*} AS source');
export const allSources = cypher('allSources', 'READ', 'MATCH (s:Source) RETURN s {.*} AS source ORDER BY s.id LIMIT 1000');

/** One page of every source, in key order, and how many there are. */
export const sourcePage = cypher(
  'sourcePage',
  'READ',
  `MATCH (s:Source) WITH count(s) AS total
   CALL { MATCH (s:Source) RETURN s ORDER BY s.id SKIP $offset LIMIT $limit }
   RETURN total, collect(s {.*}) AS sources`,
);

/** One page of the sources matching a Lucene query, best first, and how many match. */
export const searchSourcePage = cypher(
  'searchSourcePage',
  'READ',
  `CALL db.index.fulltext.queryNodes('source_search', $query) YIELD node WITH count(node) AS total
   CALL { CALL db.index.fulltext.queryNodes('source_search', $query) YIELD node, score
          RETURN node ORDER BY score DESC, node.id SKIP $offset LIMIT $limit }
   RETURN total, collect(node {.*}) AS sources`,
);

/** Sources whose title, publisher or official number match a Lucene query, best first. */
export const searchSources = cypher(
  'searchSources',
  'READ',
  `CALL db.index.fulltext.queryNodes('source_search', $query) YIELD node, score
   RETURN node {.*} AS source
   ORDER BY score DESC, node.id
   LIMIT 100`,
);

/**
 * One page of what cites a source (`$prefix` is `<source id>#`): entities first, then
 * relationships between live entities, each by key, one row per citation. Citations are
 * properties, so this reads every entity and relationship; with a graph of open-data imports
 * a CITES relationship per citation would make it an index walk.
 */
export const citationsOfSource = cypher(
  'citationsOfSource',
  'READ',
  `CALL () {
     MATCH (n:Entity) WHERE any(c IN n.citations WHERE c STARTS WITH $prefix)
     UNWIND [c IN n.citations WHERE c STARTS WITH $prefix] AS citation
     RETURN 0 AS rank, n.id AS key, citation, n {.*, label: [l IN labels(n) WHERE l <> 'Entity'][0]} AS entity, null AS relationship
     UNION ALL
     MATCH (:Entity)-[r]->(:Entity) WHERE any(c IN r.citations WHERE c STARTS WITH $prefix)
     UNWIND [c IN r.citations WHERE c STARTS WITH $prefix] AS citation
     RETURN 1 AS rank, r.id AS key, citation, null AS entity,
            r {.*, type: type(r), fromId: startNode(r).id, toId: endNode(r).id} AS relationship
   }
   WITH rank, key, citation, entity, relationship ORDER BY rank, key, citation
   WITH collect({key: [rank, key, citation], locator: substring(citation, size($prefix)), entity: entity, relationship: relationship}) AS citing
   ${keysetSliceOf('citing', 3)}
   RETURN total, page`,
);
