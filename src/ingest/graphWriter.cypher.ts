import { ENTITY_LABELS, RELATIONSHIP_TYPES, type EntityLabel, type RelationshipTypeName } from '../domains/entity/relationshipTypes.js';
import { cypher, type CypherQuery } from '../database/runQuery.js';
import { inferStart } from '../domains/entity/relationshipStarts.js';

/**
 * Every query of the import. Labels and relationship types come from the closed lists;
 * one constant text per label or type, so Neo4j plans each once.
 *
 * An entry the folder gives as the import last wrote it is not written again: an edit made
 * through the API since then stays. Entities and relationships the import writes keep the
 * hash of what it wrote (`importedHash`; `contentHash` follows API edits) and the number of
 * the last API change at that moment (`importedSeq`), so a later import can tell which of
 * them were edited through the API since (`curatedEntities`, `curatedRelationships`).
 */
const importedHash = (name: string) => `coalesce(${name}.importedHash, ${name}.contentHash)`;
const outcome = `CASE WHEN old IS NULL THEN 'created' WHEN ${importedHash('old')} = row.props.contentHash THEN 'unchanged' ELSE 'updated' END`;
/** What a changed entry held before (null when created), for the change feed's changed fields. */
const before = `CASE WHEN old IS NOT NULL AND ${importedHash('old')} <> row.props.contentHash THEN properties(old) END AS before`;
/** The entries written, for the change feed (importChangeLog.ts). */
const changed = `collect(CASE outcome WHEN 'unchanged' THEN null ELSE {id: row.id, before: before} END) AS changed`;
const changedProps = `CASE outcome WHEN 'unchanged' THEN {} ELSE row.props END`;
const lastChange = `OPTIONAL MATCH (meta:GraphMeta {id: 'graph'})
       WITH coalesce(meta.changeSeq, 0) AS lastChange`;
/** Set on every entity or relationship the import writes (unchanged entries are not written). */
const importedState = (name: string) => `${name}.importedSeq = lastChange, ${name}.importedHash = row.props.contentHash`;

/**
 * What open-data connectors added to an entry (ingest/resolution/enrichment.ts: citations,
 * aliases, themes, city, website) stays when the import rewrites the entry from its folder.
 */
const keepEnrichment = `WITH n, row, outcome, [a IN coalesce(n.enrichedAliasesFr, []) + coalesce(n.enrichedAliasesEn, []) WHERE NOT a IN row.props.aliasesFr + row.props.aliasesEn] AS added
         SET n.citations = n.citations + [c IN coalesce(n.enrichedCitations, []) WHERE NOT c IN n.citations],
             n.aliasesFr = n.aliasesFr + [a IN coalesce(n.enrichedAliasesFr, []) WHERE NOT a IN n.aliasesFr],
             n.aliasesEn = n.aliasesEn + [a IN coalesce(n.enrichedAliasesEn, []) WHERE NOT a IN n.aliasesEn],
             n.themes = coalesce(n.themes, []) + [t IN coalesce(n.enrichedThemes, []) WHERE NOT t IN coalesce(n.themes, [])],
             n.searchText = reduce(text = n.searchText, alias IN added | text + ' | ' + alias),
             n.city = coalesce(n.city, n.enrichedCity), n.website = coalesce(n.website, n.enrichedWebsite),
             n.siren = coalesce(n.siren, n.enrichedSiren), n.activityCode = coalesce(n.activityCode, n.enrichedActivityCode),
             n.start = coalesce(n.start, n.enrichedStart), n.startFrom = coalesce(n.startFrom, n.enrichedStartFrom),
             n.startTo = coalesce(n.startTo, n.enrichedStartTo), n.end = coalesce(n.end, n.enrichedEnd), n.endTo = coalesce(n.endTo, n.enrichedEndTo)
         WITH n, row, outcome`;

export const mergeEntities = Object.fromEntries(
  ENTITY_LABELS.map((label) => [
    label,
    cypher(
      `merge${label}`,
      'WRITE',
      `${lastChange}
       UNWIND $rows AS row
       OPTIONAL MATCH (old:Entity {id: row.id})
       WITH row, lastChange, ${outcome} AS outcome, ${before}
       CALL (row, lastChange, outcome) {
         WITH row, lastChange, outcome WHERE outcome <> 'unchanged'
         MERGE (n:Entity {id: row.id})
         SET n:${label}
         SET n += row.props, ${importedState('n')}
         ${keepEnrichment}
         SET n.version = CASE outcome WHEN 'updated' THEN coalesce(n.version, 1) + 1 ELSE 1 END
       }
       RETURN outcome, count(*) AS count, ${changed}`,
    ),
  ]),
) as Record<EntityLabel, CypherQuery>;

/** The kind of each id already stored, and whether curation retired or merged it. */
export const existingEntityLabels = cypher(
  'existingEntityLabels',
  'READ',
  `UNWIND $ids AS id
   OPTIONAL MATCH (n:Entity {id: id})
   OPTIONAL MATCH (gone:Retired {id: id})
   WITH id, n, gone WHERE n IS NOT NULL OR gone IS NOT NULL
   RETURN id, CASE WHEN n IS NULL THEN null ELSE [l IN labels(n) WHERE l <> 'Entity'][0] END AS label,
          gone IS NOT NULL AS retired, gone.mergedInto AS mergedInto`,
);

/** The stored type of each relationship key ($rows of id and type) stored under another type than the folder gives. */
export const retypedRelationships = cypher(
  'retypedRelationships',
  'READ',
  `UNWIND $rows AS row
   CALL (row) {
     ${RELATIONSHIP_TYPES.map((type) => `MATCH ()-[r:${type} {id: row.id}]->() RETURN type(r) AS stored`).join('\n     UNION ALL\n     ')}
   }
   WITH row, stored WHERE stored <> row.type
   RETURN row.id AS id, stored`,
);

/** Relationship keys an import retired (renamed or withdrawn): a folder cannot bring one back under its old key. */
export const retiredRelationshipKeys = cypher(
  'retiredRelationshipKeys',
  'READ',
  `UNWIND $ids AS id
   MATCH (gone:RetiredRelationship {id: id})
   RETURN id, gone.replacedBy AS replacedBy, gone.reason AS reason`,
);

export const existingSources = cypher('existingSources', 'READ', 'UNWIND $ids AS id MATCH (s:Source {id: id}) RETURN s.id AS id');

export const mergeSources = cypher(
  'mergeSources',
  'WRITE',
  `UNWIND $rows AS row
   OPTIONAL MATCH (old:Source {id: row.id})
   WITH row, ${outcome} AS outcome, ${before}
   MERGE (s:Source {id: row.id})
   SET s += ${changedProps}
   RETURN outcome, count(*) AS count, ${changed}`,
);

/**
 * A relationship keeps its id when an edit of the folder moves one of its ends: the old one is
 * deleted and the new one created, in the same transaction. An unchanged entry is not touched.
 */
export const mergeRelationships = Object.fromEntries(
  RELATIONSHIP_TYPES.map((type) => [
    type,
    cypher(
      `merge${type}`,
      'WRITE',
      `${lastChange}
       UNWIND $rows AS row
       OPTIONAL MATCH ()-[old:${type} {id: row.id}]->()
       WITH row, lastChange, old, ${outcome} AS outcome, ${before}
       CALL (old, row, lastChange, outcome) {
         WITH old, row, lastChange, outcome WHERE outcome <> 'unchanged'
         CALL (old, row) {
           WITH old, row WHERE old IS NOT NULL AND (startNode(old).id <> row.from OR endNode(old).id <> row.to)
           DELETE old
         }
         MATCH (a:Entity {id: row.from})
         MATCH (b:Entity {id: row.to})
         MERGE (a)-[r:${type} {id: row.id}]->(b)
         SET r += row.props, ${importedState('r')}
         SET r.citations = r.citations + [c IN coalesce(r.enrichedCitations, []) WHERE NOT c IN r.citations]
         ${inferStart('r', 'b')}
       }
       RETURN outcome, count(*) AS count, ${changed}`,
    ),
  ]),
) as Record<RelationshipTypeName, CypherQuery>;

/**
 * Retires stored relationships by key ($rows of id, replacedBy and reason): each becomes a
 * RetiredRelationship node that keeps its type, its ends and every property, so nothing is
 * lost; `replacedBy` (a renamed key's new one, or null for a withdrawn relationship) is what a
 * look-up of the old key answers, and earlier keys that led to a retired one are led on.
 */
export const retireRelationships = cypher(
  'retireRelationships',
  'WRITE',
  `UNWIND $rows AS row
   CALL (row) {
     ${RELATIONSHIP_TYPES.map((type) => `MATCH ()-[r:${type} {id: row.id}]->() RETURN r`).join('\n     UNION ALL\n     ')}
   }
   WITH row, r, type(r) AS type, properties(r) AS props, startNode(r).id AS fromId, endNode(r).id AS toId
   MERGE (gone:RetiredRelationship {id: row.id})
   SET gone = props, gone.type = type, gone.fromId = fromId, gone.toId = toId, gone.retiredAt = $at, gone.replacedBy = row.replacedBy, gone.reason = row.reason
   DELETE r
   WITH row
   CALL (row) {
     MATCH (older:RetiredRelationship {replacedBy: row.id})
     SET older.replacedBy = row.replacedBy
   }
   RETURN row.id AS id, row.replacedBy AS replacedBy, row.reason AS reason`,
);

export const mergeClaims = cypher(
  'mergeClaims',
  'WRITE',
  `UNWIND $rows AS row
   OPTIONAL MATCH (old:Claim {id: row.id})
   WITH row, ${outcome} AS outcome
   MERGE (c:Claim {id: row.id})
   SET c += ${changedProps}
   WITH c, row, outcome
   OPTIONAL MATCH (c)-[stale:ABOUT]->(e) WHERE e.id <> row.subject
   DELETE stale
   WITH c, row, outcome
   MATCH (subject:Entity {id: row.subject})
   MERGE (c)-[:ABOUT]->(subject)
   RETURN outcome, count(*) AS count, collect(CASE outcome WHEN 'unchanged' THEN null ELSE {id: row.subject, before: null} END) AS changed`,
);

/** Whether anything was ever changed through the API, i.e. with a key (if not, nothing can have been edited since an import). */
export const anyApiChange = cypher('anyApiChange', 'READ', 'RETURN EXISTS { MATCH (c:Change) WHERE c.authorKey IS NOT NULL } AS any');

/**
 * The entries ($rows of id and contentHash) that the folder gives otherwise than the import
 * last wrote them and that were changed through the API since (or were made through the API),
 * with the number of the latest such change.
 */
export const curatedEntities = cypher(
  'curatedEntities',
  'READ',
  `UNWIND $rows AS row
   MATCH (n:Entity {id: row.id})
   WHERE ${importedHash('n')} IS NULL OR ${importedHash('n')} <> row.contentHash
   MATCH (c:Change {target: row.id})
   WHERE c.targetKind = 'ENTITY' AND c.sequence > coalesce(n.importedSeq, 0) AND c.authorKey IS NOT NULL
   RETURN row.id AS id, max(c.sequence) AS sequence`,
);

export const curatedRelationships = Object.fromEntries(
  RELATIONSHIP_TYPES.map((type) => [
    type,
    cypher(
      `curated${type}`,
      'READ',
      `UNWIND $rows AS row
       MATCH ()-[r:${type} {id: row.id}]->()
       WHERE ${importedHash('r')} IS NULL OR ${importedHash('r')} <> row.contentHash
       MATCH (c:Change {target: row.id})
       WHERE c.targetKind = 'RELATIONSHIP' AND c.sequence > coalesce(r.importedSeq, 0) AND c.authorKey IS NOT NULL
       RETURN row.id AS id, max(c.sequence) AS sequence`,
    ),
  ]),
) as Record<RelationshipTypeName, CypherQuery>;

/** Bumped by every write, so caches of graph-wide results know the data changed. */
export const bumpGraphVersion = cypher(
  'bumpGraphVersion',
  'WRITE',
  `MERGE (m:GraphMeta {id: 'graph'})
   SET m.version = coalesce(m.version, 0) + 1, m.changedAt = datetime()
   RETURN m.version AS version`,
);

export const countEntities = cypher('countEntities', 'READ', 'MATCH (n:Entity) RETURN count(n) AS count');
