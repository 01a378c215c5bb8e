/**
 * The page reads everything through the public GraphQL API, like any other client: these
 * are its operations, and `graphql()` sends one and returns its data or throws its errors.
 */
export class ApiError extends Error {}

/**
 * Entities are asked for with `named`: their usual name and their own name in each language.
 * Every answer is then read in the page's language: an entity's `name` becomes its French (or
 * English) name where the graph knows one, and its usual name moves to `usualName` (the panel
 * lists it among the other names). One place, so that the map, the lists, the panel, paths and
 * the consortium all say the same name.
 */
export const named = 'key name names { fr en }';
let nameLanguage: 'en' | 'fr' = 'en';

/** The language the answers' names are read in (the page's). */
export function readNamesIn(language: 'en' | 'fr'): void {
  nameLanguage = language;
}

function localised(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(localised);
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value).map(([key, inner]) => [key, localised(inner)] as const);
  const object = Object.fromEntries(entries) as Record<string, unknown>;
  const names = object.names as { fr: string | null; en: string | null } | undefined;
  if (names && typeof object.name === 'string') {
    const local = names[nameLanguage];
    object.usualName = object.name;
    if (local) object.name = local;
    delete object.names;
  }
  if (typeof object.shortNameEn === 'string') {
    object.shortName = nameLanguage === 'fr' ? object.shortNameFr : object.shortNameEn;
    delete object.shortNameEn;
    delete object.shortNameFr;
  }
  return object;
}

/** Sends one operation; with `token`, as that API key (a curator's decision). */
export async function graphql<T>(query: string, variables: Record<string, unknown> = {}, options: { token?: string } = {}): Promise<T> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (body.errors && body.errors.length > 0) throw new ApiError(body.errors.map((error) => error.message).join(' '));
  if (!body.data) throw new ApiError(`HTTP ${response.status}`);
  return localised(body.data) as T;
}

export interface EntitySummary {
  __typename: string;
  key: string;
  /** In the page's language where known (see `localised`). */
  name: string;
  /** The usual name, when `name` was read in the page's language. */
  usualName?: string;
  /** The name a label on the map shows (at most 32 characters, in the page's language), where asked. */
  shortName?: string;
  kind?: string | null;
  themes?: string[];
}

export interface SubgraphData {
  truncated: boolean;
  /** `degree`: links inside the view (`degreeInView`); `entity.totalDegree`: links in the whole graph (what a node's size shows). */
  /** `community`: the entity's community in the whole graph, as the API computes it (`centralityRanking` gives the same). */
  nodes: Array<{ degree: number; distance?: number | null; community?: number | null; entity: EntitySummary & { totalDegree?: number } }>;
  /** `strength`: a partnership link's (partnership network only). */
  edges: Array<{ id?: string; key: string; type: string; from: { key: string }; to: { key: string }; coPublication?: { works: number } | null; strength?: number }>;
}

export interface CoPublicationData {
  works: number;
  byYear: Array<{ year: number; works: number }>;
  topics: Array<{ name: string; works: number }>;
  examples: Array<{ id: string; url: string; doi: string | null; title: string | null; year: number }>;
}

const summary = `__typename ${named}
  ... on Organization { kind themes city } ... on Project { kind themes } ... on Label { kind } ... on Event { kind themes }`;
const edgeFields = 'edges { id key type from { key } to { key } coPublication { works } }';
/** The name a node's label shows, in both languages (the API picks a fitting alias rather than cutting a name into another's). */
const labels = 'shortNameEn: shortName(language: EN) shortNameFr: shortName(language: FR)';
const subgraphFields = `truncated nodes { degree: degreeInView community entity { ${summary} ${labels} totalDegree: degree } } ${edgeFields}`;

export const MAP_QUERY = `query ExplorerMap($filter: MapFilter, $limit: Int) { ecosystemMap(filter: $filter, limit: $limit) { ${subgraphFields} } }`;

/** The organisations' partnership network (projected through shared projects, memberships, units, co-publications), strongest first. */
export const PARTNERSHIP_MAP_QUERY = `query ExplorerPartnerships($asOf: LocalDate, $datedOnly: Boolean, $limit: Int) {
  partnershipMap(asOf: $asOf, datedOnly: $datedOnly, limit: $limit) { truncated nodes { neighbours strength community entity { ${summary} ${labels} } } links { key strength from { key } to { key } } }
}`;

/** The partnership network as the map draws it: an organisation sized by its strength, a link as thick as its pair's. */
export function partnershipSubgraph(data: {
  truncated: boolean;
  nodes: Array<{ neighbours: number; strength: number | null; community: number; entity: EntitySummary }>;
  links: Array<{ key: string; strength: number; from: { key: string }; to: { key: string } }>;
}): SubgraphData {
  return {
    truncated: data.truncated,
    nodes: data.nodes.map((node) => ({ degree: node.neighbours, community: node.community, entity: { ...node.entity, totalDegree: node.strength ?? node.neighbours } })),
    edges: data.links.map((link) => ({ id: link.key, key: link.key, type: 'PARTNERSHIP', from: link.from, to: link.to, strength: link.strength })),
  };
}

export const EGO_QUERY = `query ExplorerEgo($center: ID!, $depth: Int, $entityTypes: [EntityKind!], $types: [RelationshipType!], $asOf: LocalDate, $datedOnly: Boolean) {
  egoNetwork(center: $center, depth: $depth, entityTypes: $entityTypes, types: $types, asOf: $asOf, datedOnly: $datedOnly, limit: 500) { truncated nodes { degree: degreeInView distance community entity { ${summary} ${labels} totalDegree: degree } } ${edgeFields} }
}`;

export interface SearchData {
  search: { totalCount: number; edges: Array<{ node: EntitySummary }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/** A page of search hits (best first); `after` gives the next page. */
export const SEARCH_QUERY = `query ExplorerSearch($text: String!, $after: String) {
  search(text: $text, first: 8, after: $after) { totalCount edges { node { ${summary} } } pageInfo { hasNextPage endCursor } }
}`;

export const NAMES_QUERY = `query ExplorerNames {
  themes: vocabulary(name: THEMES) { value en fr }
  organizations: vocabulary(name: ORGANIZATION_KINDS) { value en fr }
  projects: vocabulary(name: PROJECT_KINDS) { value en fr }
  labels: vocabulary(name: LABEL_KINDS) { value en fr }
  events: vocabulary(name: EVENT_KINDS) { value en fr }
  roles: vocabulary(name: ROLES) { value en fr }
}`;

export const LABELS_QUERY = `query ExplorerLabels { labels(first: 100) { edges { node { ${named} } } } }`;

export interface Citation {
  locator: string;
  source: { key: string; title: string; publisher: string | null; url: string | null; published: string | null };
}

export interface EntityDetails extends EntitySummary {
  description: string | null;
  aliases: { fr: string[]; en: string[] };
  degree: number;
  sources: Citation[];
  themes?: string[];
  city?: string | null;
  founded?: string | null;
  started?: string | null;
  ended?: string | null;
  date?: string | null;
  year?: number | null;
  website?: string | null;
  relationships: {
    totalCount: number;
    edges: Array<{
      direction: string;
      node: EntitySummary;
      relationship: { id: string; key: string; type: string; role: string | null; since: string | null; until: string | null; planned: boolean; sources: Citation[]; coPublication: { works: number } | null };
    }>;
  };
}

const citation = 'locator source { key title publisher url published }';

export const DETAILS_QUERY = `query ExplorerDetails($key: ID!, $asOf: LocalDate, $types: [RelationshipType!]) {
  entity(key: $key) {
    ${summary} description aliases { fr en } degree sources { ${citation} }
    ... on Organization { themes city founded website }
    ... on Project { themes started ended website }
    ... on Event { themes date city }
    ... on Label { year }
    relationships(first: 100, asOf: $asOf, types: $types) {
      totalCount
      edges { direction node { ${summary} } relationship { id key type role since until planned sources { ${citation} } coPublication { works } } }
    }
  }
}`;

export interface PathData {
  nodes: EntitySummary[];
  relationships: Array<{ key: string; type: string; role: string | null; from: { key: string }; to: { key: string }; sources: Citation[] }>;
}

export const PATH_QUERY = `query ExplorerPath($from: ID!, $to: ID!, $asOf: LocalDate) {
  shortestPath(from: $from, to: $to, maxHops: 6, asOf: $asOf) { nodes { ${summary} } relationships { key type role from { key } to { key } sources { ${citation} } } }
}`;

export interface PairData {
  key: string;
  type: string;
  from: EntitySummary;
  to: EntitySummary;
  since: string | null;
  until: string | null;
  sources: Citation[];
  coPublication: CoPublicationData | null;
}

/** One relationship (a pair of entities) by its global id: what a click on a link shows. */
export const PAIR_QUERY = `query ExplorerPair($id: ID!) {
  node(id: $id) {
    ... on Relationship {
      key type since until from { ${summary} } to { ${summary} } sources { ${citation} }
      coPublication { works byYear { year works } topics { name works } examples { id url doi title year } }
    }
  }
}`;

export interface JointWorkData {
  kind: string;
  weight: number;
  via: { key: string; name: string } | null;
  members: Array<{ key: string; name: string }>;
  relationships: Array<{ type: string; role: string | null; since: string | null; until: string | null; amount: number | null; currency: string | null; from: { key: string }; sources: Citation[] }>;
}

export interface CandidateData {
  rank: number;
  strength: number;
  connectedTo: number;
  organization: { key: string; name: string; kind: string | null };
  evidence: Array<{ with: { key: string; name: string }; evidence: Array<{ kind: string; weight: number; via: { key: string; name: string } | null; relationships: Array<{ sources: Citation[] }> }> }>;
}

export interface ConsortiumData {
  consortiumTable: { members: Array<{ key: string; name: string; themes: string[] }>; jointWork: JointWorkData[] } | null;
  candidatePartners?: CandidateData[] | null;
  unconnectedCandidates?: Array<{ key: string; name: string; kind: string | null; themes: string[] }> | null;
  /** The themes the candidates were asked in when the members' shared ones were used (none picked). */
  sharedThemes?: string[];
}

/**
 * The consortium's themes when none is picked: those at least half of its members (and at least
 * two) work on; none when they share nothing. A health consortium of a hospital, a university
 * and an institute gets health and research, not every theme one of them has.
 */
export function sharedThemes(members: Array<{ themes: string[] }>): string[] {
  const counts = new Map<string, number>();
  for (const member of members) for (const theme of new Set(member.themes)) counts.set(theme, (counts.get(theme) ?? 0) + 1);
  const needed = Math.max(2, Math.ceil(members.length / 2));
  return [...counts].filter(([, count]) => count >= needed).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([theme]) => theme);
}

/**
 * A consortium being built: what its members did together, the candidates to complete it, each
 * with sources, and the organisations of the themes asked with no link to it yet.
 */
export const CONSORTIUM_QUERY = `query ExplorerConsortium($organizations: [ID!]!, $asOf: LocalDate) {
  consortiumTable(organizations: $organizations, asOf: $asOf) {
    members { ${named} themes }
    jointWork { kind weight via { ${named} } members { ${named} }
      relationships { type role since until amount currency from { key } sources { ${citation} } } }
  }
}`;

/**
 * The candidates to complete a consortium, of the kinds and themes asked, and the organisations
 * of those themes with no link to it yet (themes: the one picked, else those the members share).
 */
export const CANDIDATES_QUERY = `query ExplorerCandidates($organizations: [ID!]!, $asOf: LocalDate, $kinds: [String!], $themes: [String!], $withUnconnected: Boolean!) {
  candidatePartners(organizations: $organizations, asOf: $asOf, kinds: $kinds, themes: $themes, first: 10) {
    rank strength connectedTo organization { ${named} kind }
    evidence { with { ${named} } evidence { kind weight via { ${named} } relationships { sources { ${citation} } } } }
  }
  unconnectedCandidates(organizations: $organizations, themes: $themes, kinds: $kinds, first: 10) @include(if: $withUnconnected) { ${named} kind themes }
}`;

/** One record of an open dataset waiting for a curator, with the entities it may be. */
export interface PendingMatch {
  id: string;
  dataset: string;
  recordId: string;
  record: Record<string, unknown>;
  source: Citation | null;
  candidates: Array<{ score: number; why: string; entity: (EntitySummary & { city?: string | null }) | null }>;
}

export const REVIEW_QUEUE_QUERY = `query ExplorerReviewQueue($after: String) {
  pendingMatches(first: 20, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id dataset recordId record source { ${citation} } candidates { score why entity { __typename ${named} ... on Organization { kind city } } } }
  }
}`;

export const DECIDE_MATCH = `mutation ExplorerDecideMatch($input: DecideMatchInput!) {
  decideMatch(input: $input) { id status entity { __typename ${named} } }
}`;
