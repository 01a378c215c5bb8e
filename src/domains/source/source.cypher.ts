import { cypher } from '../../database/runQuery.js';

export const sourcesByIds = cypher('sourcesByIds', 'READ', 'UNWIND $ids AS id MATCH (s:Source {id: id}) RETURN s {.*} AS source');
export const allSources = cypher('allSources', 'READ', 'MATCH (s:Source) RETURN s {.*} AS source ORDER BY s.id LIMIT 1000');
