import type { EntityLabel, RelationshipTypeName } from './relationshipTypes.js';

/** An entity as stored in Neo4j, plus its kind label. */
export interface EntityRecord {
  label: EntityLabel;
  id: string;
  slug: string;
  name: string;
  description: string | null;
  kind: string | null;
  themes: string[];
  city: string | null;
  /** Its own name in French / English where known (import format `names`). */
  nameFr?: string | null;
  nameEn?: string | null;
  aliasesFr: string[];
  aliasesEn: string[];
  formerNames: string[];
  start: string | null;
  end: string | null;
  website: string | null;
  wikidata: string | null;
  ror: string | null;
  siren: string | null;
  cordisId?: string | null;
  vat?: string | null;
  openalex?: string | null;
  grid?: string | null;
  isni?: string | null;
  fundref?: string | null;
  rnsr?: string | null;
  uai?: string | null;
  /** NAF/APE code of a company's main activity (company directory). */
  activityCode?: string | null;
  siret?: string | null;
  /** ORCID iD of a person. */
  orcid?: string | null;
  country?: string | null;
  grantDoi?: string | null;
  programme?: string | null;
  fundingScheme?: string | null;
  /** How open-data records were matched to it: JSON of dataset, record, how, why (ingest/resolution/enrichment.ts). */
  matchedRecords?: string[] | null;
  figures: string | null;
  status: string | null;
  year: number | null;
  level: string | null;
  place: string | null;
  citations: string[];
  /** Edit counter (absent on entries imported before curation existed: read as 1). */
  version?: number | null;
}

/** A relationship as stored, with the keys of its two ends. */
export interface RelationshipRecord {
  id: string;
  type: RelationshipTypeName;
  fromId: string;
  toId: string;
  role: string | null;
  since: string | null;
  until: string | null;
  sinceFrom: string | null;
  /** Where no source dates it: the day from which it counts in a time slice, inferred (relationshipStarts.ts). */
  inferredFrom?: string | null;
  /** How `inferredFrom` was found: EVENT_DATE or SOURCE_PUBLISHED. */
  inferredHow?: 'EVENT_DATE' | 'SOURCE_PUBLISHED' | null;
  untilTo: string | null;
  amount: number | null;
  currency: string | null;
  note: string | null;
  /** True when the source states it as an intention (future tense), not as done. */
  planned?: boolean | null;
  /** A projected PARTNERSHIP link of an export only (subgraphs.ts): the pair's partner strength. */
  strength?: number;
  citations: string[];
  version?: number | null;
  /** CO_PUBLISHED_WITH only: works per year (`workYears[i]` has `workCounts[i]`), topics and examples as JSON. */
  workYears?: number[] | null;
  workCounts?: number[] | null;
  topics?: string | null;
  examples?: string | null;
}

/** A relationship seen from one of its ends. */
export interface RelationshipView {
  relationship: RelationshipRecord;
  direction: 'OUTGOING' | 'INCOMING';
  otherId: string;
  /** The entity at the other end when it was read with the relationship (perhaps with only the properties the operation asks for). */
  other?: EntityRecord;
}

export interface ClaimRecord {
  id: string;
  subject: string;
  property: string;
  value: string;
  note: string | null;
  citations: string[];
}

export interface SourceRecord {
  id: string;
  title: string;
  publisher: string | null;
  language: string;
  published: string | null;
  kind: string;
  number?: string | null;
  url: string | null;
  file: string | null;
  licence?: string | null;
}

/** GraphQL enum value of each kind label. */
export const KIND_OF_LABEL: Record<EntityLabel, string> = {
  Organization: 'ORGANIZATION',
  Person: 'PERSON',
  Project: 'PROJECT',
  Label: 'LABEL',
  Event: 'EVENT',
};

export const LABEL_OF_KIND = Object.fromEntries(Object.entries(KIND_OF_LABEL).map(([label, kind]) => [kind, label])) as Record<
  string,
  EntityLabel
>;

/** True when the relationship held on `day` (YYYY-MM-DD), partial dates taken at their widest. */
export function heldOn(relationship: RelationshipRecord, day: string | null | undefined): boolean {
  if (!day) return true;
  const from = relationship.sinceFrom ?? relationship.inferredFrom ?? null;
  if (from && from > day) return false;
  if (relationship.untilTo && relationship.untilTo < day) return false;
  return true;
}

/** A relationship edge as resolvers pass it on: the view plus its cursor. */
export interface RelationshipEdgeRecord extends RelationshipView {
  cursor: string;
}

/** A citation string "<source>#<locator>" split in two. */
export interface CitationRecord {
  sourceId: string;
  locator: string;
}

/** One value of a disputed property and every citation stating it. */
export interface ClaimGroupRecord {
  value: string;
  note: string | null;
  citations: string[];
}

export interface FigureRecord {
  name: string;
  value: number;
  qualifier?: 'exactly' | 'at-least' | 'about' | 'at-most';
  unit?: string;
  asOf?: string;
  sources: string[];
}

export function parseCitation(citation: string): CitationRecord {
  const hash = citation.indexOf('#');
  return { sourceId: citation.slice(0, hash), locator: citation.slice(hash + 1) };
}
