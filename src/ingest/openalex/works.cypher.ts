import { cypher } from '../../database/runQuery.js';

/**
 * Writes works and their authoring organisations: a work's properties are rewritten only when
 * they changed (a hash); an organisation is linked once. Nothing is removed: a work a newer
 * snapshot no longer gives, or an institution it no longer lists, stays. Counts what it did.
 */
export const mergeWorks = cypher(
  'mergeWorks',
  'WRITE',
  `UNWIND $rows AS row
   MERGE (w:Work {id: row.id})
   WITH w, row, w.contentHash AS old
   SET w += CASE WHEN old = row.props.contentHash THEN {} ELSE row.props END
   WITH w, row, old
   CALL (w, row) {
     UNWIND row.organizations AS organization
     MATCH (o:Entity {id: organization}) WHERE o:Organization
     MERGE (o)-[a:AUTHORED]->(w)
     ON CREATE SET a.linkedAt = $at
     RETURN sum(CASE WHEN a.linkedAt = $at THEN 1 ELSE 0 END) AS linked
   }
   RETURN sum(CASE WHEN old IS NULL THEN 1 ELSE 0 END) AS created,
          sum(CASE WHEN old IS NOT NULL AND old <> row.props.contentHash THEN 1 ELSE 0 END) AS updated,
          sum(CASE WHEN old = row.props.contentHash THEN 1 ELSE 0 END) AS unchanged,
          sum(linked) AS linked`,
);
