import { seededRandom } from '../src/network/seededRandom.js';
import type { SeedGraph } from '../src/ingest/importFormat.js';
import type { RelationshipTypeName } from '../src/domains/entity/relationshipTypes.js';

/**
 * A reproducible synthetic ecosystem for benchmarks: `organizations` organisations, one
 * project and one person per ten organisations, and `relationships` relationships (plus one
 * affiliation per person) whose ends follow a power law (a few hubs, many small actors),
 * like real partnership networks. The same seed gives the same graph.
 */
export interface SyntheticOptions {
  organizations: number;
  relationships: number;
  seed?: number;
}

const KINDS = ['company', 'startup', 'university', 'research-institute', 'association', 'public-authority'] as const;
const THEMES = ['health', 'environment', 'agriculture', 'hpc', 'education', 'cybersecurity'];
const CITIES = ['Montpellier', 'Sète', 'Nîmes', 'Béziers', 'Lunel', 'Alès'];

export function syntheticGraph({ organizations, relationships, seed = 42 }: SyntheticOptions): SeedGraph {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  // Power law: index = n * u^3 concentrates ends on the first (hub) organisations.
  const skewed = (n: number) => Math.min(n - 1, Math.floor(n * random() ** 3));
  const citation = ['synthetic#generated'];
  const projectCount = Math.max(1, Math.floor(organizations / 10));
  const graph: SeedGraph = {
    sources: [{ id: 'synthetic', title: 'Synthetic benchmark graph', language: 'en', kind: 'press-article' }],
    organizations: Array.from({ length: organizations }, (_, i) => ({
      id: `org-${i}`,
      name: `Organisation ${i} ${pick(CITIES)}`,
      kind: pick(KINDS),
      sectors: [pick(THEMES)],
      city: pick(CITIES),
      aliases: { fr: [], en: [] },
      formerNames: [],
      figures: [],
      sources: citation,
    })),
    projects: Array.from({ length: projectCount }, (_, i) => ({
      id: `project-${i}`,
      name: `Project ${i}`,
      kind: 'research-project' as const,
      themes: [pick(THEMES)],
      aliases: { fr: [], en: [] },
      figures: [],
      sources: citation,
    })),
    people: Array.from({ length: Math.max(1, Math.floor(organizations / 10)) }, (_, i) => ({
      id: `person-${i}`,
      name: `Person ${i}`,
      aliases: { fr: [], en: [] },
      sources: citation,
    })),
    labels: [],
    events: [],
    relationships: [],
    claims: [],
  };
  const types: RelationshipTypeName[] = ['PARTICIPATES_IN', 'PARTICIPATES_IN', 'PARTNERS_WITH', 'MEMBER_OF'];
  for (let i = 0; i < relationships; i += 1) {
    const type = pick(types);
    const from = `org-${Math.floor(random() * organizations)}`;
    let to = type === 'PARTICIPATES_IN' ? `project-${skewed(projectCount)}` : `org-${skewed(organizations)}`;
    if (to === from) to = `org-${(Number(from.slice(4)) + 1) % organizations}`;
    graph.relationships.push({
      id: `rel-${i}`,
      type,
      from,
      to,
      role: type === 'PARTICIPATES_IN' ? (random() < 0.1 ? 'lead' : 'partner') : undefined,
      since: `${2000 + Math.floor(random() * 25)}`,
      sources: citation,
    });
  }
  graph.people.forEach((person, i) => {
    graph.relationships.push({ id: `works-${i}`, type: 'WORKS_AT', from: person.id, to: `org-${skewed(organizations)}`, role: 'researcher', sources: citation });
  });
  return graph;
}
