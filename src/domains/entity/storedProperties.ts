/**
 * Which stored properties the GraphQL fields of entities and relationships read, so that a
 * relationship page projects only what the operation asks for (a page of a thousand rows
 * that only shows names would otherwise carry every property of every entity). A field not
 * listed reads the property of its own name (the default resolver); an empty list means the
 * field needs only the key and the kind, which are always read. test/integration/
 * projections.test.ts checks every field of every type against a full read.
 */
const ENTITY_FIELDS: Record<string, readonly string[]> = {
  __typename: [],
  id: [],
  key: [],
  degree: [],
  disputes: [],
  history: [],
  relationships: [],
  projects: [],
  members: [],
  memberships: [],
  people: [],
  labels: [],
  subUnits: [],
  parents: [],
  affiliations: [],
  offices: [],
  participants: [],
  recipients: [],
  grantors: [],
  aliases: ['aliasesFr', 'aliasesEn'],
  names: ['nameFr', 'nameEn'],
  shortName: ['name', 'nameFr', 'nameEn', 'aliasesFr', 'aliasesEn'],
  sources: ['citations'],
  sectors: ['themes'],
  founded: ['start'],
  started: ['start'],
  ended: ['end'],
  date: ['start'],
  endDate: ['start', 'end'],
};

const RELATIONSHIP_FIELDS: Record<string, readonly string[]> = {
  __typename: [],
  key: [],
  type: [],
  from: [],
  to: [],
  history: [],
  sources: ['citations'],
  coPublication: ['workYears', 'workCounts', 'topics', 'examples'],
  heldFrom: ['sinceFrom', 'inferredFrom'],
  heldFromInference: ['sinceFrom', 'inferredHow'],
};

function propertiesFor(table: Record<string, readonly string[]>, fields: Iterable<string>): string[] {
  const properties = new Set<string>();
  for (const field of fields) for (const property of table[field] ?? [field]) properties.add(property);
  return [...properties].sort();
}

/** The stored properties an entity needs for these fields (besides its key and kind). */
export function entityPropertiesFor(fields: Iterable<string>): string[] {
  return propertiesFor(ENTITY_FIELDS, fields);
}

/** The stored properties a relationship needs for these fields (besides its key, type and ends). */
export function relationshipPropertiesFor(fields: Iterable<string>): string[] {
  return propertiesFor(RELATIONSHIP_FIELDS, fields);
}
