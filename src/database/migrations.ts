import { ENTITY_LABELS, RELATIONSHIP_TYPES } from '../domains/entity/relationshipTypes.js';
import { backfillInferredStarts } from '../domains/entity/relationshipStarts.js';
import { cypher, runQuery, type CypherQuery, type QueryRunner } from './runQuery.js';

/**
 * Schema of the database, created idempotently (IF NOT EXISTS) at every start:
 * uniqueness of ids (which also gives the index that `UNWIND $ids ... MATCH {id}` needs),
 * unique slugs per kind, retired entities' keys (so a key is never reused), the change log's
 * order and targets, API key ids, relationship ids unique per type, lookup indexes used by filters,
 * and the full-text indexes behind `search` and `sources(search:)` (standard-folding analyzer:
 * case and accents ignored).
 */
function migrationQueries(): CypherQuery[] {
  const queries: CypherQuery[] = [
    cypher('entityIdUnique', 'WRITE', 'CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE'),
    cypher('sourceIdUnique', 'WRITE', 'CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE'),
    cypher('claimIdUnique', 'WRITE', 'CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (n:Claim) REQUIRE n.id IS UNIQUE'),
    cypher('graphMetaIdUnique', 'WRITE', 'CREATE CONSTRAINT graph_meta_id IF NOT EXISTS FOR (n:GraphMeta) REQUIRE n.id IS UNIQUE'),
    cypher('retiredIdUnique', 'WRITE', 'CREATE CONSTRAINT retired_id IF NOT EXISTS FOR (n:Retired) REQUIRE n.id IS UNIQUE'),
    cypher('retiredMergedInto', 'WRITE', 'CREATE INDEX retired_merged_into IF NOT EXISTS FOR (n:Retired) ON (n.mergedInto)'),
    cypher('retiredRelationshipIdUnique', 'WRITE', 'CREATE CONSTRAINT retired_relationship_id IF NOT EXISTS FOR (n:RetiredRelationship) REQUIRE n.id IS UNIQUE'),
    cypher('retiredRelationshipReplacedBy', 'WRITE', 'CREATE INDEX retired_relationship_replaced_by IF NOT EXISTS FOR (n:RetiredRelationship) ON (n.replacedBy)'),
    cypher('changeSequenceUnique', 'WRITE', 'CREATE CONSTRAINT change_sequence IF NOT EXISTS FOR (n:Change) REQUIRE n.sequence IS UNIQUE'),
    cypher('changeTarget', 'WRITE', 'CREATE INDEX change_target IF NOT EXISTS FOR (n:Change) ON (n.target)'),
    // Imports record their changes too; a curator's (with a key) are found without reading theirs.
    cypher('changeAuthorKey', 'WRITE', 'CREATE INDEX change_author_key IF NOT EXISTS FOR (n:Change) ON (n.authorKey)'),
    cypher('matchReviewIdUnique', 'WRITE', 'CREATE CONSTRAINT match_review_id IF NOT EXISTS FOR (n:MatchReview) REQUIRE n.id IS UNIQUE'),
    cypher('matchReviewDataset', 'WRITE', 'CREATE INDEX match_review_dataset IF NOT EXISTS FOR (n:MatchReview) ON (n.dataset, n.status)'),
    cypher('organizationCordisId', 'WRITE', 'CREATE INDEX organization_cordis_id IF NOT EXISTS FOR (n:Organization) ON (n.cordisId)'),
    cypher('organizationRor', 'WRITE', 'CREATE INDEX organization_ror IF NOT EXISTS FOR (n:Organization) ON (n.ror)'),
    cypher('organizationGrid', 'WRITE', 'CREATE INDEX organization_grid IF NOT EXISTS FOR (n:Organization) ON (n.grid)'),
    cypher('organizationIsni', 'WRITE', 'CREATE INDEX organization_isni IF NOT EXISTS FOR (n:Organization) ON (n.isni)'),
    cypher('organizationFundref', 'WRITE', 'CREATE INDEX organization_fundref IF NOT EXISTS FOR (n:Organization) ON (n.fundref)'),
    cypher('organizationRnsr', 'WRITE', 'CREATE INDEX organization_rnsr IF NOT EXISTS FOR (n:Organization) ON (n.rnsr)'),
    cypher('organizationUai', 'WRITE', 'CREATE INDEX organization_uai IF NOT EXISTS FOR (n:Organization) ON (n.uai)'),
    cypher('organizationSiret', 'WRITE', 'CREATE INDEX organization_siret IF NOT EXISTS FOR (n:Organization) ON (n.siret)'),
    cypher('organizationVat', 'WRITE', 'CREATE INDEX organization_vat IF NOT EXISTS FOR (n:Organization) ON (n.vat)'),
    cypher('organizationSiren', 'WRITE', 'CREATE INDEX organization_siren IF NOT EXISTS FOR (n:Organization) ON (n.siren)'),
    cypher('organizationOpenAlex', 'WRITE', 'CREATE INDEX organization_openalex IF NOT EXISTS FOR (n:Organization) ON (n.openalex)'),
    cypher('workIdUnique', 'WRITE', 'CREATE CONSTRAINT work_id IF NOT EXISTS FOR (n:Work) REQUIRE n.id IS UNIQUE'),
    cypher('personOrcid', 'WRITE', 'CREATE INDEX person_orcid IF NOT EXISTS FOR (n:Person) ON (n.orcid)'),
    cypher('organizationWikidata', 'WRITE', 'CREATE INDEX organization_wikidata IF NOT EXISTS FOR (n:Organization) ON (n.wikidata)'),
    cypher('apiKeyIdUnique', 'WRITE', 'CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (n:ApiKey) REQUIRE n.id IS UNIQUE'),
    cypher('entitySortName', 'WRITE', 'CREATE INDEX entity_sort_name IF NOT EXISTS FOR (n:Entity) ON (n.sortName)'),
    cypher('entityStart', 'WRITE', 'CREATE INDEX entity_start IF NOT EXISTS FOR (n:Entity) ON (n.startFrom)'),
    cypher('entityKind', 'WRITE', 'CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind)'),
    cypher('entityCity', 'WRITE', 'CREATE INDEX entity_city IF NOT EXISTS FOR (n:Entity) ON (n.city)'),
    // Search also covers themes and sectors ("health" finds the health companies): the index
    // of earlier versions, without them, is replaced (an index's properties cannot change).
    cypher('entitySearchWithoutThemes', 'WRITE', 'DROP INDEX entity_search IF EXISTS'),
    cypher(
      'entitySearch',
      'WRITE',
      `CREATE FULLTEXT INDEX entity_search_themes IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.searchText, n.description, n.themes]
       OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'standard-folding', \`fulltext.eventually_consistent\`: false } }`,
    ),
    cypher(
      'sourceSearch',
      'WRITE',
      `CREATE FULLTEXT INDEX source_search IF NOT EXISTS FOR (n:Source) ON EACH [n.title, n.publisher, n.number]
       OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'standard-folding', \`fulltext.eventually_consistent\`: false } }`,
    ),
  ];
  for (const label of ENTITY_LABELS) {
    const name = label.toLowerCase();
    queries.push(cypher(`${name}SlugUnique`, 'WRITE', `CREATE CONSTRAINT ${name}_slug IF NOT EXISTS FOR (n:${label}) REQUIRE n.slug IS UNIQUE`));
    // Lists of one kind ordered by name walk this index and stop at the end of the page.
    queries.push(cypher(`${name}SortName`, 'WRITE', `CREATE INDEX ${name}_sort_name IF NOT EXISTS FOR (n:${label}) ON (n.sortName)`));
  }
  for (const type of RELATIONSHIP_TYPES) {
    const name = type.toLowerCase();
    queries.push(cypher(`${name}IdUnique`, 'WRITE', `CREATE CONSTRAINT rel_${name}_id IF NOT EXISTS FOR ()-[r:${type}]-() REQUIRE r.id IS UNIQUE`));
  }
  return queries;
}

/** Applies every migration; safe to run at each start and from several processes. */
export async function migrate(runner: QueryRunner): Promise<void> {
  for (const query of migrationQueries()) await runQuery(runner, query);
  await runQuery(runner, cypher('awaitIndexes', 'READ', 'CALL db.awaitIndexes(300)'));
  // Relationships written before starts were inferred get one, once (relationshipStarts.ts).
  await runQuery(runner, backfillInferredStarts);
}
