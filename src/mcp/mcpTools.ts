import { z } from 'zod';

/**
 * The tools an AI assistant calls, each a thin wrapper of ONE GraphQL operation of this API:
 * the tool's arguments become the operation's variables, the operation runs in-process
 * through the same schema, limits, node budget and error codes as /graphql, and the answer
 * comes back as structured content (the operation's data) with a short text summary. Every
 * entity and relationship carries its sources (title, publisher, date, URL, locator), and the
 * text numbers them (`[1]`, then the list), so an assistant can quote them from the text alone.
 */
export interface ToolDefinition {
  name: string;
  title: string;
  description: string;
  input: z.ZodRawShape;
  query: string;
  /** The variables of the operation from the tool's arguments (by default the arguments themselves). */
  variables?: (args: Record<string, unknown>) => Record<string, unknown>;
  /** A few lines an assistant can read before the structured content; `cite` gives the numbered marks of a fact's sources (`[1][2]`). */
  summarize: (data: Record<string, unknown>, cite: (sources: unknown) => string) => string;
}

const SOURCES = 'sources { locator source { key title publisher published url licence } }';
const RELATIONSHIP = `key type role since until amount currency planned from { key name } to { key name } ${SOURCES}`;
const ENTITY_BRIEF = 'key name __typename';

const reference = (what: string) => z.string().min(1).max(300).describe(`${what}: its key (e.g. \`university-of-montpellier\`), slug or global id.`);
const asOf = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().describe('Only what held on this day (YYYY-MM-DD).');
const EVIDENCE = ['SHARED_PROJECT', 'SHARED_MEMBERSHIP', 'SHARED_UNIT', 'DIRECT', 'CO_PUBLICATION'] as const;
const KINDS = ['ORGANIZATION', 'PERSON', 'PROJECT', 'LABEL', 'EVENT'] as const;

type Row = Record<string, unknown>;
const rows = (value: unknown) => (Array.isArray(value) ? (value as Row[]) : []);
const nameOf = (entity: unknown) => (entity && typeof entity === 'object' ? `${(entity as Row).name as string} (${(entity as Row).key as string})` : '?');
/** The sources of every relationship of a list of evidence items (`{ relationships { sources } }`). */
const evidenceSources = (evidence: unknown) => rows(evidence).flatMap((item) => rows(item.relationships).flatMap((relationship) => rows(relationship.sources)));
const lines = (head: string, items: string[], empty: string) => (items.length === 0 ? empty : [head, ...items.map((item) => `- ${item}`)].join('\n'));

export const TOOLS: ToolDefinition[] = [
  {
    name: 'search_entities',
    title: 'Search the graph',
    description:
      'Finds organisations, people, projects, labels and events of the Montpellier AI ecosystem by name or alias (French or English, accents ignored). Use it first to get the key of an actor named in a question.',
    input: {
      text: z.string().min(1).max(300).describe('Words to look for, e.g. "Inria" or "université montpellier".'),
      entityTypes: z.array(z.enum(KINDS)).optional().describe('Only entities of these types.'),
      first: z.number().int().min(1).max(100).optional().describe('How many hits, 1 to 100 (default 10).'),
    },
    query: `query SearchEntities($text: String!, $entityTypes: [EntityKind!], $first: Int) {
      search(text: $text, entityTypes: $entityTypes, first: $first) { totalCount edges { score node { ${ENTITY_BRIEF} description ${SOURCES} } } } }`,
    variables: (args) => ({ ...args, first: args.first ?? 10 }),
    summarize: (data, cite) => {
      const search = data.search as Row;
      return lines(
        `${search.totalCount as number} match(es):`,
        rows(search.edges).map((edge) => `${nameOf(edge.node)}, ${(edge.node as Row).__typename as string} ${cite((edge.node as Row).sources)}`),
        'Nothing matches.',
      );
    },
  },
  {
    name: 'get_entity',
    title: 'An entity with its relationships and sources',
    description:
      'Everything the graph holds on one entity: its description, names, identifiers, sources, and its relationships (type, role, dates, amount) each with the sources that state it.',
    input: { key: reference('The entity'), first: z.number().int().min(1).max(100).optional().describe('How many relationships, 1 to 100 (default 50).') },
    query: `query GetEntity($key: ID!, $first: Int) {
      entity(key: $key) { ${ENTITY_BRIEF} description names { fr en } aliases { fr en } ${SOURCES}
        ... on Organization { kind city country website ror wikidata pic }
        ... on Project { kind status started ended cordisId }
        relationships(first: $first) { totalCount edges { direction node { ${ENTITY_BRIEF} } relationship { ${RELATIONSHIP} } } } } }`,
    variables: (args) => ({ key: args.key, first: args.first ?? 50 }),
    summarize: (data, cite) => {
      const entity = data.entity as Row | null;
      if (!entity) return 'No entity has this key.';
      const relationships = entity.relationships as Row;
      return lines(
        `${nameOf(entity)}: ${(entity.description as string | null) ?? 'no description'} ${cite(entity.sources)}. ${relationships.totalCount as number} relationship(s):`,
        rows(relationships.edges).map((edge) => {
          const relationship = edge.relationship as Row;
          const detail = [relationship.role, relationship.planned ? 'planned, not done' : null, relationship.since ? `since ${relationship.since as string}` : null, relationship.until ? `until ${relationship.until as string}` : null].filter(Boolean).join(', ');
          return `${relationship.type as string} ${edge.direction === 'OUTGOING' ? '→' : '←'} ${nameOf(edge.node)}${detail ? ` (${detail})` : ''} ${cite(relationship.sources)}`;
        }),
        `${nameOf(entity)}: no relationships.`,
      );
    },
  },
  {
    name: 'find_partners',
    title: 'Partners of an organisation, with evidence',
    description:
      'The organisations an organisation works with, strongest first, each with the evidence (shared projects, shared memberships, direct relationships, co-publications) and its sources.',
    input: {
      organization: reference('The organisation'),
      evidence: z.array(z.enum(EVIDENCE)).optional().describe('Only these kinds of evidence, e.g. ["SHARED_PROJECT"].'),
      asOf,
      first: z.number().int().min(1).max(100).optional().describe('How many partners, 1 to 100 (default 20).'),
    },
    query: `query FindPartners($organization: ID!, $evidence: [EvidenceKind!], $asOf: LocalDate, $first: Int) {
      partners(organization: $organization, evidence: $evidence, asOf: $asOf, first: $first) { totalCount edges { node {
        organization { ${ENTITY_BRIEF} } strength evidence { kind via { ${ENTITY_BRIEF} } relationships { ${RELATIONSHIP} } } } } } }`,
    summarize: (data, cite) => {
      const partners = data.partners as Row;
      return lines(
        `${partners.totalCount as number} partner(s), strongest first:`,
        rows(partners.edges).map((edge) => {
          const node = edge.node as Row;
          return `${nameOf(node.organization)}: strength ${node.strength as number} (${[...new Set(rows(node.evidence).map((item) => item.kind as string))].join(', ')}) ${cite(evidenceSources(node.evidence))}`;
        }),
        'No partners found.',
      );
    },
  },
  {
    name: 'common_partners',
    title: 'Partners two organisations share',
    description: 'The organisations that have worked with both of two organisations, with the evidence on each side.',
    input: {
      organizations: z.array(reference('An organisation')).length(2).optional().describe('The two organisations, as `commonPartners(organizations:)` takes them.'),
      first: reference('Former way to give the first organisation (use `organizations`)').optional(),
      second: reference('Former way to give the second organisation (use `organizations`)').optional(),
      asOf,
    },
    query: `query CommonPartners($organizations: [ID!]!, $asOf: LocalDate) {
      commonPartners(organizations: $organizations, asOf: $asOf) { organization { ${ENTITY_BRIEF} }
        evidenceWith { organization { ${ENTITY_BRIEF} } evidence { kind via { ${ENTITY_BRIEF} } relationships { ${RELATIONSHIP} } } } } }`,
    variables: (args) => ({ organizations: args.organizations ?? [args.first, args.second].filter(Boolean), asOf: args.asOf }),
    summarize: (data, cite) =>
      lines('Partners of both:', rows(data.commonPartners).map((item) => `${nameOf(item.organization)} ${cite(rows(item.evidenceWith).flatMap((side) => evidenceSources(side.evidence)))}`), 'They have no partner in common.'),
  },
  {
    name: 'get_consortium',
    title: 'The consortium of a project',
    description: 'Every member of a project or initiative with its roles (lead, partner, funder, host...) and the relationships and sources behind them.',
    input: { project: reference('The project'), asOf },
    query: `query GetConsortium($project: ID!, $asOf: LocalDate) {
      consortium(project: $project, asOf: $asOf) { member { ${ENTITY_BRIEF} } roles relationships { ${RELATIONSHIP} } } }`,
    summarize: (data, cite) =>
      data.consortium === null
        ? 'No project has this key.'
        : lines(
            'Members:',
            rows(data.consortium).map((member) => `${nameOf(member.member)}: ${(member.roles as string[]).join(', ')} ${cite(rows(member.relationships).flatMap((relationship) => rows(relationship.sources)))}`),
            'The project has no members in the graph.',
          ),
  },
  {
    name: 'suggest_candidate_partners',
    title: 'Candidates to complete a consortium',
    description:
      'Organisations that already work with the most members of a consortium being built (then with the most evidence), optionally only of some kinds or themes, each with its evidence per member.',
    input: {
      organizations: z.array(reference('A member')).min(1).max(20).describe('The members of the consortium (1 to 20).'),
      kinds: z.array(z.string().max(60)).optional().describe('Only these kinds of organisation, e.g. ["company"].'),
      themes: z.array(z.string().max(60)).optional().describe('Only organisations with one of these sectors or themes, e.g. ["health"].'),
      evidence: z.array(z.enum(EVIDENCE)).optional().describe('Only these kinds of evidence count.'),
      first: z.number().int().min(1).max(100).optional().describe('How many candidates, 1 to 100 (default 10).'),
    },
    query: `query SuggestCandidates($organizations: [ID!]!, $kinds: [String!], $themes: [String!], $evidence: [EvidenceKind!], $first: Int) {
      candidatePartners(organizations: $organizations, kinds: $kinds, themes: $themes, evidence: $evidence, first: $first) {
        rank connectedTo strength organization { ${ENTITY_BRIEF} ... on Organization { kind city } }
        evidence { with { ${ENTITY_BRIEF} } evidence { kind via { ${ENTITY_BRIEF} } relationships { ${RELATIONSHIP} } } } } }`,
    summarize: (data, cite) =>
      lines(
        'Candidates, best first:',
        rows(data.candidatePartners).map(
          (candidate) =>
            `${candidate.rank as number}. ${nameOf(candidate.organization)}: works with ${candidate.connectedTo as number} member(s), strength ${candidate.strength as number} ${cite(rows(candidate.evidence).flatMap((item) => evidenceSources(item.evidence)))}`,
        ),
        'No candidates found.',
      ),
  },
  {
    name: 'find_path',
    title: 'How two actors are connected',
    description: 'A shortest chain of relationships between two entities (up to 6 steps), each relationship with its sources.',
    input: {
      from: reference('Where the path starts'),
      to: reference('Where the path ends'),
      maxHops: z.number().int().min(1).max(6).optional().describe('Longest path considered, 1 to 6 (default 4).'),
      asOf,
    },
    query: `query FindPath($from: ID!, $to: ID!, $maxHops: Int, $asOf: LocalDate) {
      shortestPath(from: $from, to: $to, maxHops: $maxHops, asOf: $asOf) { length nodes { ${ENTITY_BRIEF} } relationships { ${RELATIONSHIP} } } }`,
    summarize: (data, cite) => {
      const path = data.shortestPath as Row | null;
      if (!path) return 'No path within the number of steps asked (or an unknown key).';
      const steps = rows(path.relationships).map((relationship) => `${nameOf(relationship.from)} ${relationship.type as string} ${nameOf(relationship.to)} ${cite(relationship.sources)}`);
      return lines(`${path.length as number} step(s): ${rows(path.nodes).map(nameOf).join(' — ')}`, steps, '');
    },
  },
  {
    name: 'ego_network',
    title: 'The neighbourhood of an entity',
    description: 'The entities around one entity up to 1 to 3 steps away and the relationships among them (with sources), for an overview of who is close to whom.',
    input: {
      center: reference('The entity at the centre'),
      depth: z.number().int().min(1).max(3).optional().describe('Steps away, 1 to 3 (default 1).'),
      limit: z.number().int().min(1).max(500).optional().describe('At most this many entities, 1 to 500 as over GraphQL (default 50).'),
    },
    query: `query EgoNetwork($center: ID!, $depth: Int, $limit: Int) {
      egoNetwork(center: $center, depth: $depth, limit: $limit) { truncated nodes { distance entity { ${ENTITY_BRIEF} } } edges { ${RELATIONSHIP} } } }`,
    variables: (args) => ({ ...args, limit: args.limit ?? 50 }),
    summarize: (data) => {
      const ego = data.egoNetwork as Row | null;
      if (!ego) return 'No entity has this key.';
      return `${rows(ego.nodes).length} entities and ${rows(ego.edges).length} relationships${ego.truncated ? ' (cut at the limit)' : ''}: ${rows(ego.nodes)
        .slice(0, 15)
        .map((node) => nameOf(node.entity))
        .join(', ')}`;
    },
  },
  {
    name: 'co_publications',
    title: 'Co-publishing partners of an organisation',
    description: 'The organisations an organisation co-authored scholarly works with (OpenAlex), most works first, with counts per year, topics and example works.',
    input: {
      organization: reference('The organisation'),
      from: z.number().int().min(1000).max(2100).optional().describe('First year counted.'),
      to: z.number().int().min(1000).max(2100).optional().describe('Last year counted.'),
      first: z.number().int().min(1).max(100).optional().describe('How many partners, 1 to 100 (default 20).'),
    },
    query: `query CoPublications($organization: ID!, $years: YearRange, $first: Int) {
      coPublications(organization: $organization, years: $years, first: $first) { totalCount edges { node { organization { ${ENTITY_BRIEF} }
        coPublication { works byYear { year works } topics { name works } examples { id url doi title year } } relationship { ${SOURCES} } } } } }`,
    variables: (args) => ({ organization: args.organization, first: args.first, years: args.from || args.to ? { from: args.from, to: args.to } : null }),
    summarize: (data, cite) => {
      const page = data.coPublications as Row;
      return lines(
        `${page.totalCount as number} co-publishing partner(s):`,
        rows(page.edges).map((edge) => `${nameOf((edge.node as Row).organization)}: ${((edge.node as Row).coPublication as Row).works as number} work(s) ${cite(((edge.node as Row).relationship as Row | null)?.sources)}`),
        'No co-publications in the graph.',
      );
    },
  },
  {
    name: 'list_sources',
    title: 'The documents and datasets the graph cites',
    description: 'The sources of the graph (press articles, official acts, open datasets) with title, publisher, date, URL and licence; optionally only those matching words.',
    input: {
      search: z.string().min(1).max(300).optional().describe('Words to look for in titles, publishers and official numbers.'),
      first: z.number().int().min(1).max(100).optional().describe('How many sources, 1 to 100 (default 20).'),
      after: z.string().max(200).optional().describe('The `endCursor` of the previous page, for the next one.'),
    },
    query: `query ListSources($search: String, $first: Int, $after: String) {
      sourceCatalog(search: $search, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { key title publisher published kind number url licence } } }`,
    summarize: (data) => {
      const page = data.sourceCatalog as Row;
      const pageInfo = page.pageInfo as Row;
      return lines(
        `${page.totalCount as number} source(s)${pageInfo.hasNextPage ? ` (more after cursor ${pageInfo.endCursor as string})` : ''}:`,
        rows(page.nodes).map((source) => `${source.title as string} (${(source.publisher as string | null) ?? 'unknown publisher'}, ${(source.published as string | null) ?? 'undated'})`),
        'No sources match.',
      );
    },
  },
];

const CHANGES = 'changes { sequence action targetKind target author note }';
const mutationInput = (type: string) =>
  z.record(z.string(), z.unknown()).describe(`The mutation's input, a ${type} as the GraphQL schema describes it (resource graph://schema.graphql); it is checked there, with the same typed errors.`);

/**
 * Curation tools, offered only when the server is started with MCP_CURATION=true: each runs
 * one mutation with the caller's API key (CURATOR or ADMIN, as over /graphql), is recorded in
 * the history with its sources, and is refused without a key (UNAUTHENTICATED).
 */
export const CURATION_TOOLS: ToolDefinition[] = [
  {
    name: 'update_entity',
    title: 'Edit an entity (curators)',
    description:
      'Changes properties of an entity (name, description, aliases, city, website...), giving the version read (`expectedVersion`) and at least one source stating the new values. Needs a CURATOR key; recorded in the history.',
    input: { input: mutationInput('UpdateEntityInput') },
    query: `mutation UpdateEntity($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { ${ENTITY_BRIEF} version } ${CHANGES} } }`,
    variables: (args) => ({ input: args.input }),
    summarize: (data) => `Done: ${rows((data.updateEntity as Row).changes).length} change(s) recorded.`,
  },
  {
    name: 'add_relationships',
    title: 'Add relationships (curators)',
    description: 'Adds 1 to 100 relationships between existing entities, with at least one source stating them. Needs a CURATOR key; recorded in the history.',
    input: { input: mutationInput('AddRelationshipsInput') },
    query: `mutation AddRelationships($input: AddRelationshipsInput!) { addRelationships(input: $input) { relationships { ${RELATIONSHIP} } ${CHANGES} } }`,
    variables: (args) => ({ input: args.input }),
    summarize: (data) => `Done: ${rows((data.addRelationships as Row).relationships).length} relationship(s) added.`,
  },
  {
    name: 'decide_match',
    title: 'Decide a pending open-data match (curators)',
    description: 'Accepts, creates or rejects a record of an open dataset waiting in the review queue (see the GraphQL `pendingMatches`). Needs a CURATOR key; the decision is written at once (what the record adds, and its relationships, citing it).',
    input: { input: mutationInput('DecideMatchInput') },
    query: `mutation DecideMatch($input: DecideMatchInput!) { decideMatch(input: $input) { id status entity { ${ENTITY_BRIEF} } decidedBy } }`,
    variables: (args) => ({ input: args.input }),
    summarize: (data) => `Decided: ${((data.decideMatch as Row).status as string).toLowerCase()}.`,
  },
];
