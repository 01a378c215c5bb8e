import { createHash } from 'node:crypto';

import type { EntityLabel } from '../domains/entity/relationshipTypes.js';
import type {
  ClaimSeed, EventSeed, LabelSeed, OrganizationSeed, PersonSeed, ProjectSeed, RelationshipSeed, SeedGraph, SourceSeed,
} from './importFormat.js';
import { dayRange } from '../domains/shared/partialDate.js';
import { foldForSearch } from '../domains/shared/foldForSearch.js';

/** A row ready for the import's UNWIND: the key to MERGE on and every stored property. */
export interface ImportRow {
  id: string;
  props: Record<string, unknown>;
}

/**
 * Turns seed entries into stored properties. Every optional property is present (null
 * when absent) so that `SET n += props` removes what an edit removed. A content hash lets
 * the import tell created, updated and unchanged entries apart.
 */
export function entityRows(graph: SeedGraph): Record<EntityLabel, ImportRow[]> {
  return {
    Organization: graph.organizations.map(organizationRow),
    Person: graph.people.map(personRow),
    Project: graph.projects.map(projectRow),
    Label: graph.labels.map(labelRow),
    Event: graph.events.map(eventRow),
  };
}

type CommonSeed = OrganizationSeed | PersonSeed | ProjectSeed | LabelSeed | EventSeed;

/** The stored properties of one entry of a kind (curation stores edits in the import's shape). */
export function entityRow(label: EntityLabel, seed: CommonSeed): ImportRow {
  switch (label) {
    case 'Organization':
      return organizationRow(seed as OrganizationSeed);
    case 'Person':
      return personRow(seed as PersonSeed);
    case 'Project':
      return projectRow(seed as ProjectSeed);
    case 'Label':
      return labelRow(seed as LabelSeed);
    case 'Event':
      return eventRow(seed as EventSeed);
  }
}

function commonProps(seed: CommonSeed, start: string | undefined, end: string | undefined) {
  const formerNames = 'formerNames' in seed ? seed.formerNames : [];
  const startRange = start ? dayRange(start) : undefined;
  const endRange = end ? dayRange(end) : undefined;
  return {
    slug: seed.slug ?? seed.id,
    name: seed.name,
    description: seed.description ?? null,
    nameFr: seed.names?.fr ?? null,
    nameEn: seed.names?.en ?? null,
    aliasesFr: seed.aliases.fr,
    aliasesEn: seed.aliases.en,
    formerNames,
    citations: seed.sources,
    start: start ?? null,
    end: end ?? null,
    startFrom: startRange?.first ?? null,
    startTo: startRange?.last ?? null,
    endTo: endRange?.last ?? null,
    sortName: foldForSearch(seed.name),
    searchText: [seed.name, seed.names?.fr, seed.names?.en, ...seed.aliases.fr, ...seed.aliases.en, ...formerNames].filter(Boolean).join(' | '),
  };
}

const absent = {
  kind: null, themes: [], city: null, website: null, wikidata: null, ror: null, siren: null, figures: null,
  status: null, year: null, level: null, place: null,
};

function withHash(id: string, props: Record<string, unknown>): ImportRow {
  const contentHash = createHash('sha256').update(JSON.stringify(props)).digest('hex').slice(0, 32);
  return { id, props: { ...props, contentHash } };
}

function figures(list: { sources: string[] }[]): string | null {
  return list.length > 0 ? JSON.stringify(list) : null;
}

function organizationRow(seed: OrganizationSeed): ImportRow {
  return withHash(seed.id, {
    ...absent,
    ...commonProps(seed, seed.founded, undefined),
    kind: seed.kind,
    themes: seed.sectors,
    city: seed.city ?? null,
    website: seed.website ?? null,
    wikidata: seed.wikidata ?? null,
    ror: seed.ror ?? null,
    siren: seed.siren ?? null,
    // Identifiers from open data are only written when given: an entry without them (a seed
    // entry matched by a connector) leaves what the connector added.
    ...(seed.cordisId ? { cordisId: seed.cordisId } : {}),
    ...(seed.vat ? { vat: seed.vat } : {}),
    ...(seed.country ? { country: seed.country } : {}),
    ...(seed.openalex ? { openalex: seed.openalex } : {}),
    ...(seed.grid ? { grid: seed.grid } : {}),
    ...(seed.isni ? { isni: seed.isni } : {}),
    ...(seed.fundref ? { fundref: seed.fundref } : {}),
    ...(seed.rnsr ? { rnsr: seed.rnsr } : {}),
    ...(seed.uai ? { uai: seed.uai } : {}),
    ...(seed.siret ? { siret: seed.siret } : {}),
    ...(seed.activityCode ? { activityCode: seed.activityCode } : {}),
    figures: figures(seed.figures),
  });
}

function personRow(seed: PersonSeed): ImportRow {
  return withHash(seed.id, { ...absent, ...commonProps(seed, undefined, undefined), orcid: seed.orcid ?? null });
}

function projectRow(seed: ProjectSeed): ImportRow {
  return withHash(seed.id, {
    ...absent,
    ...commonProps(seed, seed.started, seed.ended),
    kind: seed.kind,
    themes: seed.themes,
    status: seed.status ?? null,
    website: seed.website ?? null,
    ...(seed.cordisId ? { cordisId: seed.cordisId, grantDoi: seed.grantDoi ?? null, programme: seed.programme ?? null, fundingScheme: seed.fundingScheme ?? null } : {}),
    figures: figures(seed.figures),
  });
}

function labelRow(seed: LabelSeed): ImportRow {
  return withHash(seed.id, {
    ...absent,
    ...commonProps(seed, seed.year ? String(seed.year) : undefined, undefined),
    kind: seed.kind,
    year: seed.year ?? null,
    level: seed.level ?? null,
  });
}

function eventRow(seed: EventSeed): ImportRow {
  return withHash(seed.id, {
    ...absent,
    ...commonProps(seed, seed.date, seed.endDate ?? seed.date),
    kind: seed.kind,
    themes: seed.themes,
    place: seed.place ?? null,
    city: seed.city ?? null,
    figures: figures(seed.figures),
  });
}

export function sourceRow(seed: SourceSeed): ImportRow {
  return withHash(seed.id, {
    title: seed.title,
    publisher: seed.publisher ?? null,
    language: seed.language,
    published: seed.published ?? null,
    kind: seed.kind,
    number: seed.number ?? null,
    url: seed.url ?? null,
    file: seed.file ?? null,
    licence: seed.licence ?? null,
  });
}

export interface RelationshipRow extends ImportRow {
  from: string;
  to: string;
}

export function relationshipRow(seed: RelationshipSeed): RelationshipRow {
  const row = withHash(seed.id, {
    role: seed.role ?? null,
    since: seed.since ?? null,
    until: seed.until ?? null,
    sinceFrom: seed.since ? dayRange(seed.since).first : null,
    untilTo: seed.until ? dayRange(seed.until).last : null,
    amount: seed.amount ?? null,
    currency: seed.currency ?? null,
    note: seed.note ?? null,
    // Only written when given, so that the hash of every other relationship stays as it was.
    ...(seed.planned ? { planned: true } : {}),
    ...(seed.coPublication ? coPublicationProps(seed.coPublication) : {}),
    citations: seed.sources,
    from: seed.from,
    to: seed.to,
  });
  return { ...row, from: seed.from, to: seed.to };
}

/**
 * A co-publication link's counts, stored as properties Cypher can sum over a span of years
 * (`workYears[i]` has `workCounts[i]` works); topics and example works as JSON for display.
 */
function coPublicationProps(coPublication: NonNullable<RelationshipSeed['coPublication']>) {
  const byYear = [...coPublication.byYear].sort((a, b) => a.year - b.year);
  return {
    works: byYear.reduce((sum, entry) => sum + entry.works, 0),
    workYears: byYear.map((entry) => entry.year),
    workCounts: byYear.map((entry) => entry.works),
    topicNames: coPublication.topics.map((topic) => topic.name),
    topics: JSON.stringify(coPublication.topics),
    examples: JSON.stringify(coPublication.examples),
  };
}

export function claimRow(seed: ClaimSeed): ImportRow & { subject: string } {
  const row = withHash(seed.id, {
    subject: seed.subject,
    property: seed.property,
    value: seed.value,
    note: seed.note ?? null,
    citations: seed.sources,
  });
  return { ...row, subject: seed.subject };
}
