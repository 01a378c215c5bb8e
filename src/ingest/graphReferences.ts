import { RELATIONSHIP_RULES, type EntityLabel, type RelationshipTypeName } from '../domains/entity/relationshipTypes.js';
import { SEED_FILES, type SeedFileName, type SeedGraph } from './importFormat.js';

/** The files of the import format that hold entities, and the label of each. */
const ENTITY_FILES: Record<string, EntityLabel> = {
  organizations: 'Organization',
  people: 'Person',
  projects: 'Project',
  labels: 'Label',
  events: 'Event',
};

/** One thing wrong with an import folder: which file, which entry, and why. */
export interface SeedProblem {
  file: string;
  entry: string;
  reason: string;
}

/** What the database already holds that an import may refer to. */
export interface KnownInDatabase {
  entities: Map<string, EntityLabel>;
  sources: Set<string>;
  /** Ids of entries already reported as invalid: references to them are not reported again. */
  invalidIds?: Set<string>;
}

/**
 * Cross-entry checks of a folder whose files are each valid on their own: ids unique,
 * relationship ends and cited sources known (in the folder or already in the database),
 * endpoint kinds allowed for the type, until not before since, an amount with a currency.
 */
export function checkReferences(graph: SeedGraph, known: KnownInDatabase = { entities: new Map(), sources: new Set() }): SeedProblem[] {
  const problems: SeedProblem[] = [];
  const sourceIds = new Set<string>(known.sources);
  for (const source of graph.sources) {
    if (sourceIds.has(source.id)) problems.push({ file: 'sources.yaml', entry: source.id, reason: 'duplicate id' });
    sourceIds.add(source.id);
  }
  const checkCitations = (file: string, entry: string, cited: string[]) => {
    for (const citation of cited) {
      const sourceId = citation.slice(0, citation.indexOf('#'));
      if (!sourceIds.has(sourceId) && !known.invalidIds?.has(sourceId)) problems.push({ file, entry, reason: `cites unknown source "${sourceId}"` });
    }
  };

  const labelOf = new Map<string, EntityLabel>();
  const inFolder = new Set<string>();
  for (const [name, label] of Object.entries(ENTITY_FILES)) {
    const file = SEED_FILES[name as SeedFileName].file;
    const slugs = new Set<string>();
    for (const entity of graph[name as keyof SeedGraph] as Array<{ id: string; slug?: string; sources: string[]; figures?: Array<{ sources: string[] }> }>) {
      if (inFolder.has(entity.id)) problems.push({ file, entry: entity.id, reason: `duplicate id (also a ${labelOf.get(entity.id)})` });
      const stored = known.entities.get(entity.id);
      if (stored && stored !== label) problems.push({ file, entry: entity.id, reason: `already stored as a ${stored}; an import cannot change its kind` });
      inFolder.add(entity.id);
      labelOf.set(entity.id, label);
      const slug = entity.slug ?? entity.id;
      if (slugs.has(slug)) problems.push({ file, entry: entity.id, reason: `duplicate slug "${slug}"` });
      slugs.add(slug);
      checkCitations(file, entity.id, entity.sources);
      for (const figure of entity.figures ?? []) checkCitations(file, entity.id, figure.sources);
    }
  }

  for (const [id, label] of known.entities) if (!labelOf.has(id)) labelOf.set(id, label);
  const relationshipIds = new Set<string>();
  for (const relationship of graph.relationships) {
    const entry = relationship.id;
    const file = 'relationships.yaml';
    if (relationshipIds.has(entry)) problems.push({ file, entry, reason: 'duplicate id' });
    relationshipIds.add(entry);
    const rule = RELATIONSHIP_RULES[relationship.type as RelationshipTypeName];
    const fromLabel = labelOf.get(relationship.from);
    const toLabel = labelOf.get(relationship.to);
    const reported = known.invalidIds ?? new Set<string>();
    if (!fromLabel && !reported.has(relationship.from)) problems.push({ file, entry, reason: `unknown "from" entity "${relationship.from}"` });
    else if (fromLabel && !(rule.from as readonly string[]).includes(fromLabel)) {
      problems.push({ file, entry, reason: `${relationship.type} cannot start at a ${fromLabel} (allowed: ${rule.from.join(', ')})` });
    }
    if (!toLabel && !reported.has(relationship.to)) problems.push({ file, entry, reason: `unknown "to" entity "${relationship.to}"` });
    else if (toLabel && !(rule.to as readonly string[]).includes(toLabel)) {
      problems.push({ file, entry, reason: `${relationship.type} cannot end at a ${toLabel} (allowed: ${rule.to.join(', ')})` });
    }
    if (relationship.from === relationship.to) problems.push({ file, entry, reason: 'starts and ends at the same entity' });
    if (relationship.since && relationship.until && relationship.until < relationship.since.slice(0, relationship.until.length)) {
      problems.push({ file, entry, reason: `until (${relationship.until}) is before since (${relationship.since})` });
    }
    if (relationship.amount !== undefined && !relationship.currency) problems.push({ file, entry, reason: 'an amount needs a currency' });
    checkCitations(file, entry, relationship.sources);
  }

  // A key is one relationship's at a time: a former key or a withdrawn one is no longer any entry's.
  const formerOf = new Map<string, string>();
  for (const relationship of graph.relationships) {
    for (const former of relationship.formerIds ?? []) {
      const file = 'relationships.yaml';
      if (relationshipIds.has(former)) problems.push({ file, entry: relationship.id, reason: `former id "${former}" is the id of another entry` });
      else if (formerOf.has(former)) problems.push({ file, entry: relationship.id, reason: `former id "${former}" is also a former id of "${formerOf.get(former)}"` });
      formerOf.set(former, relationship.id);
    }
  }
  const withdrawnIds = new Set<string>();
  for (const withdrawn of graph.withdrawn ?? []) {
    const file = 'withdrawn.yaml';
    if (withdrawnIds.has(withdrawn.id)) problems.push({ file, entry: withdrawn.id, reason: 'duplicate id' });
    if (relationshipIds.has(withdrawn.id)) problems.push({ file, entry: withdrawn.id, reason: 'is the id of a relationship of the folder: withdraw it or keep it, not both' });
    if (formerOf.has(withdrawn.id)) problems.push({ file, entry: withdrawn.id, reason: `is a former id of "${formerOf.get(withdrawn.id)}"` });
    withdrawnIds.add(withdrawn.id);
  }

  const claimIds = new Set<string>();
  for (const claim of graph.claims) {
    if (claimIds.has(claim.id)) problems.push({ file: 'claims.yaml', entry: claim.id, reason: 'duplicate id' });
    claimIds.add(claim.id);
    if (!labelOf.has(claim.subject) && !known.invalidIds?.has(claim.subject)) problems.push({ file: 'claims.yaml', entry: claim.id, reason: `unknown subject "${claim.subject}"` });
    checkCitations('claims.yaml', claim.id, claim.sources);
  }
  return problems;
}
