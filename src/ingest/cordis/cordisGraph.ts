import type { OrganizationSeed, ProjectSeed, RelationshipSeed, SeedGraph, SourceSeed } from '../importFormat.js';
import { personStyleName } from '../personStyleName.js';
import { isCityOf, MONTPELLIER_CITIES, MONTPELLIER_NUTS } from '../scope.js';
import { entityKeyOf, reviewOfKey, type Resolution } from '../resolution/resolveOrganizations.js';
import type { CordisExport, CordisParticipation, CordisProject } from './readCordis.js';

/**
 * The mapping of a CORDIS export to the graph's records, in the import format, so that it is
 * written by the same import as seeds/ (validation, curated-edit guard, unchanged entries left
 * alone). Keys are derived from CORDIS numbers (`cordis-101016775`, `cordis-org-999993953`,
 * `cordis-101016775-999993953`), so a newer release updates the same entries. Every entry cites
 * the dataset's source with the record that states it: `project 101016775` or
 * `project 101016775 / organisation 999993953`.
 */
export interface CordisScope {
  /** NUTS code prefixes of the area (FRJ13 is Hérault). */
  nuts: string[];
  /** Cities of the area, as CORDIS writes them (compared without case and accents). */
  cities: string[];
}

/** The Montpellier area: Hérault, and the cities of the metropolitan area by name for rows without a NUTS code. */
export const MONTPELLIER_SCOPE: CordisScope = { nuts: MONTPELLIER_NUTS, cities: MONTPELLIER_CITIES };

const KIND_OF_ACTIVITY: Record<string, OrganizationSeed['kind']> = {
  HES: 'university',
  REC: 'research-institute',
  PRC: 'company',
  PUB: 'public-body',
  OTH: 'other',
};

export function sourceOfExport(read: CordisExport): SourceSeed {
  const programmes = [...read.programmes].sort();
  const label = programmes.join(' and ') || 'EU';
  return {
    id: `cordis-${programmes.map((programme) => programme.toLowerCase().replace(/[^a-z0-9]+/g, '-')).join('-') || 'projects'}`,
    title: `CORDIS: EU research projects under ${label} (project.csv and organization.csv)`,
    publisher: 'Publications Office of the European Union',
    language: 'en',
    kind: 'dataset',
    url: 'https://cordis.europa.eu/',
    // The CORDIS datasets on data.europa.eu are published under the Commission's reuse policy.
    licence: 'CC BY 4.0',
    ...(read.release ? { published: read.release } : {}),
  } as SourceSeed;
}

export function inScope(participation: CordisParticipation, scope: CordisScope): boolean {
  if (participation.nutsCode && scope.nuts.some((prefix) => participation.nutsCode!.startsWith(prefix))) return true;
  return isCityOf(scope.cities, participation.city);
}

function projectEntry(project: CordisProject, source: string): ProjectSeed {
  const citation = `${source}#project ${project.id}`;
  const figures = [
    ...(project.totalCost !== null ? [{ name: 'total cost', value: project.totalCost, qualifier: 'exactly' as const, unit: 'EUR', sources: [citation] }] : []),
    ...(project.ecMaxContribution !== null ? [{ name: 'EC maximum contribution', value: project.ecMaxContribution, qualifier: 'exactly' as const, unit: 'EUR', sources: [citation] }] : []),
  ];
  const name = project.acronym || project.title;
  return {
    id: `cordis-${project.id}`,
    name,
    kind: 'research-project',
    description: `EU-funded ${project.frameworkProgramme} project${project.fundingScheme ? ` (${project.fundingScheme})` : ''}, as listed by CORDIS.`,
    themes: ['eu-research'],
    status: project.status.toLowerCase() || undefined,
    ...(project.startDate ? { started: project.startDate } : {}),
    ...(project.endDate ? { ended: project.endDate } : {}),
    cordisId: project.id,
    ...(project.grantDoi && /^10\.\d{4,9}\/\S+$/.test(project.grantDoi) ? { grantDoi: project.grantDoi } : {}),
    programme: project.frameworkProgramme,
    ...(project.fundingScheme ? { fundingScheme: project.fundingScheme } : {}),
    aliases: { fr: [], en: project.title && project.title !== name ? [project.title] : [] },
    figures,
    sources: [citation],
  } as ProjectSeed;
}

export function organizationEntry(participation: CordisParticipation, source: string): OrganizationSeed {
  return {
    id: `cordis-org-${participation.pic}`,
    // As a person writes it; the legal name, in the registry's capitals, stays an alias.
    name: personStyleName(participation.name),
    kind: KIND_OF_ACTIVITY[participation.activityType ?? ''] ?? 'other',
    sectors: [],
    formerNames: [],
    ...(participation.city ? { city: personStyleName(participation.city, true) } : {}),
    ...(participation.country ? { country: participation.country } : {}),
    cordisId: participation.pic,
    ...(participation.vat ? { vat: participation.vat } : {}),
    aliases: {
      fr: personStyleName(participation.name) !== participation.name ? [participation.name] : [],
      en: participation.shortName && participation.shortName !== participation.name ? [participation.shortName] : [],
    },
    figures: [],
    sources: [`${source}#project ${participation.projectId} / organisation ${participation.pic}`],
  } as OrganizationSeed;
}

function relationshipEntry(participation: CordisParticipation, project: CordisProject, from: string, to: string, source: string): RelationshipSeed {
  const coordinator = participation.role.toLowerCase() === 'coordinator';
  return {
    id: `cordis-${project.id}-${participation.pic}`,
    type: coordinator ? 'LEADS' : 'PARTICIPATES_IN',
    from,
    to,
    role: participation.role,
    ...(project.startDate ? { since: project.startDate } : {}),
    ...(project.endDate ? { until: project.endDate } : {}),
    ...(participation.ecContribution !== null && participation.ecContribution >= 0 ? { amount: participation.ecContribution, currency: 'EUR' } : {}),
    sources: [`${source}#project ${project.id} / organisation ${participation.pic}`],
  } as RelationshipSeed;
}

export interface CordisSelection {
  graph: SeedGraph;
  keptProjects: number;
  keptParticipations: number;
  /** The PICs of the participants of the kept projects. */
  participants: Set<string>;
  /** Participations of participants waiting for a curator (or rejected): not written. */
  withheld: number;
  /** Kept projects that are an entity of the graph already (by CORDIS id): not written as entries of their own. */
  knownProjects: string[];
}

/**
 * The graph of the projects in scope: a project is kept when one of its participants is in the
 * area or is an organisation the graph already knows; all its participants come with it.
 */
export function selectGraph(read: CordisExport, resolutions: Map<string, Resolution>, scope: CordisScope, knownProject: (projectId: string) => string | null = () => null): CordisSelection {
  const source = sourceOfExport(read);
  const byProject = new Map<string, CordisParticipation[]>();
  for (const participation of read.participations) {
    if (!byProject.has(participation.projectId)) byProject.set(participation.projectId, []);
    byProject.get(participation.projectId)!.push(participation);
  }
  const graph: SeedGraph = { sources: [source], organizations: [], people: [], projects: [], labels: [], events: [], relationships: [], claims: [] };
  const created = new Set<string>();
  const keptParticipants = new Set<string>();
  const relationshipIds = new Set<string>();
  let keptParticipations = 0;
  let withheld = 0;
  const knownProjects: string[] = [];
  for (const [projectId, participants] of byProject) {
    const kept = participants.some((participation) => inScope(participation, scope) || resolutions.get(participation.pic)?.kind === 'matched');
    if (!kept) continue;
    const project = read.projects.get(projectId)!;
    const projectKey = knownProject(projectId);
    if (projectKey) knownProjects.push(projectId);
    else graph.projects.push(projectEntry(project, source.id));
    for (const participation of participants) {
      keptParticipations += 1;
      keptParticipants.add(participation.pic);
      const resolution = resolutions.get(participation.pic)!;
      const key = entityKeyOf(resolution, `cordis-org-${participation.pic}`, `cordis:${participation.pic}`);
      if (!key || reviewOfKey(key)) withheld += 1;
      if (!key) continue;
      if (resolution.kind === 'create' && !created.has(key)) {
        created.add(key);
        graph.organizations.push(organizationEntry(participation, source.id));
      }
      const relationship = relationshipEntry(participation, project, key, projectKey ?? `cordis-${project.id}`, source.id);
      if (relationshipIds.has(relationship.id)) continue;
      relationshipIds.add(relationship.id);
      graph.relationships.push(relationship);
    }
  }
  return { graph, keptProjects: graph.projects.length + knownProjects.length, keptParticipations, participants: keptParticipants, withheld, knownProjects };
}
