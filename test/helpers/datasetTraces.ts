import { cypher } from '../../src/database/runQuery.js';

/**
 * Takes what open-data connectors added to entities and relationships they did not create
 * (enrichment.ts, statedElsewhere.ts) out again, so that the test files after a connector's see
 * the seed graph as it was.
 */
export const removeDatasetAdditions = cypher(
  'removeDatasetAdditionsForTests',
  'WRITE',
  `CALL () {
     MATCH (n:Entity) WHERE n.enrichedCitations IS NOT NULL OR n.matchedRecords IS NOT NULL
     WITH n, coalesce(n.enrichedAliasesFr, []) + coalesce(n.enrichedAliasesEn, []) AS added
     SET n.citations = [c IN n.citations WHERE NOT c IN coalesce(n.enrichedCitations, [])],
         n.aliasesFr = [a IN n.aliasesFr WHERE NOT a IN coalesce(n.enrichedAliasesFr, [])],
         n.aliasesEn = [a IN n.aliasesEn WHERE NOT a IN coalesce(n.enrichedAliasesEn, [])],
         n.searchText = reduce(text = n.searchText, alias IN added | replace(text, ' | ' + alias, '')),
         n.city = CASE WHEN n.city = n.enrichedCity THEN null ELSE n.city END,
         n.website = CASE WHEN n.website = n.enrichedWebsite THEN null ELSE n.website END
     REMOVE n.enrichedCitations, n.enrichedAliasesFr, n.enrichedAliasesEn, n.enrichedCity, n.enrichedWebsite, n.matchedRecords
   }
   CALL () {
     MATCH ()-[r]->() WHERE r.enrichedCitations IS NOT NULL
     SET r.citations = [c IN r.citations WHERE NOT c IN r.enrichedCitations]
     REMOVE r.enrichedCitations
   }
   RETURN 1 AS done`,
);
