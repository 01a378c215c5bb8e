import { cypher, type CypherQuery } from '../database/runQuery.js';
import { cypherWeightOf } from './evidenceWeights.js';

/**
 * Every query of the network module. Relationship types in patterns come from constant
 * lists written here; values (ids, days, types to keep) are parameters.
 */
export const ENGAGEMENT_TYPES = 'PARTICIPATES_IN|LEADS|FUNDS|HOSTS|SUPPORTS|DEVELOPS|SIGNED|FOUNDED';
export const MEMBERSHIP_TYPES = 'MEMBER_OF|FOUNDING_MEMBER_OF';
export const DIRECT_TYPES = 'PARTNERS_WITH|MEMBER_OF|FOUNDING_MEMBER_OF|PART_OF|FUNDS|INCUBATED_BY|SUPPORTS|HOSTS';

const heldOnDay = (name: string) =>
  `($asOf IS NULL OR ((coalesce(${name}.sinceFrom, ${name}.inferredFrom) IS NULL OR coalesce(${name}.sinceFrom, ${name}.inferredFrom) <= $asOf) AND (${name}.untilTo IS NULL OR ${name}.untilTo >= $asOf)))`;

/**
 * Held on $asOf, and with $datedOnly only if a source dates it: a stated start (a co-publication
 * link's is the year of its first work), or the day of the event it leads to (relationshipStarts.ts). What the network views and measures count.
 */
const heldInSlice = (name: string) =>
  `(${heldOnDay(name)} AND (NOT $datedOnly OR ${name}.sinceFrom IS NOT NULL OR ${name}.inferredHow = 'EVENT_DATE'))`;

/**
 * The works a co-publication link counts in the years asked: up to the year of $asOf, from
 * $fromYear to $toYear (each may be null). `workYears[i]` has `workCounts[i]` works, `works`
 * their total. A link without counts (made by hand) counts as one.
 */
export const countedWorks = (name: string) =>
  `CASE WHEN ${name}.workYears IS NULL THEN 1 WHEN $asOf IS NULL AND $fromYear IS NULL AND $toYear IS NULL THEN ${name}.works ELSE reduce(works = 0, i IN range(0, size(${name}.workYears) - 1) | works + CASE
     WHEN ($asOf IS NULL OR ${name}.workYears[i] <= toInteger(left($asOf, 4))) AND ($fromYear IS NULL OR ${name}.workYears[i] >= $fromYear)
      AND ($toYear IS NULL OR ${name}.workYears[i] <= $toYear) THEN ${name}.workCounts[i] ELSE 0 END) END`;

/** What a piece of evidence weighs in a partner's strength (evidenceWeights.ts): its relationship's weight, the weaker side's, or the works of a co-publication link. */
const evidenceWeight = (kind: string, r1: string, r2: string) =>
  `CASE ${kind} WHEN 'CO_PUBLICATION' THEN ${countedWorks(r1)} WHEN 'DIRECT' THEN ${cypherWeightOf(r1)}
     ELSE CASE WHEN ${cypherWeightOf(r1)} < ${cypherWeightOf(r2)} THEN ${cypherWeightOf(r1)} ELSE ${cypherWeightOf(r2)} END END`;

const relationshipProjection = (name: string) => `${name} {.*, type: type(${name}), fromId: startNode(${name}).id, toId: endNode(${name}).id}`;

/**
 * Every piece of partnership evidence of `a` as rows (b, kind, via, r1, r2): shared
 * projects, shared memberships, joint units (part of both), direct links, co-publication links. With `partner`, the name
 * of an already bound organisation, only the evidence between `a` and it. With `onDay`, only
 * relationships that held on $asOf count, co-publication links only with works counted in the
 * years asked, and only the kinds in $evidenceKinds (null for all). With `inSlice` as well, only
 * relationships a source dates when $datedOnly (co-publication links are dated by their works' years).
 */
function evidenceRows(onDay: boolean, partner?: string, inSlice = false): string {
  const held = (name: string) => (onDay ? ` AND ${inSlice ? heldInSlice(name) : heldOnDay(name)}` : '');
  const kind = (name: string) => (onDay ? ` AND ($evidenceKinds IS NULL OR '${name}' IN $evidenceKinds)` : '');
  const b = partner ?? 'b';
  return `CALL (${partner ? `a, ${partner}` : 'a'}) {
       MATCH (a)-[r1:${ENGAGEMENT_TYPES}]->(via:Project)<-[r2:${ENGAGEMENT_TYPES}]-(${b}:Organization)
       WHERE ${b} <> a${held('r1')}${held('r2')}${kind('SHARED_PROJECT')}
       RETURN ${b} AS b, 'SHARED_PROJECT' AS kind, via, r1, r2
       UNION ALL
       MATCH (a)-[r1:${MEMBERSHIP_TYPES}]->(via:Organization)<-[r2:${MEMBERSHIP_TYPES}]-(${b}:Organization)
       WHERE ${b} <> a${held('r1')}${held('r2')}${kind('SHARED_MEMBERSHIP')}
       RETURN ${b} AS b, 'SHARED_MEMBERSHIP' AS kind, via, r1, r2
       UNION ALL
       MATCH (a)<-[r1:PART_OF]-(via:Organization)-[r2:PART_OF]->(${b}:Organization)
       WHERE ${b} <> a${held('r1')}${held('r2')}${kind('SHARED_UNIT')}
       RETURN ${b} AS b, 'SHARED_UNIT' AS kind, via, r1, r2
       UNION ALL
       MATCH (a)-[r1:${DIRECT_TYPES}]-(${b}:Organization)
       WHERE true${held('r1')}${kind('DIRECT')}
       RETURN ${b} AS b, 'DIRECT' AS kind, null AS via, r1, null AS r2
       UNION ALL
       MATCH (a)-[r1:CO_PUBLISHED_WITH]-(${b}:Organization)
       WHERE true${onDay ? ` AND ${countedWorks('r1')} > 0` : ''}${kind('CO_PUBLICATION')}
       RETURN ${b} AS b, 'CO_PUBLICATION' AS kind, null AS via, r1, null AS r2
     }`;
}

const evidenceProjection = `{
       kind: kind, partnerId: b.id, viaId: via.id,
       relationships: [rel IN [r1, r2] WHERE rel IS NOT NULL | ${relationshipProjection('rel')}]
     }`;

/** For each organisation, every piece of partnership evidence, whatever the day (callers filter). */
export const partnerEvidence = cypher(
  'partnerEvidence',
  'READ',
  `UNWIND $ids AS id
   MATCH (a:Entity {id: id}) WHERE a:Organization
   CALL (a) {
     ${evidenceRows(false)}
     RETURN collect(${evidenceProjection}) AS evidence
   }
   RETURN id, evidence`,
);

/**
 * The organisations' partnership network, whole: every organisation, and for each pair of
 * partners (once, the smaller key first) the strength `partners` gives them, from the same
 * evidence and weights (in the slice $asOf, $datedOnly; of $evidenceKinds). What network metrics
 * are computed on when asked for PARTNERSHIPS or CO_PUBLICATIONS.
 */
export const partnershipProjection = cypher(
  'partnershipProjection',
  'READ',
  `MATCH (a:Entity) WHERE a:Organization
   CALL (a) {
     ${evidenceRows(true, undefined, true)}
     WITH b, collect({kind: kind, via: via, r1: r1, r2: r2}) AS evidence
     WHERE a.id < b.id
     RETURN collect({partner: b.id, strength: reduce(strength = 0, e IN evidence | strength + ${evidenceWeight('e.kind', 'e.r1', 'e.r2')})}) AS partners
   }
   RETURN a.id AS id, partners`,
);

/**
 * One page of the partners of each organisation, ranked in the database: every piece of
 * evidence that held on $asOf is matched (as references), grouped by partner, ranked by
 * strength, and only the page's partners have their evidence projected. An organisation with
 * more than $keepRankingFrom partners also gets its whole ranking (keys and strengths) and the
 * data version, for the next pages (partnerRanking.ts).
 */
export const partnerPages = cypher(
  'partnerPages',
  'READ',
  `UNWIND $ids AS id
   MATCH (a:Entity {id: id}) WHERE a:Organization
   CALL (a) {
     ${evidenceRows(true)}
     WITH b, collect({kind: kind, via: via, r1: r1, r2: r2}) AS evidence
     WITH b, evidence, reduce(strength = 0, e IN evidence | strength + ${evidenceWeight('e.kind', 'e.r1', 'e.r2')}) AS strength
     ORDER BY strength DESC, b.id
     WITH collect({b: b, strength: strength, evidence: evidence}) AS ranked
     WITH size(ranked) AS total, ranked[$offset..($offset + $limit)] AS slice,
          CASE WHEN size(ranked) > $keepRankingFrom THEN {ids: [x IN ranked | x.b.id], strengths: [x IN ranked | x.strength]} END AS ranking
     UNWIND CASE WHEN size(slice) = 0 THEN [null] ELSE slice END AS x
     UNWIND CASE WHEN x IS NULL THEN [null] ELSE x.evidence END AS e
     WITH total, ranking, x.b AS b, x.strength AS strength, e.kind AS kind, e.via AS via, e.r1 AS r1, e.r2 AS r2
     WITH total, ranking, b.id AS partnerId, strength, collect(CASE WHEN kind IS NULL THEN null ELSE ${evidenceProjection} END) AS evidence
     ORDER BY strength DESC, partnerId
     RETURN total, ranking, collect(CASE WHEN partnerId IS NULL THEN null ELSE {organizationId: partnerId, strength: strength, evidence: evidence} END) AS page
   }
   OPTIONAL MATCH (meta:GraphMeta {id: 'graph'})
   RETURN id, total, page, ranking, coalesce(meta.version, 0) AS version`,
);

/**
 * The page of partners of a ranking read before (partnerRanking.ts): for each request, the
 * evidence between the organisation and each partner of the page (in page order), and the data
 * version, so that the caller knows whether the ranking still holds.
 */
export const rankedPartnerPages = cypher(
  'rankedPartnerPages',
  'READ',
  `UNWIND $requests AS request
   MATCH (a:Entity {id: request.id}) WHERE a:Organization
   CALL (a, request) {
     UNWIND range(0, size(request.partners) - 1) AS position
     MATCH (partner:Entity {id: request.partners[position]})
     ${evidenceRows(true, 'partner')}
     WITH position, b, kind, via, r1, r2
     WITH position, b.id AS partnerId, collect(${evidenceProjection}) AS evidence
     ORDER BY position
     RETURN collect({organizationId: partnerId, strength: request.strengths[position], evidence: evidence}) AS page
   }
   OPTIONAL MATCH (meta:GraphMeta {id: 'graph'})
   RETURN request.id AS id, page, coalesce(meta.version, 0) AS version`,
);

/**
 * Candidates to complete a set of organisations, ranked in the database: the partners of
 * every member (evidence that held on $asOf, as references), outside the set and $exclude,
 * and not a sub-unit or a parent of a member (the joint unit of two members is not a partner
 * to bring in),
 * of the kinds and themes asked, grouped by candidate and member, ranked by how many
 * members they work with, then by evidence, then by key. Only the page's candidates are
 * projected, with their evidence per member (in the order of $members).
 */
export const candidatePage = cypher(
  'candidatePage',
  'READ',
  `UNWIND range(0, size($members) - 1) AS memberIndex
   MATCH (a:Entity {id: $members[memberIndex]}) WHERE a:Organization
   ${evidenceRows(true)}
   WITH memberIndex, a, b, kind, via, r1, r2
   WHERE NOT b.id IN $members AND NOT b.id IN $exclude
     AND NOT EXISTS { MATCH (b)-[:PART_OF]-(member:Entity) WHERE member.id IN $members }
     AND ($kinds IS NULL OR b.kind IN $kinds)
     AND ($themes IS NULL OR any(t IN coalesce(b.themes, []) WHERE t IN $themes))
   WITH b, memberIndex, a.id AS withId, collect({kind: kind, via: via, r1: r1, r2: r2}) AS items
   ORDER BY memberIndex
   WITH b, collect({withId: withId, items: items}) AS perMember,
        sum(reduce(weight = 0, e IN items | weight + ${evidenceWeight('e.kind', 'e.r1', 'e.r2')})) AS strength
   WITH b, perMember, size(perMember) AS connectedTo, strength
   ORDER BY connectedTo DESC, strength DESC, b.id
   SKIP $offset
   LIMIT $limit
   RETURN b {.*, label: 'Organization'} AS organization, connectedTo, strength,
          [member IN perMember | {
            withId: member.withId,
            evidence: [e IN member.items | {
              kind: e.kind, partnerId: b.id, viaId: e.via.id,
              relationships: [rel IN [e.r1, e.r2] WHERE rel IS NOT NULL | ${relationshipProjection('rel')}]
            }]
          }] AS evidence`,
);

/**
 * Organisations of the kinds and themes asked that have no link at all with the set (no
 * relationship with a member, no shared project or membership): the actors a consortium
 * builder would not see among the candidates. Most connected in the whole graph first.
 */
export const unconnectedPage = cypher(
  'unconnectedPage',
  'READ',
  `MATCH (b:Organization)
   WHERE NOT b.id IN $members AND NOT b.id IN $exclude
     AND ($kinds IS NULL OR b.kind IN $kinds)
     AND ($themes IS NULL OR any(t IN coalesce(b.themes, []) WHERE t IN $themes))
     AND NOT EXISTS { MATCH (b)-[r]-(m:Entity) WHERE m.id IN $members AND type(r) <> 'AUTHORED' }
     AND NOT EXISTS { MATCH (b)-[:${ENGAGEMENT_TYPES}]->(:Project)<-[:${ENGAGEMENT_TYPES}]-(m:Entity) WHERE m.id IN $members }
     AND NOT EXISTS { MATCH (b)-[:${MEMBERSHIP_TYPES}]->(:Organization)<-[:${MEMBERSHIP_TYPES}]-(m:Entity) WHERE m.id IN $members }
   WITH b, COUNT { (b)--(:Entity) } AS degree
   ORDER BY degree DESC, b.id
   LIMIT $limit
   RETURN b {.*, label: 'Organization'} AS organization`,
);

export const MAX_HOPS = 6;

function pathQuery(kind: 'shortestPath' | 'allShortestPaths', hops: number): CypherQuery {
  return cypher(
    `${kind}Within${hops}`,
    'READ',
    `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
     MATCH p = ${kind}((a)-[*..${hops}]-(b))
     WHERE all(r IN relationships(p) WHERE ($types IS NULL OR type(r) IN $types) AND ${heldOnDay('r')})
       AND all(n IN nodes(p) WHERE n:Entity)
     WITH p LIMIT $limit
     RETURN [n IN nodes(p) | n {.*, label: [l IN labels(n) WHERE l <> 'Entity'][0]}] AS nodes,
            [r IN relationships(p) | ${relationshipProjection('r')}] AS relationships`,
  );
}

/** One constant text per bound of hops (a pattern's bound cannot be a parameter). */
export const shortestPathQueries = Array.from({ length: MAX_HOPS }, (_, i) => pathQuery('shortestPath', i + 1));
export const allShortestPathsQueries = Array.from({ length: MAX_HOPS }, (_, i) => pathQuery('allShortestPaths', i + 1));

/**
 * The keys of the `limit` + 1 most connected entities matching the filter (the extra one
 * tells that the map is truncated), with the data version they were read at. "Most
 * connected" counts the relationships stored on each node, read from the degree store
 * without expanding them; the API keeps the ranking per data version (MetricsCache), since
 * it reads every entity of the graph.
 */
export const mapRanking = cypher(
  'mapRanking',
  'READ',
  `CALL () {
     MATCH (n:Entity)
     WHERE ($labels IS NULL OR any(l IN labels(n) WHERE l IN $labels))
       AND ($themes IS NULL OR any(t IN n.themes WHERE t IN $themes))
       AND ($received IS NULL OR n.id IN $received OR EXISTS { (n)-[:RECEIVED]->(l:Label) WHERE l.id IN $received })
     WITH n, CASE WHEN $types IS NULL THEN COUNT { (n)--() } - COUNT { (n)-[:AUTHORED]->() } ELSE COUNT { (n)-[r]-() WHERE type(r) IN $types } END AS degree
     WHERE $types IS NULL OR degree > 0
     WITH n ORDER BY degree DESC, n.id
     LIMIT $limit + 1
     RETURN collect(n.id) AS ids
   }
   OPTIONAL MATCH (meta:GraphMeta {id: 'graph'})
   RETURN ids, coalesce(meta.version, 0) AS version`,
);

/** The whole graph, lightly: what centrality and communities need. */
export const wholeGraph = cypher(
  'wholeGraph',
  'READ',
  `MATCH (n:Entity)
   OPTIONAL MATCH (n)-[r]->(m:Entity) WHERE ${heldInSlice('r')}
   RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, collect(m.id) AS targets`,
);

/** Every entity, lightly, for the graph's structure in memory (adjacency.ts). */
export const adjacencyNodes = cypher('adjacencyNodes', 'READ', `MATCH (n:Entity) RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.sortName AS sortName`);

/** Every relationship between two entities, lightly: its key, type, ends, the days it holds and whether a source dates it (as heldInSlice reads them). */
export const adjacencyRelationships = cypher(
  'adjacencyRelationships',
  'READ',
  `MATCH (a:Entity)-[r]->(b:Entity)
   RETURN r.id AS id, type(r) AS type, a.id AS fromId, b.id AS toId, coalesce(r.sinceFrom, r.inferredFrom) AS heldFrom, r.untilTo AS heldTo,
          r.sinceFrom IS NOT NULL OR r.inferredHow = 'EVENT_DATE' AS dated`,
);

export const graphVersion = cypher('graphVersion', 'READ', "OPTIONAL MATCH (m:GraphMeta {id: 'graph'}) RETURN coalesce(m.version, 0) AS version");

const entityProjection = (name: string) => `${name} {.*, label: [l IN labels(${name}) WHERE l <> 'Entity'][0]}`;

/** A relationship with every property, or with only those of $relationshipKeys (as `values`, in their order; withValues reads them). */
const projectedRelationship = (name: string) => `CASE WHEN $relationshipKeys IS NULL THEN ${relationshipProjection(name)}
       ELSE {id: ${name}.id, type: type(${name}), fromId: startNode(${name}).id, toId: endNode(${name}).id, values: [k IN $relationshipKeys | ${name}[k]]} END`;

/** The entities of $ids that exist, in that order, with every property or only those of $entityKeys. */
const entitiesOfIds = `CALL () {
     UNWIND $ids AS id
     MATCH (a:Entity {id: id})
     RETURN collect(CASE WHEN $entityKeys IS NULL THEN ${entityProjection('a')}
       ELSE {id: a.id, label: [l IN labels(a) WHERE l <> 'Entity'][0], values: [k IN $entityKeys | a[k]]} END) AS entities
   }`;
const relationshipFilter = `($types IS NULL OR type(r) IN $types) AND ${heldInSlice('r')}`;
const egoFilter = `${relationshipFilter} AND ($labels IS NULL OR any(l IN labels(m) WHERE l IN $labels))`;

/**
 * One breadth-first step of an ego network: the keys at the other ends of at most $cap
 * relationships of each entity that match the filters and lead outside $kept (a map from key
 * to true), by type then name (the sort keeps the best $cap as it goes, so a hub costs one
 * pass over its relationships). Only keys leave the database: most of them are not kept, and
 * the kept ones are read with the last step.
 */
export const egoStep = cypher(
  'egoStep',
  'READ',
  `UNWIND $ids AS id
   MATCH (n:Entity {id: id})
   CALL (n) {
     MATCH (n)-[r]-(m:Entity)
     WHERE $kept[m.id] IS NULL AND ${egoFilter}
     WITH r, m ORDER BY type(r), m.sortName, r.id
     LIMIT $cap
     RETURN m.id AS otherId
   }
   RETURN id, collect(otherId) AS otherIds`,
);

/**
 * Whether any of the entities $ids has a matching relationship to an entity outside $kept (a
 * map from key to true). It stops at the first one found, with no order to keep, so a hub
 * costs no more than a small node unless every neighbour is already kept.
 */
export const egoReachesBeyond = cypher(
  'egoReachesBeyond',
  'READ',
  `OPTIONAL CALL () {
     UNWIND $ids AS id
     MATCH (n:Entity {id: id})-[r]-(m:Entity)
     WHERE $kept[m.id] IS NULL AND ${egoFilter}
     RETURN m LIMIT 1
   }
   RETURN m IS NOT NULL AS reaches`,
);

/**
 * The entities of a set and the relationships among them (the last step of an ego network,
 * and a map of ranked entities), with the data version they were read at.
 * Every relationship among the set is an outgoing relationship of one of its members, so only
 * outgoing relationships are read: the most connected entities (projects, networks) are hubs
 * of incoming relationships, and reading those too cost ten times more at 100,000
 * organisations. An entity with at most $expandLimit outgoing relationships reads them all and
 * keeps those whose end is in $kept (a map from key to true: a hash lookup, where `IN $ids`
 * would scan the list for every relationship); an entity with more is joined to each member
 * directly (Expand(Into)), so no hub is ever read in full. The members were chosen by the
 * caller's filters, so only the relationship filters (types, day) apply here. With $entityKeys
 * or $relationshipKeys, only those properties are projected (the fields the operation shows: a
 * map that draws keys and types need not decode every name, alias and citation).
 */
export const relationshipsAmong = cypher(
  'relationshipsAmong',
  'READ',
  `${entitiesOfIds}
   CALL () {
     UNWIND $ids AS id
     MATCH (a:Entity {id: id})
     WITH a, COUNT { (a)-->() } <= $expandLimit AS small
     CALL (a, small) {
       WITH a WHERE small
       MATCH (a)-[r]->(m:Entity)
       WHERE $kept[m.id] IS NOT NULL AND ${relationshipFilter}
       RETURN r
       UNION ALL
       WITH a WHERE NOT small
       UNWIND $ids AS otherId
       MATCH (m:Entity {id: otherId})
       MATCH (a)-[r]->(m)
       WHERE ${relationshipFilter}
       RETURN r
     }
     RETURN collect(${projectedRelationship('r')}) AS relationships
   }
   OPTIONAL MATCH (meta:GraphMeta {id: 'graph'})
   RETURN entities, relationships, coalesce(meta.version, 0) AS version`,
);

/**
 * What a subgraph found in memory (adjacency.ts) shows of its entities and relationships: the
 * entities of $ids (in that order) and the relationships of $links (each [from, to, key], in that
 * order), with only the properties $entityKeys and $relationshipKeys name (all when null). A
 * relationship is found between its two ends (Expand(Into), from the end with fewer), never by
 * a scan of its type.
 */
export const subgraphProperties = cypher(
  'subgraphProperties',
  'READ',
  `${entitiesOfIds}
   CALL () {
     UNWIND $links AS link
     MATCH (a:Entity {id: link[0]})
     MATCH (b:Entity {id: link[1]})
     MATCH (a)-[r]->(b) WHERE r.id = link[2]
     RETURN collect(${projectedRelationship('r')}) AS relationships
   }
   RETURN entities, relationships`,
);

/**
 * One page of the co-publishing partners of an organisation: its co-publication links with
 * works in the years asked ($fromYear..$toYear, up to $asOf's year), of the $topics asked (a
 * link whose leading topics include one), most works first, then by key; with the whole
 * ranking when there are more than $keepRankingFrom (partnerRanking.ts).
 */
export const coPublicationPage = cypher(
  'coPublicationPage',
  'READ',
  `MATCH (a:Entity {id: $id})-[r:CO_PUBLISHED_WITH]-(b:Organization)
   WHERE $topics IS NULL OR any(topic IN coalesce(r.topicNames, []) WHERE topic IN $topics)
   WITH b, r, ${countedWorks('r')} AS works
   WHERE works > 0
   WITH b, r, works ORDER BY works DESC, b.id
   WITH collect({b: b, r: r, works: works}) AS links
   WITH size(links) AS total, links[$offset..($offset + $limit)] AS slice,
        CASE WHEN size(links) > $keepRankingFrom THEN {ids: [link IN links | link.b.id], strengths: [link IN links | link.works]} END AS ranking
   UNWIND CASE WHEN size(slice) = 0 THEN [null] ELSE slice END AS link
   WITH total, ranking, link, link.b AS b, link.r AS r
   WITH total, ranking, collect(CASE WHEN link IS NULL THEN null ELSE {
            partner: b {.*, label: 'Organization'}, works: link.works, relationship: ${relationshipProjection('r')}
          } END) AS page
   OPTIONAL MATCH (meta:GraphMeta {id: 'graph'})
   RETURN total, page, ranking, coalesce(meta.version, 0) AS version`,
);

/** The co-publishing partners of a ranking read before (partnerRanking.ts), in its order, with their links, and the data version. */
export const rankedCoPublicationPage = cypher(
  'rankedCoPublicationPage',
  'READ',
  `MATCH (a:Entity {id: $id})
   CALL (a) {
     UNWIND range(0, size($partners) - 1) AS position
     MATCH (b:Entity {id: $partners[position]})
     MATCH (a)-[r:CO_PUBLISHED_WITH]-(b)
     WITH position, b, r ORDER BY position
     RETURN collect({partner: b {.*, label: 'Organization'}, works: $strengths[position], relationship: ${relationshipProjection('r')}}) AS page
   }
   OPTIONAL MATCH (meta:GraphMeta {id: 'graph'})
   RETURN page, coalesce(meta.version, 0) AS version`,
);

/** Relationships of each entity in the slice ($asOf, $datedOnly): its degree in a slice of time, for exports of one. */
export const degreesOnDay = cypher(
  'degreesOnDay',
  'READ',
  `UNWIND $ids AS id
   MATCH (n:Entity {id: id})
   RETURN id, COUNT { (n)-[r]-(:Entity) WHERE ${heldInSlice('r')} } AS degree`,
);
