import type { Context } from '../../context.js';
import { findEntity, requireEntity } from '../../domains/entity/entityLookup.js';
import { parseCitation, type EntityRecord } from '../../domains/entity/entity.model.js';
import { relationshipViews } from '../../domains/entity/resolvers/relationshipField.js';
import type { EntityLabel } from '../../domains/entity/relationshipTypes.js';
import { checkedKinds } from '../../domains/entity/vocabulary.js';
import { checkRange } from '../../domains/shared/checkRange.js';
import { checkPageSize, cursorAt, pageFrom, scopeFor, toConnection } from '../../domains/shared/connection.js';
import { entityTypesOf, pairOf } from '../../domains/shared/renamedArguments.js';
import { checkedYears } from '../../domains/shared/yearRange.js';
import { BadUserInputError, NotFoundError } from '../../errors.js';
import type { Resolvers } from '../../generated/graphql.js';
import { MAX_HOPS } from '../network.cypher.js';
import type { ConsortiumMemberRecord, EvidenceKind } from '../network.model.js';
import { ALL_YEARS, coPublicationOf, yearWindow } from '../../domains/entity/coPublication.js';
import { findCandidates, findShortestPaths, findUnconnected } from '../network.repository.js';
import { coPublicationsOf } from '../partnerRanking.js';
import { inReadingOrder, rankPartners, sortEvidence, weightOf } from '../partners.js';
import { consortiumJointWork, evidenceHeldOn, rolesOf } from '../jointWork.js';
import { ecosystemMapOf, egoNetworkOf, labelsOf, nonEmpty, partnershipNetworkOf, sliceOf, subgraphProjection } from '../subgraphs.js';

async function partnersOf(organizationId: string, asOf: string | null | undefined, context: Context) {
  const window = yearWindow(null, asOf);
  return rankPartners(await evidenceHeldOn(organizationId, asOf, context), window);
}

type PartnerArgs = {
  asOf?: string | null;
  years?: { from?: number | null; to?: number | null } | null;
  evidence?: EvidenceKind[] | null;
  first?: number | null;
  after?: string | null;
};

/** A page of partners; cursors are scoped to the organisation and the day, years and evidence kinds asked. */
async function partnerConnection(organization: EntityRecord, args: PartnerArgs, context: Context) {
  const { fromYear, toYear } = checkedYears(args.years);
  const evidenceKinds = args.evidence?.length ? [...new Set(args.evidence)].sort() : null;
  const page = pageFrom(args.first, args.after, scopeFor('partners', { organization: organization.id, asOf: args.asOf ?? null, fromYear, toYear, evidenceKinds }));
  const { total, partners } = await context.network
    .partnerPage({ asOf: args.asOf ?? null, fromYear, toYear, evidenceKinds, offset: page.offset, limit: page.limit })
    .load(organization.id);
  const window = { from: fromYear, to: toYear, asOf: args.asOf ?? null };
  return toConnection(page, partners.map((partner) => sortEvidence({ ...partner, evidence: partner.evidence.map((item) => ({ ...item, window })) })), total);
}

/** The set, exclusions, kinds, themes and size of a question about completing a consortium, checked. */
async function consortiumQuestion(
  args: { organizations: string[]; exclude?: string[] | null; kinds?: string[] | null; themes?: string[] | null; first?: number | null },
  context: Context,
) {
  const limit = checkRange('first', args.first ?? 10, 1, 100);
  checkRange('organizations (count)', args.organizations.length, 1, 20);
  checkRange('exclude (count)', (args.exclude ?? []).length, 0, 100);
  const members = await Promise.all(args.organizations.map((reference, i) => requireEntity(reference, `organizations[${i}]`, context, 'Organization')));
  const excluded = (await Promise.all((args.exclude ?? []).map((reference) => findEntity(reference, context)))).flatMap((entity) => (entity ? [entity.id] : []));
  return {
    members: [...new Set(members.map((member) => member.id))],
    exclude: excluded,
    // The same rule as the lists: a kind outside the vocabulary is refused, naming the allowed ones (not an empty answer).
    kinds: checkedKinds('Organization', args.kinds, 'kinds'),
    themes: args.themes?.length ? args.themes.map((theme) => theme.toLowerCase()) : null,
    limit,
  };
}

/** The relationship questions: partners, consortia, candidates, paths, ego networks, maps, metrics. */
export const networkResolvers: Resolvers = {
  Query: {
    partners: async (_parent, args, context) => {
      checkPageSize(args.first);
      const organization = await requireEntity(args.organization, 'organization', context, 'Organization');
      return partnerConnection(organization, args, context);
    },
    coPublications: async (_parent, args, context) => {
      checkPageSize(args.first);
      checkRange('topics (count)', (args.topics ?? []).length, 0, 20);
      const organization = await requireEntity(args.organization, 'organization', context, 'Organization');
      const { fromYear, toYear } = checkedYears(args.years);
      const topics = args.topics?.length ? args.topics : null;
      const page = pageFrom(args.first, args.after, scopeFor('coPublications', { organization: organization.id, fromYear, toYear, topics }));
      const { total, page: partners } = await coPublicationsOf(context.runner, { organization: organization.id, fromYear, toYear, asOf: null, topics, offset: page.offset, limit: page.limit }, context.metrics);
      for (const partner of partners) context.loaders.entityById.prime(partner.partner.id, partner.partner);
      return toConnection(page, partners.map((partner) => ({ ...partner, window: { from: fromYear, to: toYear, asOf: null } })), total);
    },
    commonPartners: async (_parent, args, context) => {
      const [a, b] = pairOf(args);
      const [first, second] = await Promise.all([requireEntity(a, 'organizations', context, 'Organization'), requireEntity(b, 'organizations', context, 'Organization')]);
      const [ofFirst, ofSecond] = await Promise.all([partnersOf(first.id, args.asOf, context), partnersOf(second.id, args.asOf, context)]);
      const secondById = new Map(ofSecond.map((partner) => [partner.organizationId, partner]));
      return ofFirst
        .filter((partner) => secondById.has(partner.organizationId) && partner.organizationId !== second.id)
        .map((partner) => ({ organizationId: partner.organizationId, pair: [first.id, second.id] as [string, string], withFirst: partner.evidence, withSecond: secondById.get(partner.organizationId)!.evidence }))
        .sort((a, b) => b.withFirst.length + b.withSecond.length - (a.withFirst.length + a.withSecond.length) || a.organizationId.localeCompare(b.organizationId));
    },
    together: async (_parent, args, context) => {
      const [a, b] = pairOf(args);
      const [first, second] = await Promise.all([requireEntity(a, 'organizations', context, 'Organization'), requireEntity(b, 'organizations', context, 'Organization')]);
      const partners = await partnersOf(first.id, args.asOf, context);
      return partners.find((partner) => partner.organizationId === second.id)?.evidence ?? [];
    },
    consortiumTable: (_parent, args, context) => consortiumJointWork(args.organizations, args.asOf ?? null, context),
    consortium: async (_parent, args, context) => {
      const project = await requireEntity(args.project, 'project', context, 'Project');
      const views = await relationshipViews(
        project.id,
        { types: ['PARTICIPATES_IN', 'LEADS', 'FUNDS', 'HOSTS', 'SUPPORTS', 'DEVELOPS', 'SIGNED', 'FOUNDED'], direction: 'INCOMING', asOf: args.asOf },
        context,
      );
      const members = new Map<string, ConsortiumMemberRecord>();
      for (const view of views) {
        const member = members.get(view.otherId) ?? { memberId: view.otherId, roles: [], relationships: [] };
        for (const role of rolesOf(view.relationship)) if (!member.roles.includes(role)) member.roles.push(role);
        member.relationships.push(view.relationship);
        members.set(view.otherId, member);
      }
      const leadFirst = (member: ConsortiumMemberRecord) => (member.roles.includes('lead') ? 0 : 1);
      return [...members.values()].sort((a, b) => leadFirst(a) - leadFirst(b) || a.memberId.localeCompare(b.memberId));
    },
    candidatePartners: async (_parent, args, context) => {
      const { after, first, ...question } = args;
      const evidenceKinds = question.evidence?.length ? [...new Set(question.evidence)].sort() : null;
      // Offset cursors, valid for the same question only (the set, filters, day and evidence kinds).
      const page = pageFrom(first ?? 10, after, scopeFor('candidatePartners', { ...question, evidence: evidenceKinds }));
      const candidates = await findCandidates(context.runner, {
        ...(await consortiumQuestion({ ...question, first: page.limit }, context)),
        asOf: args.asOf ?? null,
        evidenceKinds,
        offset: page.offset,
      });
      return candidates.map(({ organization, ...candidate }) => {
        context.loaders.entityById.prime(organization.id, organization);
        const window = yearWindow(null, args.asOf);
        return { ...candidate, cursor: cursorAt(page.scope, candidate.rank - 1), evidence: candidate.evidence.map((item) => ({ ...item, evidence: inReadingOrder(item.evidence).map((piece) => ({ ...piece, window })) })) };
      });
    },
    unconnectedCandidates: async (_parent, args, context) => {
      const organizations = await findUnconnected(context.runner, await consortiumQuestion(args, context));
      for (const organization of organizations) context.loaders.entityById.prime(organization.id, organization);
      return organizations;
    },
    shortestPath: async (_parent, args, context) => {
      const maxHops = checkRange('maxHops', args.maxHops ?? 4, 1, MAX_HOPS);
      const [from, to] = await Promise.all([requireEntity(args.from, 'from', context), requireEntity(args.to, 'to', context)]);
      if (from.id === to.id) return { nodes: [from], relationships: [] };
      const [path] = await findShortestPaths(context.runner, { from: from.id, to: to.id, maxHops, types: nonEmpty(args.types), asOf: args.asOf ?? null, limit: 1 }, false);
      return path ?? null;
    },
    allShortestPaths: async (_parent, args, context) => {
      const maxHops = checkRange('maxHops', args.maxHops ?? 4, 1, MAX_HOPS);
      const limit = checkRange('first', args.first ?? 20, 1, 100);
      const [from, to] = await Promise.all([requireEntity(args.from, 'from', context), requireEntity(args.to, 'to', context)]);
      if (from.id === to.id) return [{ nodes: [from], relationships: [] }];
      return findShortestPaths(context.runner, { from: from.id, to: to.id, maxHops, types: nonEmpty(args.types), asOf: args.asOf ?? null, limit }, true);
    },
    egoNetwork: async (_parent, args, context, info) => {
      const filter = { types: args.types, entityTypes: entityTypesOf(args), asOf: args.asOf, datedOnly: args.datedOnly };
      const ego = await egoNetworkOf(context, args.center, args.depth ?? 1, args.limit ?? 100, filter, subgraphProjection(info));
      if (!ego) throw new NotFoundError(`\`center\`: no entity has the id, key or slug "${args.center.slice(0, 100)}".`);
      return ego;
    },
    ecosystemMap: (_parent, args, context, info) => {
      const { kinds: _former, ...filter } = args.filter ?? {};
      return ecosystemMapOf(context, { ...filter, entityTypes: entityTypesOf(args.filter ?? {}, 'filter.') }, args.limit ?? 500, subgraphProjection(info));
    },
    partnershipMap: async (_parent, args, context) => {
      const network = args.network ?? 'PARTNERSHIPS';
      if (network === 'WHOLE_GRAPH') throw new BadUserInputError('`network`: the whole graph is `ecosystemMap`; a partnership map is PARTNERSHIPS or CO_PUBLICATIONS.', { argument: 'network' });
      const limit = checkRange('limit', args.limit ?? 200, 1, 2000);
      const slice = sliceOf(args);
      const [{ ranking }, map] = await Promise.all([context.metrics.of(context.runner, network, slice), partnershipNetworkOf(context, network, { limit, slice })]);
      return {
        nodes: ranking.slice(0, limit),
        links: map.edges.map((edge) => ({ key: edge.id, fromId: edge.fromId, toId: edge.toId, strength: edge.strength ?? 0, citations: edge.citations ?? [] })),
        truncated: map.truncated,
      };
    },
    centrality: async (_parent, args, context) => {
      const first = checkRange('first', args.first ?? 20, 1, 100);
      const labels = labelsOf(entityTypesOf(args));
      const { ranking } = await context.metrics.get(context.runner);
      return ranking.filter((record) => !labels || labels.includes(record.label as EntityLabel)).slice(0, first);
    },
    centralityRanking: async (_parent, args, context) => {
      const entityTypes = entityTypesOf(args);
      const network = args.network ?? 'WHOLE_GRAPH';
      const slice = sliceOf(args);
      const { asOf, datedOnly } = slice;
      const page = pageFrom(args.first, args.after, scopeFor('centralityRanking', network === 'WHOLE_GRAPH' && !asOf && !datedOnly ? { entityTypes } : { entityTypes, network, asOf, datedOnly }));
      const labels = labelsOf(entityTypes);
      const { ranking, components } = await context.metrics.of(context.runner, network, slice);
      const ranked = ranking.filter((record) => !labels || labels.includes(record.label as EntityLabel));
      return { ...toConnection(page, ranked.slice(page.offset, page.offset + page.limit), ranked.length), componentCount: components };
    },
    communityRanking: async (_parent, args, context) => {
      const network = args.network ?? 'WHOLE_GRAPH';
      const slice = sliceOf(args);
      const { asOf, datedOnly } = slice;
      const resolution = args.resolution ?? 1;
      if (!Number.isFinite(resolution) || resolution < 0.1 || resolution > 10) throw new BadUserInputError(`\`resolution\` must be between 0.1 and 10 (got ${resolution}).`, { argument: 'resolution', min: 0.1, max: 10 });
      const weighted = args.weighted ?? true;
      const standard = network === 'WHOLE_GRAPH' && !asOf && !datedOnly && resolution === 1 && weighted;
      const page = pageFrom(args.first, args.after, scopeFor('communityRanking', standard ? {} : { network, asOf, datedOnly, resolution, weighted }));
      const { communities, modularity } = await context.metrics.of(context.runner, network, slice, { resolution, weighted });
      return { ...toConnection(page, communities.slice(page.offset, page.offset + page.limit), communities.length), modularity };
    },
    communities: async (_parent, args, context) => {
      const first = checkRange('first', args.first ?? 20, 1, 100);
      return (await context.metrics.get(context.runner)).communities.slice(0, first);
    },
  },
  Organization: {
    partners: (organization, args, context) => partnerConnection(organization, args, context),
  },
  CoPublishingPartner: {
    organization: (partner) => partner.partner,
    coPublication: (partner) => coPublicationOf(partner.relationship, partner.window ?? ALL_YEARS)!,
  },
  Partner: { organization: (partner, _args, context) => context.loaders.entityById.load(partner.organizationId) as never },
  PartnerEvidence: {
    via: (evidence, _args, context) => (evidence.viaId ? context.loaders.entityById.load(evidence.viaId) : null),
    weight: (evidence) => weightOf(evidence, evidence.window ?? ALL_YEARS),
  },
  JointWork: {
    via: (work, _args, context) => (work.viaId ? context.loaders.entityById.load(work.viaId) : null),
    members: async (work, _args, context) => (await context.loaders.entityById.loadMany(work.memberIds)).filter((entity): entity is EntityRecord => entity !== null && !(entity instanceof Error)),
  },
  CommonPartner: {
    organization: (common, _args, context) => context.loaders.entityById.load(common.organizationId) as never,
    evidenceWith: (common, _args, context) => [
      { organization: context.loaders.entityById.load(common.pair[0]), evidence: common.withFirst },
      { organization: context.loaders.entityById.load(common.pair[1]), evidence: common.withSecond },
    ] as never,
  },
  ConsortiumMember: { member: (member, _args, context) => context.loaders.entityById.load(member.memberId) as never },
  Candidate: { organization: (candidate, _args, context) => context.loaders.entityById.load(candidate.organizationId) as never },
  CandidateEvidence: { with: (item, _args, context) => context.loaders.entityById.load(item.withId) as never },
  Path: { length: (path) => path.relationships.length },
  GraphNode: { community: (node, _args, context) => context.network.communityOf.load(node.entity.id), degreeInView: (node) => node.degree },
  PartnershipLink: {
    from: (link, _args, context) => context.loaders.entityById.load(link.fromId) as never,
    to: (link, _args, context) => context.loaders.entityById.load(link.toId) as never,
    sources: (link) => link.citations.map(parseCitation),
  },
  CentralityScore: { entity: (record, _args, context) => context.loaders.entityById.load(record.entityId) as never, neighbours: (record) => record.degree },
  Community: {
    size: (community) => community.memberIds.length,
    members: async (community, args, context) => {
      const first = checkRange('first', args.first ?? 20, 1, 100);
      return (await context.loaders.entityById.loadMany(community.memberIds.slice(0, first))).filter((entity): entity is EntityRecord => Boolean(entity) && !(entity instanceof Error));
    },
  },
};

