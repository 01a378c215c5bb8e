import { cypher, type CypherQuery } from '../../database/runQuery.js';
import { ENTITY_LABELS, RELATIONSHIP_TYPES, type EntityLabel } from './relationshipTypes.js';

/** Every query of the entity domain. Values are parameters; labels come from the closed list. */
const entityProjection = `n {.*, label: [l IN labels(n) WHERE l <> 'Entity'][0]}`;

/** Entities by key; the key of an entity merged into another leads to that other one. */
export const entitiesByIds = cypher(
  'entitiesByIds',
  'READ',
  `UNWIND $ids AS id
   OPTIONAL MATCH (live:Entity {id: id})
   OPTIONAL MATCH (merged:Retired {id: id}) WHERE live IS NULL AND merged.mergedInto IS NOT NULL
   OPTIONAL MATCH (keeper:Entity {id: merged.mergedInto})
   WITH id, coalesce(live, keeper) AS n
   WHERE n IS NOT NULL
   RETURN id, ${entityProjection} AS entity`,
);

export const entitiesBySlugs = Object.fromEntries(
  ENTITY_LABELS.map((label) => [
    label,
    cypher(
      `${label.toLowerCase()}sBySlugs`,
      'READ',
      `UNWIND $slugs AS slug
       MATCH (n:${label} {slug: slug})
       RETURN ${entityProjection} AS entity`,
    ),
  ]),
) as Record<EntityLabel, CypherQuery>;

/**
 * All relationships of each entity, with the entity at the other end (so the loader of
 * entities is primed and the next level costs no extra round trip for them).
 */
export const relationshipsOfEntities = cypher(
  'relationshipsOfEntities',
  'READ',
  `UNWIND $ids AS id
   MATCH (n:Entity {id: id})
   OPTIONAL MATCH (n)-[r]-(m:Entity)
   WITH id, r, m
   ORDER BY type(r), m.sortName
   RETURN id, [x IN collect(CASE WHEN r IS NULL THEN null ELSE {
     relationship: r {.*, type: type(r), fromId: startNode(r).id, toId: endNode(r).id},
     other: m {.*, label: [l IN labels(m) WHERE l <> 'Entity'][0]}
   } END) WHERE x IS NOT NULL] AS links`,
);

/**
 * One page of the relationships of each entity that match a selection (types, direction,
 * kind at the other end, role, day), with the number of all that match. Only the page is
 * projected.
 *
 * Each type is its own typed, directed branch (skipped unless asked for), so that Neo4j
 * expands only the relationships of that type and direction. Order: by type, then by the
 * other end's name when at most $sortLimit relationships match; beyond that (the hubs of a
 * large graph, with tens of thousands of participants) sorting every match to show twenty
 * costs more than the page is worth, so the page follows storage order within each type,
 * which is stable while the graph does not change. One text per direction.
 */
function relationshipPageQuery(direction: 'OUTGOING' | 'INCOMING' | 'BOTH'): CypherQuery {
  const arrow = (type: string) =>
    direction === 'OUTGOING' ? `(n)-[r:${type}]->(m:Entity)` : direction === 'INCOMING' ? `(n)<-[r:${type}]-(m:Entity)` : `(n)-[r:${type}]-(m:Entity)`;
  const matches = `CALL (n) {
         ${RELATIONSHIP_TYPES.map((type) => `WITH n WHERE $types IS NULL OR '${type}' IN $types MATCH ${arrow(type)} RETURN r, m`).join('\n         UNION ALL\n         ')}
       }
       WITH r, m
       WHERE ($labels IS NULL OR any(l IN labels(m) WHERE l IN $labels))
         AND ($role IS NULL OR toLower(r.role) = $role)
         AND ($asOf IS NULL OR ((r.sinceFrom IS NULL OR r.sinceFrom <= $asOf) AND (r.untilTo IS NULL OR r.untilTo >= $asOf)))`;
  return cypher(
    `relationshipPages${direction}`,
    'READ',
    `UNWIND $ids AS id
     MATCH (n:Entity {id: id})
     CALL (n) {
       ${matches}
       RETURN count(r) AS total
     }
     OPTIONAL CALL (n, total) {
       WITH n WHERE total <= $sortLimit
       ${matches}
       WITH r, m ORDER BY type(r), m.sortName, r.id
       SKIP $offset LIMIT $limit
       RETURN r AS pr, m AS pm
       UNION ALL
       WITH n WHERE total > $sortLimit
       ${matches}
       WITH r, m SKIP $offset LIMIT $limit
       RETURN r AS pr, m AS pm
     }
     RETURN id, total, collect(CASE WHEN pr IS NULL THEN null ELSE {
       relationship: pr {.*, type: type(pr), fromId: startNode(pr).id, toId: endNode(pr).id},
       other: pm {.*, label: [l IN labels(pm) WHERE l <> 'Entity'][0]}
     } END) AS page`,
  );
}

/** Above this many matching relationships, a page is not sorted by name (see relationshipPageQuery). */
export const SORTED_PAGE_LIMIT = 2_000;

export const relationshipPages = {
  OUTGOING: relationshipPageQuery('OUTGOING'),
  INCOMING: relationshipPageQuery('INCOMING'),
  BOTH: relationshipPageQuery('BOTH'),
};

export const claimsAbout = cypher(
  'claimsAbout',
  'READ',
  `UNWIND $ids AS id
   OPTIONAL MATCH (c:Claim)-[:ABOUT]->(:Entity {id: id})
   WITH id, c ORDER BY c.property, c.value
   RETURN id, collect(c {.*}) AS claims`,
);

export const degreesOf = cypher(
  'degreesOf',
  'READ',
  `UNWIND $ids AS id
   MATCH (n:Entity {id: id})
   RETURN id, COUNT { (n)-[]-(:Entity) } AS degree`,
);

const listFilter = `
  ($kinds IS NULL OR n.kind IN $kinds)
  AND ($themes IS NULL OR any(t IN n.themes WHERE t IN $themes))
  AND ($city IS NULL OR toLower(n.city) = toLower($city))
  AND ($label IS NULL OR EXISTS { (n)-[:RECEIVED]->(:Label {id: $label}) })
  AND ($relatedTo IS NULL OR EXISTS { (n)--(:Entity {id: $relatedTo}) })
  AND ($startedAfter IS NULL OR n.startTo >= $startedAfter)
  AND ($startedBefore IS NULL OR n.startFrom <= $startedBefore)
  AND ($activeOn IS NULL OR ((n.startFrom IS NULL OR n.startFrom <= $activeOn) AND (n.endTo IS NULL OR n.endTo >= $activeOn)))`;

/** One page of a filtered, sorted list of one kind, and the count of the whole list. */
export const listEntities = Object.fromEntries(
  ENTITY_LABELS.map((label) => [
    label,
    cypher(
      `list${label}s`,
      'READ',
      `MATCH (n:${label})
       WHERE ${listFilter}
       WITH n, CASE WHEN $order = 'DEGREE' THEN COUNT { (n)--(:Entity) } ELSE 0 END AS degree
       ORDER BY degree DESC,
                CASE WHEN $order = 'START_DATE' THEN coalesce(n.startFrom, '9999-99-99') ELSE '' END,
                n.sortName, n.id
       WITH collect(n) AS matched
       RETURN size(matched) AS total,
              [n IN matched[$offset..($offset + $limit)] | ${entityProjection}] AS page`,
    ),
  ]),
) as Record<EntityLabel, CypherQuery>;

export const searchEntities = cypher(
  'searchEntities',
  'READ',
  `CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node AS n, score
   WITH n, score, [l IN labels(n) WHERE l <> 'Entity'][0] AS label
   WHERE $labels IS NULL OR label IN $labels
   WITH collect({entity: ${entityProjection}, score: score}) AS hits
   RETURN size(hits) AS total, hits[$offset..($offset + $limit)] AS page`,
);
