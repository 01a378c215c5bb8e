import { cypher, type CypherQuery } from '../../database/runQuery.js';
import { relationshipUnderKeyOrRename } from '../entity/entity.cypher.js';
import { inferStart } from '../entity/relationshipStarts.js';
import { ENTITY_LABELS, RELATIONSHIP_TYPES, type EntityLabel, type RelationshipTypeName } from '../entity/relationshipTypes.js';

/**
 * Every query of curation. Labels and relationship types come from the closed lists (the
 * dynamic `$(...)` forms only ever receive a value checked against them first).
 */
const entityProjection = `n {.*, label: [l IN labels(n) WHERE l <> 'Entity'][0]}`;
const relationshipProjection = `r {.*, type: type(r), fromId: startNode(r).id, toId: endNode(r).id}`;

/**
 * Opens every curation transaction: takes the write lock on the graph's meta node (so
 * changes are numbered in commit order and the change feed never sees a gap filled later)
 * and bumps the data version that caches of graph-wide results watch.
 */
export const lockGraph = cypher(
  'lockGraph',
  'WRITE',
  `MERGE (m:GraphMeta {id: 'graph'})
   SET m.version = coalesce(m.version, 0) + 1, m.changedAt = datetime()
   RETURN coalesce(m.changeSeq, 0) AS sequence`,
);

export const writeChanges = cypher(
  'writeChanges',
  'WRITE',
  `MATCH (m:GraphMeta {id: 'graph'})
   SET m.changeSeq = $last
   WITH m
   UNWIND $changes AS change
   CREATE (c:Change)
   SET c = change
   RETURN count(c) AS written`,
);

/**
 * Opens every import batch's transaction: the same lock as lockGraph, without bumping the data
 * version (a batch that changes nothing must not empty the caches); writeImportChanges bumps it.
 */
export const lockChangeLog = cypher(
  'lockChangeLog',
  'WRITE',
  `MERGE (m:GraphMeta {id: 'graph'})
   SET m.changeSeq = coalesce(m.changeSeq, 0)
   RETURN m.changeSeq AS sequence`,
);

/** Records an import batch's changes (numbered after $last's predecessors) and bumps the data version. */
export const writeImportChanges = cypher(
  'writeImportChanges',
  'WRITE',
  `MATCH (m:GraphMeta {id: 'graph'})
   SET m.changeSeq = $last, m.version = coalesce(m.version, 0) + 1, m.changedAt = datetime()
   WITH m
   UNWIND $changes AS change
   CREATE (c:Change)
   SET c = change
   RETURN count(c) AS written`,
);

/** The live entity with this key, or the one a merged key now leads to. */
export const entityForWrite = cypher(
  'entityForWrite',
  'READ',
  `OPTIONAL MATCH (live:Entity {id: $id})
   OPTIONAL MATCH (gone:Retired {id: $id})
   OPTIONAL MATCH (target:Entity {id: gone.mergedInto})
   WITH coalesce(live, target) AS n, gone
   RETURN CASE WHEN n IS NULL THEN null ELSE ${entityProjection} END AS entity,
          CASE WHEN gone IS NULL THEN null ELSE gone {.*, label: gone.retiredLabel} END AS retired`,
);

export const keyTaken = cypher(
  'keyTaken',
  'READ',
  `RETURN EXISTS { (:Entity {id: $id}) } OR EXISTS { (:Retired {id: $id}) } AS taken`,
);

export const slugTaken = cypher('slugTaken', 'READ', `RETURN EXISTS { MATCH (n:Entity {slug: $slug}) WHERE $label IN labels(n) AND n.id <> $id } AS taken`);

export const createEntity = Object.fromEntries(
  ENTITY_LABELS.map((label) => [
    label,
    cypher(`create${label}`, 'WRITE', `CREATE (n:Entity:${label}) SET n = $props, n.id = $id, n.version = 1 RETURN ${entityProjection} AS entity`),
  ]),
) as Record<EntityLabel, CypherQuery>;

export const updateEntity = cypher(
  'updateEntity',
  'WRITE',
  `MATCH (n:Entity {id: $id})
   SET n += $props, n.version = $version
   RETURN ${entityProjection} AS entity`,
);

/** Takes the kind label and :Entity off, so every read stops seeing it; its relationships stay. */
export const retireEntity = cypher(
  'retireEntity',
  'WRITE',
  `MATCH (n:Entity {id: $id})
   WITH n, [l IN labels(n) WHERE l <> 'Entity'][0] AS label
   REMOVE n:Entity, n:$(label)
   SET n:Retired, n.retiredLabel = label, n.retiredAt = $at, n.mergedInto = $mergedInto, n.version = coalesce(n.version, 1) + 1
   RETURN n.id AS id`,
);

/** Keys merged into the absorbed entity now lead to the one that absorbed it. */
export const redirectMerged = cypher(
  'redirectMerged',
  'WRITE',
  `MATCH (n:Retired {mergedInto: $from}) SET n.mergedInto = $to RETURN count(n) AS redirected`,
);

export const restoreEntity = cypher(
  'restoreEntity',
  'WRITE',
  `MATCH (n:Retired {id: $id})
   WITH n, n.retiredLabel AS label
   REMOVE n:Retired
   SET n:Entity, n:$(label), n.version = coalesce(n.version, 1) + 1
   REMOVE n.retiredLabel, n.retiredAt, n.mergedInto
   RETURN ${entityProjection} AS entity`,
);

/**
 * Moves the relationships of `absorb` to `keep`: each is deleted and created again, same
 * type, key and properties, with `keep` at that end. Relationships between the two stay
 * with the absorbed entity (hidden with it). Returns what moved, for the history.
 */
export const moveRelationships = cypher(
  'moveRelationships',
  'WRITE',
  `MATCH (a:Entity {id: $absorb}), (k:Entity {id: $keep})
   CALL (a, k) {
     MATCH (a)-[r]->(o:Entity) WHERE o <> k
     WITH k, o, r, type(r) AS type, properties(r) AS props
     DELETE r
     CREATE (k)-[moved:$(type)]->(o)
     SET moved = props
     RETURN moved
     UNION ALL
     MATCH (a)<-[r]-(o:Entity) WHERE o <> k
     WITH k, o, r, type(r) AS type, properties(r) AS props
     DELETE r
     CREATE (o)-[moved:$(type)]->(k)
     SET moved = props
     RETURN moved
   }
   WITH moved AS r ORDER BY r.id
   RETURN ${relationshipProjection} AS relationship`,
);

export const moveClaims = cypher(
  'moveClaims',
  'WRITE',
  `MATCH (c:Claim)-[about:ABOUT]->(:Entity {id: $absorb})
   MATCH (k:Entity {id: $keep})
   DELETE about
   MERGE (c)-[:ABOUT]->(k)
   SET c.subject = $keep
   RETURN count(c) AS moved`,
);

/** A relationship by key, whatever its type (one indexed branch per type); a key an import renamed leads to the new one. */
export const relationshipForWrite = cypher(
  'relationshipForWrite',
  'READ',
  `WITH $id AS id
   ${relationshipUnderKeyOrRename}
   WITH r ORDER BY r.id = id DESC
   RETURN ${relationshipProjection} AS relationship
   LIMIT 1`,
);

/** Whether any relationship, live, attached to a retired entity, or retired by an import (a key is never reused), has this key. */
export const relationshipKeyTaken = cypher(
  'relationshipKeyTaken',
  'READ',
  `CALL () {
     ${RELATIONSHIP_TYPES.map((type) => `MATCH ()-[r:${type} {id: $id}]->() RETURN r`).join('\n     UNION ALL\n     ')}
   }
   RETURN count(r) > 0 OR EXISTS { (:RetiredRelationship {id: $id}) } AS taken`,
);

export const createRelationship = Object.fromEntries(
  RELATIONSHIP_TYPES.map((type) => [
    type,
    cypher(
      `create${type}`,
      'WRITE',
      `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
       CREATE (a)-[r:${type}]->(b)
       SET r = $props, r.id = $id, r.version = 1
       WITH r, b
       CALL (r, b) {
         ${inferStart('r', 'b')}
       }
       RETURN ${relationshipProjection} AS relationship`,
    ),
  ]),
) as Record<RelationshipTypeName, CypherQuery>;

export const updateRelationship = Object.fromEntries(
  RELATIONSHIP_TYPES.map((type) => [
    type,
    cypher(
      `update${type}`,
      'WRITE',
      `MATCH (:Entity)-[r:${type} {id: $id}]->(b:Entity)
       SET r += $props, r.version = $version
       WITH r, b
       CALL (r, b) {
         ${inferStart('r', 'b')}
       }
       RETURN ${relationshipProjection} AS relationship`,
    ),
  ]),
) as Record<RelationshipTypeName, CypherQuery>;

export const sourcesByIds = cypher('sourcesForWrite', 'READ', 'UNWIND $ids AS id MATCH (s:Source {id: id}) RETURN s.id AS id');

export const createSource = cypher('createSource', 'WRITE', 'CREATE (s:Source) SET s = $props, s.id = $id RETURN s.id AS id');

export const sourceKeyTaken = cypher('sourceKeyTaken', 'READ', 'RETURN EXISTS { (:Source {id: $id}) } AS taken');

export const apiKeyById = cypher('apiKeyById', 'READ', 'MATCH (k:ApiKey {id: $id}) RETURN k {.*} AS key');

export const allApiKeys = cypher('allApiKeys', 'READ', 'MATCH (k:ApiKey) RETURN k {.*} AS key ORDER BY k.createdAt, k.id');

/**
 * Creates a key, or sets the hash, name and role of an existing active one (the bootstrap key's
 * rotation). A revoked key stays revoked and unchanged: a revocation lasts.
 */
export const saveApiKey = cypher(
  'saveApiKey',
  'WRITE',
  `MERGE (k:ApiKey {id: $id})
   ON CREATE SET k.createdAt = $at
   WITH k
   FOREACH (_ IN CASE WHEN k.revokedAt IS NULL THEN [1] ELSE [] END | SET k.name = $name, k.role = $role, k.hash = $hash)
   RETURN k {.*} AS key`,
);

/**
 * Revokes a key unless it is the last active ADMIN key (then `last` is true and nothing
 * changes). Every revocation first writes one guard node, so two revocations run one after
 * the other: two admins revoking each other's keys at once cannot leave no admin.
 */
export const revokeApiKey = cypher(
  'revokeApiKey',
  'WRITE',
  `MERGE (guard:GraphMeta {id: 'api-keys'})
   SET guard.revokedAt = $at
   WITH guard
   MATCH (k:ApiKey {id: $id})
   OPTIONAL MATCH (other:ApiKey {role: 'ADMIN'})
   WHERE other.id <> k.id AND other.revokedAt IS NULL
   WITH k, count(other) AS otherAdmins
   WITH k, k.role = 'ADMIN' AND k.revokedAt IS NULL AND otherAdmins = 0 AS last
   FOREACH (_ IN CASE WHEN last THEN [] ELSE [1] END | SET k.revokedAt = coalesce(k.revokedAt, $at))
   RETURN k {.*} AS key, last`,
);

/** Changes about any of the targets (an entity and the keys merged into it), in order. */
export const historyOf = cypher(
  'historyOf',
  'READ',
  `OPTIONAL MATCH (merged:Retired {mergedInto: $target})
   WITH [$target] + collect(merged.id) AS targets
   MATCH (c:Change)
   WHERE c.target IN targets AND c.sequence > $afterSequence
   WITH c ORDER BY c.sequence
   LIMIT $limit
   RETURN c {.*} AS change`,
);

/** The instant of the latest change about each of $ids (of $targetKind); ids without one are left out. */
export const lastChangesOf = cypher(
  'lastChangesOf',
  'READ',
  `UNWIND $ids AS id
   MATCH (c:Change {target: id}) WHERE c.targetKind = $targetKind
   RETURN id, max(c.at) AS at`,
);

/** Changes by sequence number (the unique constraint's index), for node(id). */
export const changesBySequence = cypher(
  'changesBySequence',
  'READ',
  `UNWIND $sequences AS sequence
   MATCH (c:Change {sequence: sequence})
   RETURN c {.*} AS change`,
);

/** How many changes the feed holds (since $since, when given). */
export const changeFeedCount = cypher(
  'changeFeedCount',
  'READ',
  `MATCH (c:Change) WHERE $since IS NULL OR c.at >= $since RETURN count(c) AS total`,
);

/** How many changes the history of $target (and of the entities merged into it) holds. */
export const historyCount = cypher(
  'historyCount',
  'READ',
  `OPTIONAL MATCH (merged:Retired {mergedInto: $target})
   WITH [$target] + collect(merged.id) AS targets
   MATCH (c:Change) WHERE c.target IN targets
   RETURN count(c) AS total`,
);

/** The sequence number of the latest change: the head of the feed (0 before any change). */
export const changeFeedHead = cypher(
  'changeFeedHead',
  'READ',
  `OPTIONAL MATCH (m:GraphMeta {id: 'graph'})
   RETURN coalesce(m.changeSeq, 0) AS head`,
);

export const changeFeed = cypher(
  'changeFeed',
  'READ',
  `MATCH (c:Change)
   WHERE c.sequence > $afterSequence AND ($since IS NULL OR c.at >= $since)
   WITH c ORDER BY c.sequence
   LIMIT $limit
   RETURN c {.*} AS change`,
);
