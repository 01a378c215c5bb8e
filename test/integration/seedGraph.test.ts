import { describe, expect, it } from 'vitest';

import { useTestApi } from '../helpers/testApi.js';

const api = useTestApi();

type Edge = { relationship: { type: string; role: string | null; amount?: number | null; currency?: string | null; sources: Array<{ locator: string; source: { key: string } }> }; node: { key: string; name: string } };

async function relationshipsOf(key: string, types?: string[]): Promise<Edge[]> {
  const response = await api.current.graphql<{ entity: { relationships: { edges: Edge[] } } }>(
    `query($key: ID!, $types: [RelationshipType!]) { entity(key: $key) { relationships(types: $types, first: 100) { edges {
        relationship { type role amount currency sources { locator source { key } } } node { key name } } } } }`,
    { key, types },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.entity.relationships.edges;
}

function citedBy(edge: Edge | undefined): string[] {
  return (edge?.relationship.sources ?? []).map((citation) => citation.source.key);
}

describe('the seed graph', () => {
  it('holds every kind of entity the sources name', async () => {
    const { data } = await api.current.graphql<Record<string, { totalCount: number }> & { sources: unknown[] }>(
      `{ organizations(first: 1) { totalCount } people(first: 1) { totalCount } projects(first: 1) { totalCount }
         labels(first: 1) { totalCount } events(first: 1) { totalCount } sources { key } }`,
    );
    expect(data!.organizations!.totalCount).toBe(57);
    expect(data!.people!.totalCount).toBe(9);
    expect(data!.projects!.totalCount).toBe(21);
    expect(data!.labels!.totalCount).toBe(11);
    expect(data!.events!.totalCount).toBe(9);
    expect(data!.sources).toHaveLength(5);
  });

  it('cites a source with a locator on every entity and every relationship', async () => {
    const { data } = await api.current.graphql<{ organizations: { nodes: Array<{ key: string; sources: unknown[]; relationships: { edges: Edge[] } }> } }>(
      `{ organizations(first: 100) { nodes { key sources { locator } relationships(first: 100) { edges { relationship { type role sources { locator source { key } } } node { key name } } } } } }`,
    );
    for (const organization of data!.organizations.nodes) {
      expect(organization.sources.length, organization.key).toBeGreaterThan(0);
      for (const edge of organization.relationships.edges) expect(edge.relationship.sources.length, `${organization.key} ${edge.relationship.type}`).toBeGreaterThan(0);
    }
  });

  describe('facts of the English release on the association (source 000)', () => {
    it('names Agropolis Fondation and CNRS in the Pl@ntNet consortium, with the platform figures', async () => {
      const partners = await relationshipsOf('plantnet', ['PARTICIPATES_IN']);
      expect(partners.map((edge) => edge.node.key)).toEqual(expect.arrayContaining(['agropolis-fondation', 'cnrs', 'inria', 'cirad', 'ird', 'inrae']));
      expect(citedBy(partners.find((edge) => edge.node.key === 'agropolis-fondation'))).toEqual(['mm-ai-association-en']);
      const { data } = await api.current.graphql<{ project: { started: string; figures: Array<{ name: string; value: number; qualifier: string }> } }>(
        '{ project(key: "plantnet") { started figures { name value qualifier } } }',
      );
      expect(data!.project.started).toBe('2011');
      // "over 25 million users", "in over 200 countries": at least, not exactly.
      expect(data!.project.figures).toEqual(
        expect.arrayContaining([
          { name: 'users', value: 25_000_000, qualifier: 'AT_LEAST' },
          { name: 'countries with users', value: 200, qualifier: 'AT_LEAST' },
          { name: 'images collected', value: 1_000_000_000, qualifier: 'EXACTLY' },
        ]),
      );
    });

    it('has Julie Josse at the Inria – University of Montpellier unit, leading PreMeDICaL, with her 2024 award', async () => {
      const links = await relationshipsOf('julie-josse');
      expect(links.map((edge) => [edge.relationship.type, edge.node.key])).toEqual(
        expect.arrayContaining([
          ['WORKS_AT', 'inria-um-unit'],
          ['LEADS', 'premedical'],
          ['RECEIVED', 'inria-academy-young-researcher-award-2024'],
        ]),
      );
    });

    it('counts over 250 participants at the launch and a partnership of the CHU with Dell', async () => {
      const { data } = await api.current.graphql<{ event: { date: string; figures: Array<{ name: string; value: number; qualifier: string }> } }>(
        '{ event(key: "association-launch-2025") { date figures { name value qualifier } } }',
      );
      expect(data!.event).toEqual({ date: '2025-02-17', figures: [{ name: 'participants', value: 250, qualifier: 'AT_LEAST' }] });
      const dell = (await relationshipsOf('chu-montpellier', ['PARTNERS_WITH'])).find((edge) => edge.node.key === 'dell');
      expect(citedBy(dell)).toEqual(['mm-ai-association-en']);
    });
  });

  describe('facts of the appeal for the IA Cluster bid (source 001)', () => {
    it('has Yann LeCun signing the appeal, working at Meta', async () => {
      const links = await relationshipsOf('yann-lecun');
      expect(links.map((edge) => [edge.relationship.type, edge.node.key, edge.relationship.role])).toEqual(
        expect.arrayContaining([
          ['SIGNED', 'ai-appeal', null],
          ['WORKS_AT', 'meta', 'Director of AI research and vice-president'],
        ]),
      );
    });

    it('has the University presenting vIA-UM as its project (no source says "leads"), heard by the jury on 8 January 2024', async () => {
      const participants = await relationshipsOf('via-um', ['PARTICIPATES_IN']);
      const university = participants.find((edge) => edge.node.key === 'university-of-montpellier');
      expect(university?.relationship.role).toBeNull();
      expect(citedBy(university)).toEqual(['ai-cluster-appeal-en', 'rts-association-ia-fr']);
      const applicants = await relationshipsOf('ia-cluster-call', ['PARTICIPATES_IN']);
      expect(applicants.map((edge) => [edge.node.key, edge.relationship.role]).sort()).toEqual([
        ['montpellier-metropole', 'applicant'],
        ['university-of-montpellier', 'applicant'],
      ]);
      const { data } = await api.current.graphql<{ event: { date: string; city: string } }>('{ event(key: "ia-cluster-hearing") { date city } }');
      expect(data!.event).toEqual({ date: '2024-01-08', city: 'Paris' });
    });

    it('puts Dedalus in ERIOS#1 with the CHU and the University', async () => {
      const participants = await relationshipsOf('erios-1', ['PARTICIPATES_IN']);
      expect(participants.map((edge) => edge.node.key).sort()).toEqual(['chu-montpellier', 'dedalus', 'university-of-montpellier']);
    });
  });

  describe('facts of the French article on the ecosystem (source 002)', () => {
    it('knows the AI Health Alliance by its French name', async () => {
      const { data } = await api.current.graphql<{ project: { name: string; aliases: { fr: string[] }; sources: Array<{ source: { key: string; language: string } }> } }>(
        '{ project(key: "ai-health-alliance") { name aliases { fr } sources { source { key language } } } }',
      );
      expect(data!.project.aliases.fr).toContain('Alliance Santé IA');
      expect(data!.project.sources.map((citation) => citation.source)).toContainEqual({ key: 'ecosysteme-ia-fr', language: 'fr' });
    });

    it('places Adastra 20th in the world, at CINES', async () => {
      const links = await relationshipsOf('adastra');
      const rank = links.find((edge) => edge.node.key === 'supercomputer-world-ranking-20th');
      expect(citedBy(rank)).toContain('ecosysteme-ia-fr');
      expect(links.find((edge) => edge.relationship.type === 'HOSTS')?.node.key).toBe('cines');
    });

    it('dates the association launch to 17 February 2025', async () => {
      const { data } = await api.current.graphql<{ organization: { disputes: Array<{ property: string; claims: Array<{ value: string; sources: Array<{ source: { key: string } }> }> }> } }>(
        '{ organization(key: "ia-montpellier-mediterranee") { disputes { property claims { value sources { source { key } } } } } }',
      );
      const founding = data!.organization.disputes.find((dispute) => dispute.property === 'foundingDate')!;
      const february = founding.claims.find((claim) => claim.value === '2025-02-17')!;
      expect(february.sources.map((citation) => citation.source.key)).toContain('ecosysteme-ia-fr');
    });
  });

  describe('facts of the September 2025 article (source 003)', () => {
    it('has Anne Laurent presiding the association and the Metropole funding it with 500,000 euros', async () => {
      const links = await relationshipsOf('ia-montpellier-mediterranee', ['HOLDS_OFFICE', 'FUNDS']);
      const president = links.find((edge) => edge.relationship.type === 'HOLDS_OFFICE');
      expect([president?.node.name, president?.relationship.role]).toEqual(['Anne Laurent', 'President']);
      const funding = links.find((edge) => edge.relationship.type === 'FUNDS');
      expect([funding?.node.key, funding?.relationship.amount, funding?.relationship.currency]).toEqual(['montpellier-metropole', 500000, 'EUR']);
      expect(citedBy(funding)).toEqual(['rts-association-ia-fr']);
    });

    it('calls vIA-UM preselected for the IA Cluster call', async () => {
      const { data } = await api.current.graphql<{ project: { status: string; sources: Array<{ source: { key: string } }> } }>(
        '{ project(key: "via-um") { status sources { source { key } } } }',
      );
      expect(data!.project.status).toBe('preselected');
      expect(data!.project.sources.map((citation) => citation.source.key)).toContain('rts-association-ia-fr');
    });
  });

  describe('facts of the council deliberation (source 004)', () => {
    it('models the deliberation as a decision: adopted by the Metropole at the session of 3 October 2023, 79 votes for, none against, establishing the mission', async () => {
      const { data } = await api.current.graphql<{ project: { kind: string; started: string; figures: Array<{ name: string; value: number; qualifier: string; sources: Array<{ locator: string }> }> } }>(
        '{ project(key: "deliberation-m2023-351-decision") { kind started figures { name value qualifier sources { locator } } } }',
      );
      expect(data!.project.kind).toBe('decision');
      expect(data!.project.started).toBe('2023-10-03');
      expect(data!.project.figures).toContainEqual({ name: 'votes in favour', value: 79, qualifier: 'EXACTLY', sources: [{ locator: 'line 128' }] });
      expect(data!.project.figures).toContainEqual({ name: 'votes against', value: 0, qualifier: 'EXACTLY', sources: [{ locator: 'line 129' }] });
      const links = await relationshipsOf('deliberation-m2023-351-decision');
      expect(links.map((edge) => [edge.relationship.type, edge.node.key]).sort()).toEqual([
        ['ADOPTED', 'montpellier-metropole'],
        ['ADOPTED_AT', 'council-session-2023-10-03'],
        ['ESTABLISHES', 'mission-territoriale-ia'],
      ]);
    });

    it('has the Metropole leading the territorial AI mission, and no signature the source does not give', async () => {
      const links = await relationshipsOf('mission-territoriale-ia');
      expect(links.map((edge) => [edge.relationship.type, edge.node.key])).toEqual(expect.arrayContaining([['LEADS', 'montpellier-metropole']]));
      expect(links.filter((edge) => edge.relationship.type === 'SIGNED')).toEqual([]);
    });

    it('has the Metropole support AICET, and no founder or founding year of the territorial committee that the line does not give', async () => {
      const links = await relationshipsOf('montpellier-metropole', ['FOUNDED', 'SUPPORTS']);
      expect(links.map((edge) => edge.node.key)).toContain('aicet');
      expect(links.map((edge) => edge.node.key)).not.toContain('comite-territorial-ia');
      expect(new Set(citedBy(links.find((edge) => edge.node.key === 'aicet')))).toEqual(new Set(['deliberation-m2023-351']));
    });
  });

  describe('disagreements between sources', () => {
    const cases: Array<[string, string, Record<string, string[]>]> = [
      ['ia-montpellier-mediterranee', 'foundingDate', { '2025-02-17': ['mm-ai-association-en', 'ecosysteme-ia-fr'], '2025-09-25': ['rts-association-ia-fr'] }],
      ['ia-montpellier-mediterranee', 'foundingMemberCount', { '7': ['mm-ai-association-en', 'ecosysteme-ia-fr'], '6': ['rts-association-ia-fr'] }],
      ['plantnet', 'consortium', { 'Inria, CIRAD, IRD, INRAE, CNRS, Agropolis Fondation': ['mm-ai-association-en'], 'CIRAD, IRD, INRAE, Inria and laboratories of the University of Montpellier': ['ai-cluster-appeal-en'] }],
      ['septeo-brain', 'relationToSepteo', { "Septeo's laboratory": ['ecosysteme-ia-fr'], 'named apart from Septeo': ['mm-ai-association-en'] }],
    ];
    it.each(cases)('shows both sides of %s %s with their sources', async (key, property, expected) => {
      const { data } = await api.current.graphql<{ entity: { disputes: Array<{ property: string; claims: Array<{ value: string; sources: Array<{ source: { key: string } }> }> }> } }>(
        'query($key: ID!) { entity(key: $key) { disputes { property claims { value sources { source { key } } } } } }',
        { key },
      );
      const dispute = data!.entity.disputes.find((candidate) => candidate.property === property)!;
      const sides = Object.fromEntries(dispute.claims.map((claim) => [claim.value, [...new Set(claim.sources.map((citation) => citation.source.key))].sort()]));
      expect(sides).toEqual(Object.fromEntries(Object.entries(expected).map(([value, keys]) => [value, [...keys].sort()])));
    });
  });

  describe('what the sources state as intentions', () => {
    it('marks as planned what the deliberation says the Metropole will do, and nothing it says is done', async () => {
      const { data } = await api.current.graphql<{ entity: { relationships: { edges: Array<{ relationship: { key: string; planned: boolean } }> } } }>(
        '{ entity(key: "montpellier-metropole") { relationships(first: 100) { edges { relationship { key planned } } } } }',
      );
      const planned = data!.entity.relationships.edges.filter((edge) => edge.relationship.planned).map((edge) => edge.relationship.key).sort();
      expect(planned).toEqual(['metropole-in-frugal-ai-call', 'metropole-organises-international-meetings', 'metropole-partners-with-education-nationale', 'metropole-supports-aicet', 'metropole-supports-halles-ia']);
      const done = data!.entity.relationships.edges.find((edge) => edge.relationship.key === 'founder-montpellier-metropole')!;
      expect(done.relationship.planned).toBe(false);
    });
  });
});
