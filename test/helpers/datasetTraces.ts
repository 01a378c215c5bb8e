import { cypher, runQuery } from '../../src/database/runQuery.js';
import type { Database } from '../../src/database/database.js';

/**
 * Takes what the open-data connectors wrote from the test fixtures out of the test database
 * again, so that the test files that run after a connector's see the seed graph as it was:
 * first what they added to entities and relationships they did not create (enrichment.ts,
 * statedElsewhere.ts: identifiers, aliases, themes, a company's dates and activity code), then
 * their own entries, reviews, sources and identifiers. The seeds
 * hold no PIC, VAT number, OpenAlex id or country, and the fixtures' ROR ids, GRID ids, RNSR
 * numbers and Wikidata item are made up (0aaaaaa.., 0bbbbbb.., grid.9999.., 999..., Q99990001), so those are safe to remove wherever found.
 */
const removeDatasetAdditions = cypher(
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
     MATCH (n:Entity) WHERE n.enrichedStart IS NOT NULL OR n.enrichedEnd IS NOT NULL OR n.enrichedSiren IS NOT NULL OR n.enrichedActivityCode IS NOT NULL
     WITH n, n.start = n.enrichedStart AS addedStart, n.end = n.enrichedEnd AS addedEnd
     SET n.siren = CASE WHEN n.siren = n.enrichedSiren THEN null ELSE n.siren END,
         n.activityCode = CASE WHEN n.activityCode = n.enrichedActivityCode THEN null ELSE n.activityCode END,
         n.start = CASE WHEN addedStart THEN null ELSE n.start END, n.startFrom = CASE WHEN addedStart THEN null ELSE n.startFrom END,
         n.startTo = CASE WHEN addedStart THEN null ELSE n.startTo END,
         n.end = CASE WHEN addedEnd THEN null ELSE n.end END, n.endTo = CASE WHEN addedEnd THEN null ELSE n.endTo END
     REMOVE n.enrichedSiren, n.enrichedActivityCode, n.enrichedStart, n.enrichedStartFrom, n.enrichedStartTo, n.enrichedEnd, n.enrichedEndTo
   }
   CALL () {
     MATCH ()-[r]->() WHERE r.enrichedCitations IS NOT NULL
     SET r.citations = [c IN r.citations WHERE NOT c IN r.enrichedCitations]
     REMOVE r.enrichedCitations
   }
   RETURN 1 AS done`,
);

const removeDatasetEntries = cypher(
  'removeDatasetEntriesForTests',
  'WRITE',
  `CALL () { MATCH (n:Entity) WHERE any(prefix IN $entityPrefixes WHERE n.id STARTS WITH prefix) DETACH DELETE n }
   CALL () { MATCH ()-[r]->() WHERE any(prefix IN $entityPrefixes WHERE r.id STARTS WITH prefix) OR r.id STARTS WITH 'copub-' DELETE r }
   CALL () { MATCH (s:Source) WHERE s.id IN ['ror', 'openalex'] OR any(prefix IN $entityPrefixes WHERE s.id STARTS WITH prefix) DELETE s }
   CALL () { MATCH (r:MatchReview) DELETE r }
   CALL () { MATCH (w:Work) DETACH DELETE w }
   CALL () { MATCH (c:Change) DELETE c }
   CALL () { MATCH (k:ApiKey) DELETE k }
   CALL () { MATCH (n:Organization) WHERE n.cordisId IS NOT NULL OR n.vat IS NOT NULL OR n.openalex IS NOT NULL OR n.country IS NOT NULL REMOVE n.cordisId, n.vat, n.openalex, n.country }
   CALL () { MATCH (n:Organization) WHERE n.ror STARTS WITH '0aaaaaa' OR n.ror STARTS WITH '0bbbbbb' REMOVE n.ror }
   CALL () { MATCH (n:Organization) WHERE n.wikidata = 'Q99990001' REMOVE n.wikidata }
   CALL () { MATCH (n:Organization) WHERE n.grid STARTS WITH 'grid.9999' OR n.rnsr STARTS WITH '999' REMOVE n.grid, n.isni, n.fundref, n.rnsr }
   CALL () { MATCH (n:Organization) WHERE n.uai IS NOT NULL OR n.siret IS NOT NULL REMOVE n.uai, n.siret }
   CALL () { MATCH (n:Entity) WHERE n.enrichedThemes IS NOT NULL SET n.themes = [t IN n.themes WHERE NOT t IN n.enrichedThemes] REMOVE n.enrichedThemes }
   RETURN 1 AS done`,
);

/** Removes the test data of the connectors; `entityPrefixes` are the keys' prefixes of the entries the file's tests wrote. */
export async function removeDatasetTestData(db: Database, entityPrefixes: string[] = ['cordis-', 'ror-', 'openalex-']): Promise<void> {
  await runQuery({ db }, removeDatasetAdditions);
  await runQuery({ db }, removeDatasetEntries, { entityPrefixes });
}
