import { cypher } from '../../database/runQuery.js';

/** Every query of entity resolution and its review queue. Values are parameters. */

/** What resolution compares incoming organisations with: every live organisation's names and identifiers. */
export const organizationsForResolution = cypher(
  'organizationsForResolution',
  'READ',
  `MATCH (n:Organization)
   RETURN n.id AS id, n.name AS name, [n.name] + coalesce(n.aliasesFr, []) + coalesce(n.aliasesEn, []) + coalesce(n.formerNames, []) AS names,
          {cordisId: n.cordisId, vat: n.vat, ror: n.ror, wikidata: n.wikidata, openalex: n.openalex, grid: n.grid, isni: n.isni, fundref: n.fundref, rnsr: n.rnsr, uai: n.uai, siret: n.siret, siren: n.siren} AS identifiers, n.city AS city`,
);

/** What authors are compared with: every live person's name and ORCID iD. */
export const peopleForResolution = cypher(
  'peopleForResolution',
  'READ',
  `MATCH (n:Person)
   RETURN n.id AS id, n.name AS name, n.orcid AS orcid`,
);

/** The review items of a dataset: pending ones and remembered decisions. */
export const reviewsOfDataset = cypher(
  'reviewsOfDataset',
  'READ',
  `MATCH (r:MatchReview {dataset: $dataset})
   RETURN r.recordId AS recordId, r.status AS status, r.entityId AS entityId`,
);

/**
 * Queues the records resolution could not decide: a new item is pending; a pending one gets
 * the record, candidates and what a decision would write (`apply`, a JSON text the API does
 * not show) of this run; a decided one is left as the curator decided it.
 * Returns how many items were new or changed (the queue is data the API shows).
 */
export const queueReviews = cypher(
  'queueReviews',
  'WRITE',
  `UNWIND $rows AS row
   MERGE (r:MatchReview {id: row.id})
   ON CREATE SET r.status = 'pending', r.queuedAt = $at, r.dataset = row.dataset, r.recordId = row.recordId
   WITH r, row WHERE r.status = 'pending'
   WITH r, row, r.record IS NULL AS created,
        r.record IS NULL OR r.record <> row.record OR r.candidates <> row.candidates OR r.citation <> row.citation AS changed
   SET r.record = row.record, r.candidates = row.candidates, r.citation = row.citation, r.apply = row.apply, r.updatedAt = $at
   RETURN sum(CASE WHEN changed THEN 1 ELSE 0 END) AS changed,
          collect(CASE WHEN changed THEN {id: r.id, created: created} END) AS changes`,
);

/**
 * Closes the pending reviews of records a later import resolved surely (the same identifier,
 * the same name, or no candidate left): the record is settled as the import found it, by the
 * import, with why. A decided review is left as the curator decided it.
 */
export const settleReviews = cypher(
  'settleReviews',
  'WRITE',
  `UNWIND $rows AS row
   MATCH (r:MatchReview {id: row.id}) WHERE r.status = 'pending'
   SET r.status = row.status, r.entityId = row.entityId, r.decidedAt = $at, r.decidedBy = $by, r.note = row.why
   RETURN count(r) AS settled, collect(r.id) AS ids`,
);

/**
 * Writes what sure matches add to entities (see enrichment.ts): identifiers, aliases, city and
 * website only where absent, the record's citation, and how it matched. What was added is kept
 * in `enriched*` properties: an addition is made once, so one a curator removed is not made
 * again, and the import of seeds/ keeps them when it rewrites the entry.
 */
export const enrichEntities = cypher(
  'enrichEntities',
  'WRITE',
  `UNWIND $rows AS row
   MATCH (n:Entity {id: row.id})
   WITH n, row,
        [c IN row.citations WHERE NOT c IN coalesce(n.enrichedCitations, [])] AS citations,
        [a IN row.aliasesFr WHERE NOT a IN coalesce(n.enrichedAliasesFr, []) + coalesce(n.aliasesFr, [])] AS fr,
        [a IN row.aliasesEn WHERE NOT a IN coalesce(n.enrichedAliasesEn, []) + coalesce(n.aliasesEn, [])] AS en,
        [t IN coalesce(row.themes, []) WHERE NOT t IN coalesce(n.enrichedThemes, []) + coalesce(n.themes, [])] AS themes,
        CASE WHEN n.city IS NULL AND n.enrichedCity IS NULL THEN row.city END AS city,
        CASE WHEN n.website IS NULL AND n.enrichedWebsite IS NULL THEN row.website END AS website,
        CASE WHEN n.start IS NULL AND n.enrichedStart IS NULL THEN row.founded END AS founded,
        CASE WHEN n.end IS NULL AND n.enrichedEnd IS NULL THEN row.ceased END AS ceased,
        CASE WHEN n.activityCode IS NULL AND n.enrichedActivityCode IS NULL THEN row.activityCode END AS activityCode,
        [m IN row.matches WHERE NOT any(known IN coalesce(n.matchedRecords, []) WHERE known STARTS WITH m.prefix) | m.value] AS matches,
        n.cordisId IS NULL AND row.identifiers.cordisId IS NOT NULL OR n.vat IS NULL AND row.identifiers.vat IS NOT NULL
          OR n.country IS NULL AND row.identifiers.country IS NOT NULL OR n.ror IS NULL AND row.identifiers.ror IS NOT NULL
          OR n.wikidata IS NULL AND row.identifiers.wikidata IS NOT NULL OR n.openalex IS NULL AND row.identifiers.openalex IS NOT NULL
          OR n.grid IS NULL AND row.identifiers.grid IS NOT NULL OR n.isni IS NULL AND row.identifiers.isni IS NOT NULL
          OR n.fundref IS NULL AND row.identifiers.fundref IS NOT NULL OR n.rnsr IS NULL AND row.identifiers.rnsr IS NOT NULL
          OR n.uai IS NULL AND row.identifiers.uai IS NOT NULL OR n.siret IS NULL AND row.identifiers.siret IS NOT NULL
          OR n.siren IS NULL AND n.enrichedSiren IS NULL AND row.identifiers.siren IS NOT NULL AS identifies
   WITH n, row, citations, fr, en, themes, city, website, founded, ceased, activityCode, matches,
        [field IN [
          CASE WHEN founded IS NOT NULL THEN 'founded' END, CASE WHEN ceased IS NOT NULL THEN 'ceased' END,
          CASE WHEN activityCode IS NOT NULL THEN 'activityCode' END,
          CASE WHEN size(citations) > 0 THEN 'sources' END, CASE WHEN size(fr) + size(en) > 0 THEN 'aliases' END,
          CASE WHEN size(themes) > 0 THEN 'themes' END,
          CASE WHEN city IS NOT NULL THEN 'city' END, CASE WHEN website IS NOT NULL THEN 'website' END,
          CASE WHEN size(matches) > 0 THEN 'matchedRecords' END, CASE WHEN identifies THEN 'identifiers' END
        ] WHERE field IS NOT NULL] AS fields
   WITH n, row, citations, fr, en, themes, city, website, founded, ceased, activityCode, matches, fields, size(fields) > 0 AS changed
   SET n.enrichedCitations = coalesce(n.enrichedCitations, []) + citations,
       n.citations = coalesce(n.citations, []) + [c IN citations WHERE NOT c IN coalesce(n.citations, [])],
       n.enrichedAliasesFr = coalesce(n.enrichedAliasesFr, []) + fr, n.aliasesFr = coalesce(n.aliasesFr, []) + fr,
       n.enrichedAliasesEn = coalesce(n.enrichedAliasesEn, []) + en, n.aliasesEn = coalesce(n.aliasesEn, []) + en,
       n.enrichedThemes = coalesce(n.enrichedThemes, []) + themes, n.themes = coalesce(n.themes, []) + themes,
       n.searchText = reduce(text = coalesce(n.searchText, n.name), alias IN fr + en | text + ' | ' + alias),
       n.enrichedCity = coalesce(n.enrichedCity, city), n.city = coalesce(n.city, city),
       n.enrichedWebsite = coalesce(n.enrichedWebsite, website), n.website = coalesce(n.website, website),
       n.matchedRecords = coalesce(n.matchedRecords, []) + matches,
       n.cordisId = coalesce(n.cordisId, row.identifiers.cordisId), n.vat = coalesce(n.vat, row.identifiers.vat),
       n.country = coalesce(n.country, row.identifiers.country), n.ror = coalesce(n.ror, row.identifiers.ror),
       n.wikidata = coalesce(n.wikidata, row.identifiers.wikidata), n.openalex = coalesce(n.openalex, row.identifiers.openalex),
       n.grid = coalesce(n.grid, row.identifiers.grid), n.isni = coalesce(n.isni, row.identifiers.isni),
       n.fundref = coalesce(n.fundref, row.identifiers.fundref), n.rnsr = coalesce(n.rnsr, row.identifiers.rnsr),
       n.uai = coalesce(n.uai, row.identifiers.uai), n.siret = coalesce(n.siret, row.identifiers.siret),
       n.enrichedSiren = CASE WHEN n.siren IS NULL AND n.enrichedSiren IS NULL THEN row.identifiers.siren ELSE n.enrichedSiren END,
       n.siren = coalesce(n.siren, CASE WHEN n.enrichedSiren IS NULL THEN row.identifiers.siren END),
       n.enrichedStart = coalesce(n.enrichedStart, founded.value), n.start = coalesce(n.start, founded.value),
       n.enrichedStartFrom = coalesce(n.enrichedStartFrom, founded.from), n.startFrom = coalesce(n.startFrom, founded.from),
       n.enrichedStartTo = coalesce(n.enrichedStartTo, founded.to), n.startTo = coalesce(n.startTo, founded.to),
       n.enrichedEnd = coalesce(n.enrichedEnd, ceased.value), n.end = coalesce(n.end, ceased.value),
       n.enrichedEndTo = coalesce(n.enrichedEndTo, ceased.to), n.endTo = coalesce(n.endTo, ceased.to),
       n.enrichedActivityCode = coalesce(n.enrichedActivityCode, activityCode), n.activityCode = coalesce(n.activityCode, activityCode),
       n.version = CASE WHEN changed THEN coalesce(n.version, 1) + 1 ELSE n.version END
   RETURN sum(CASE WHEN changed THEN 1 ELSE 0 END) AS enriched,
          collect(CASE WHEN changed THEN {id: n.id, fields: fields} END) AS changes`,
);

/**
 * For each incoming relationship ($rows of id, type, from, to) between entities that already
 * exist: the relationship of the same type between the same ends that another source stated
 * (the smallest id), unless the incoming one is itself stored already.
 */
export const relationshipsStatedElsewhere = cypher(
  'relationshipsStatedElsewhere',
  'READ',
  `UNWIND $rows AS row
   MATCH (a:Entity {id: row.from})-[r]->(b:Entity {id: row.to})
   WHERE type(r) = row.type
   WITH row, collect(r.id) AS ids
   WHERE NOT row.id IN ids
   RETURN row.id AS entry, reduce(least = ids[0], id IN ids | CASE WHEN id < least THEN id ELSE least END) AS existing`,
);

/** Adds a dataset's citation to relationships another source stated; kept in `enrichedCitations` like entity additions. */
export const citeRelationships = cypher(
  'citeRelationships',
  'WRITE',
  `UNWIND $rows AS row
   MATCH (a:Entity {id: row.from})-[r]->(b:Entity {id: row.to})
   WHERE r.id = row.existing
   WITH r, row, [c IN row.citations WHERE NOT c IN coalesce(r.enrichedCitations, [])] AS citations
   SET r.enrichedCitations = coalesce(r.enrichedCitations, []) + citations,
       r.citations = coalesce(r.citations, []) + [c IN citations WHERE NOT c IN coalesce(r.citations, [])],
       r.version = CASE WHEN size(citations) > 0 THEN coalesce(r.version, 1) + 1 ELSE r.version END
   RETURN sum(CASE WHEN size(citations) > 0 THEN 1 ELSE 0 END) AS cited,
          collect(CASE WHEN size(citations) > 0 THEN {id: r.id} END) AS changes`,
);

/** Projects of the graph that a curator or an import gave a CORDIS id, other than the CORDIS connector's own entries. */
export const projectsWithCordisId = cypher(
  'projectsWithCordisId',
  'READ',
  `MATCH (p:Project) WHERE p.cordisId IS NOT NULL AND p.id <> 'cordis-' + p.cordisId
   RETURN p.cordisId AS cordisId, p.id AS id, [p.name] + coalesce(p.aliasesFr, []) + coalesce(p.aliasesEn, []) AS names`,
);

/** What decisions on reviews write (applyDecision.ts): each review's state, its entity and what it writes. */
export const reviewsToApply = cypher(
  'reviewsToApply',
  'READ',
  `UNWIND $ids AS id
   MATCH (r:MatchReview {id: id})
   RETURN r.id AS id, r.status AS status, r.entityId AS entityId, r.apply AS apply`,
);

/** The names of an entity (name, aliases, former names): what a record's names are compared with before they are added. */
export const namesOfEntity = cypher(
  'namesOfEntity',
  'READ',
  `MATCH (n:Entity {id: $id})
   RETURN [n.name] + coalesce(n.aliasesFr, []) + coalesce(n.aliasesEn, []) + coalesce(n.formerNames, []) AS names`,
);
