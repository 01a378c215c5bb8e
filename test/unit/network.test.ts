import { describe, expect, it } from 'vitest';

import type { RelationshipRecord } from '../../src/domains/entity/entity.model.js';
import { computeMetrics, computePartnershipMetrics } from '../../src/network/analytics.js';
import { egoNetwork } from '../../src/network/egoNetwork.js';
import { toEdgesCsv, toGraphml } from '../../src/network/export/formats.js';
import type { EvidenceRecord } from '../../src/network/network.model.js';
import { evidenceOn, rankPartners } from '../../src/network/partners.js';

function relationship(id: string, fromId: string, toId: string, extra: Partial<RelationshipRecord> = {}): RelationshipRecord {
  return { id, type: 'PARTICIPATES_IN', fromId, toId, role: null, since: null, until: null, sinceFrom: null, untilTo: null, amount: null, currency: null, note: null, citations: ['s#line 1'], ...extra };
}

function evidence(partnerId: string, viaId: string | null, extra: Partial<RelationshipRecord> = {}): EvidenceRecord {
  return { kind: viaId ? 'SHARED_PROJECT' : 'DIRECT', partnerId, viaId, relationships: [relationship(`${partnerId}-${viaId}`, 'a', viaId ?? partnerId, extra)] };
}

const entity = (id: string, label: 'Organization' | 'Project' = 'Organization') =>
  ({ id, label, name: id, slug: id, citations: [], themes: [], aliasesFr: [], aliasesEn: [] }) as never;

describe('partners from evidence', () => {
  it('ranks partners by the weight of their evidence, shared items before direct links', () => {
    const ranked = rankPartners([evidence('b', null), evidence('c', 'p1'), evidence('b', 'p2'), evidence('b', 'p1')]);
    expect(ranked.map((partner) => [partner.organizationId, partner.strength])).toEqual([
      ['b', 9],
      ['c', 3],
    ]);
    expect(ranked[0]!.evidence.map((item) => item.viaId)).toEqual(['p1', 'p2', null]);
  });

  it('weighs a joint project above backing the same initiative, and both above shared memberships, a shared item by its weaker side', () => {
    const shared = (partnerId: string, kind: 'SHARED_PROJECT' | 'SHARED_MEMBERSHIP', viaId: string, types: [string, string]): EvidenceRecord => ({
      kind, partnerId, viaId,
      relationships: [relationship(`a-${viaId}`, 'a', viaId, { type: types[0] as never }), relationship(`${partnerId}-${viaId}`, partnerId, viaId, { type: types[1] as never })],
    });
    const ranked = rankPartners([
      shared('members', 'SHARED_MEMBERSHIP', 'association', ['MEMBER_OF', 'MEMBER_OF']),
      shared('members', 'SHARED_MEMBERSHIP', 'network', ['FOUNDING_MEMBER_OF', 'MEMBER_OF']),
      shared('cosigner', 'SHARED_PROJECT', 'appeal', ['SIGNED', 'LEADS']),
      shared('coworker', 'SHARED_PROJECT', 'project', ['LEADS', 'PARTICIPATES_IN']),
    ]);
    expect(ranked.map((partner) => [partner.organizationId, partner.strength])).toEqual([
      ['coworker', 3],
      ['cosigner', 2],
      ['members', 2],
    ]);
  });

  it('keeps only the evidence that held on a day', () => {
    const old = evidence('b', 'p1', { sinceFrom: '2010-01-01', untilTo: '2012-12-31' });
    const recent = evidence('c', 'p2', { sinceFrom: '2025-01-01' });
    expect(evidenceOn([old, recent], '2011-06-01').map((item) => item.partnerId)).toEqual(['b']);
    expect(evidenceOn([old, recent], null)).toHaveLength(2);
  });
});

describe('ego networks', () => {
  const all = [relationship('1', 'a', 'b'), relationship('2', 'a', 'c'), relationship('3', 'b', 'd'), relationship('4', 'c', 'b')];
  const neighbours: Record<string, string[]> = { a: ['b', 'c'], b: ['a', 'd'], c: ['a', 'b'], d: ['b'] };
  function recordingReader() {
    const calls: Array<[string, string[], (number | string[])?]> = [];
    const read = {
      step: async (ids: string[], cap: number, kept: string[]) => {
        calls.push(['step', ids, cap]);
        return ids.map((id) => neighbours[id]!.filter((other) => !kept.includes(other)).slice(0, cap));
      },
      reachesBeyond: async (ids: string[], kept: string[]) => {
        calls.push(['reachesBeyond', ids, kept]);
        return ids.some((id) => neighbours[id]!.some((other) => !kept.includes(other)));
      },
      among: async (ids: string[]) => {
        calls.push(['among', ids]);
        return { entities: ids.map((id) => entity(id)), relationships: all.filter((edge) => ids.includes(edge.fromId) && ids.includes(edge.toId)) };
      },
    };
    return { calls, read };
  }
  const options = (depth: number, limit: number) => ({ depth, limit, types: null, labels: null, asOf: null });

  it('reads one level per round trip, then the relationships among the nodes kept', async () => {
    const { calls, read } = recordingReader();
    const full = await egoNetwork(entity('a'), options(1, 10), read);
    expect(calls).toEqual([
      ['step', ['a'], 10],
      ['among', ['a', 'b', 'c']],
    ]);
    expect(full.nodes.map((node) => [node.entity.id, node.distance, node.degree])).toEqual([
      ['a', 0, 2],
      ['b', 1, 2],
      ['c', 1, 2],
    ]);
    expect(full.edges.map((edge) => edge.id).sort()).toEqual(['1', '2', '4']);
    expect(full.truncated).toBe(false);
  });

  it('stops adding nodes at the limit and reads no further level once the cut is known', async () => {
    const { calls, read } = recordingReader();
    const cut = await egoNetwork(entity('a'), options(2, 2), read);
    expect(cut.truncated).toBe(true);
    expect(cut.nodes.map((node) => node.entity.id)).toEqual(['a', 'b']);
    expect(calls.map(([name]) => name)).toEqual(['step', 'among']);
  });

  it('asks whether the last level reaches beyond a set that filled up exactly', async () => {
    const beyond = recordingReader();
    const full = await egoNetwork(entity('a'), options(2, 3), beyond.read);
    expect(beyond.calls).toEqual([
      ['step', ['a'], 3],
      ['reachesBeyond', ['b', 'c'], ['a', 'b', 'c']],
      ['among', ['a', 'b', 'c']],
    ]);
    expect(full.truncated).toBe(true);
    const whole = recordingReader();
    const everything = await egoNetwork(entity('a'), options(3, 4), whole.read);
    expect(everything.truncated).toBe(false);
    // The second level has room for one more node: each entity gives at most two new ones.
    expect(whole.calls.slice(0, 3)).toEqual([
      ['step', ['a'], 4],
      ['step', ['b', 'c'], 2],
      ['reachesBeyond', ['d'], ['a', 'b', 'c', 'd']],
    ]);
  });
});

describe('graph metrics', () => {
  it('finds the bridge between two triangles and two communities, the same at every run', () => {
    const graph = {
      nodes: [
        { id: 'a', label: 'Organization' as const, targets: ['b', 'c'] },
        { id: 'b', label: 'Organization' as const, targets: ['c'] },
        { id: 'c', label: 'Organization' as const, targets: ['x'] },
        { id: 'x', label: 'Organization' as const, targets: ['y', 'z'] },
        { id: 'y', label: 'Organization' as const, targets: ['z'] },
        { id: 'z', label: 'Organization' as const, targets: [] },
      ],
    };
    const first = computeMetrics(graph);
    expect(first).toEqual(computeMetrics(graph));
    const byId = Object.fromEntries(first.ranking.map((record) => [record.entityId, record]));
    expect(byId.c!.betweenness).toBeGreaterThan(byId.a!.betweenness!);
    expect(byId.c!.degree).toBe(3);
    expect(first.communities.map((community) => community.memberIds.sort())).toEqual([
      ['a', 'b', 'c'],
      ['x', 'y', 'z'],
    ]);
    // Two triangles and a bridge: 7 links, each side 3 inside and degree 7 in all: Q = 2 (3/7 - (7/14)²) = 5/14.
    expect(first.modularity).toBeCloseTo(5 / 14, 10);
    expect(first.communityOf.get('x')).toBe(first.communities.find((community) => community.memberIds.includes('x'))!.id);
  });
});

describe('export writers', () => {
  const subgraph = {
    nodes: [{ entity: { ...(entity('a&b') as object), name: 'A <&> "B"' }, degree: 1, distance: 0 }, { entity: entity('c'), degree: 1, distance: 1 }],
    edges: [relationship('r1', 'a&b', 'c', { role: '=cmd|"x",y', note: null })],
    truncated: false,
  };

  it('escapes XML in GraphML', () => {
    const graphml = toGraphml(subgraph as never);
    expect(graphml).toContain('<node id="a&amp;b">');
    expect(graphml).toContain('A &lt;&amp;&gt; &quot;B&quot;');
  });

  it('quotes CSV fields and neutralises formulas', () => {
    const csv = toEdgesCsv(subgraph as never);
    expect(csv.split('\r\n')[1]).toBe(`r1,a&b,c,Directed,PARTICIPATES_IN,"'=cmd|""x"",y",,,1,,s#line 1`);
  });
});

describe('the partition of a larger graph', () => {
  it('reports the modularity graphology-metrics measures for the partition it gives, the best of its seeds', async () => {
    const { UndirectedGraph } = await import('graphology');
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const modularity = require('graphology-metrics/graph/modularity') as (graph: unknown, options: { getNodeCommunity: (node: string) => number }) => number;
    const louvain = require('graphology-communities-louvain') as { detailed(graph: unknown, options: { rng: () => number }): { modularity: number } };
    const { seededRandom } = await import('../../src/network/seededRandom.js');
    // Five groups of twelve, dense inside, a few links across, from a seeded generator written for this test.
    const random = seededRandom(3);
    const nodes = Array.from({ length: 60 }, (_, index) => ({ id: `n${index}`, label: 'Organization' as const, targets: [] as string[] }));
    for (const [index, node] of nodes.entries()) {
      for (const [other, target] of nodes.entries()) {
        if (other <= index) continue;
        const sameGroup = Math.floor(index / 12) === Math.floor(other / 12);
        if (random() < (sameGroup ? 0.4 : 0.02)) node.targets.push(target.id);
      }
    }
    const metrics = computeMetrics({ nodes });
    const graph = new UndirectedGraph();
    for (const node of nodes) graph.mergeNode(node.id);
    for (const node of nodes) for (const target of node.targets) graph.mergeEdge(node.id, target);
    expect(metrics.modularity).toBeCloseTo(modularity(graph, { getNodeCommunity: (node) => metrics.communityOf.get(node)! }), 10);
    for (const seed of [7, 1, 2]) expect(metrics.modularity!).toBeGreaterThanOrEqual(louvain.detailed(graph, { rng: seededRandom(seed) }).modularity - 1e-12);
  });
});

describe('the partnership network', () => {
  it('weighs each pair by its strength: strength is the weighted degree, and the partition and its modularity use the weights', async () => {
    const { createRequire } = await import('node:module');
    const { UndirectedGraph } = await import('graphology');
    const modularity = createRequire(import.meta.url)('graphology-metrics/graph/modularity') as (graph: unknown, options: { getNodeCommunity: (node: string) => number; getEdgeWeight: string }) => number;
    // Two pairs of strong partners, held together by weak links; and an organisation without partners.
    const network = {
      organizations: ['a', 'b', 'c', 'd', 'lonely'],
      links: [
        { from: 'a', to: 'b', strength: 9 },
        { from: 'c', to: 'd', strength: 9 },
        { from: 'b', to: 'c', strength: 1 },
        { from: 'a', to: 'd', strength: 1 },
      ],
    };
    const metrics = computePartnershipMetrics(network);
    const byId = Object.fromEntries(metrics.ranking.map((record) => [record.entityId, record]));
    expect([byId.a!.strength, byId.b!.strength, byId.lonely!.strength]).toEqual([10, 10, 0]);
    expect([byId.a!.degree, byId.lonely!.degree]).toEqual([2, 0]);
    expect(metrics.communityOf.get('a')).toBe(metrics.communityOf.get('b'));
    expect(metrics.communityOf.get('a')).not.toBe(metrics.communityOf.get('c'));
    const graph = new UndirectedGraph();
    for (const id of network.organizations) graph.addNode(id);
    for (const link of network.links) graph.addEdge(link.from, link.to, { weight: link.strength });
    expect(metrics.modularity).toBeCloseTo(modularity(graph, { getNodeCommunity: (node) => metrics.communityOf.get(node)!, getEdgeWeight: 'weight' }), 10);
  });
});

describe('the structure measures', () => {
  it('give clustering, core numbers and connected components as worked by hand on a small graph', () => {
    // A triangle a-b-c with a tail c-d, a separate pair f-g, and e alone.
    const metrics = computeMetrics({
      nodes: [
        { id: 'a', label: 'Organization' as const, targets: ['b', 'c'] },
        { id: 'b', label: 'Organization' as const, targets: ['c'] },
        { id: 'c', label: 'Organization' as const, targets: ['d'] },
        { id: 'd', label: 'Organization' as const, targets: [] },
        { id: 'e', label: 'Organization' as const, targets: [] },
        { id: 'f', label: 'Organization' as const, targets: ['g'] },
        { id: 'g', label: 'Organization' as const, targets: [] },
      ],
    });
    const byId = Object.fromEntries(metrics.ranking.map((record) => [record.entityId, record]));
    expect(Object.fromEntries(Object.entries(byId).map(([id, record]) => [id, [record.clustering, record.core, record.component]]))).toEqual({
      a: [1, 2, 0], b: [1, 2, 0], c: [1 / 3, 2, 0], d: [0, 1, 0], e: [0, 0, 2], f: [0, 1, 1], g: [0, 1, 1],
    });
    expect(metrics.components).toBe(3);
  });
});
