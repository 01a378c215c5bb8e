import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';

import { useTestApi } from '../helpers/testApi.js';

const api = useTestApi();

async function download(path: string) {
  const response = await fetch(`${api.current.url}${path}`);
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
}

describe('exports of maps and ego networks over GET', () => {
  it('writes GEXF that Gephi can read: nodes and edges with their attributes', async () => {
    const { status, type, body } = await download('/export/ego?center=plantnet&depth=1&format=gexf');
    expect(status).toBe(200);
    expect(type).toContain('application/gexf+xml');
    const document = new DOMParser().parseFromString(body, 'text/xml');
    const nodes = Array.from(document.getElementsByTagName('node')).map((node) => node.getAttribute('label'));
    expect(nodes).toEqual(expect.arrayContaining(['Pl@ntNet', 'Inria', 'Agropolis Fondation']));
    expect(document.getElementsByTagName('edge').length).toBeGreaterThanOrEqual(7);
  });

  it('writes GraphML whose edges join declared nodes', async () => {
    const { status, body } = await download('/export/map?format=graphml&kinds=ORGANIZATION&themes=health');
    expect(status).toBe(200);
    const document = new DOMParser().parseFromString(body, 'text/xml');
    const ids = new Set(Array.from(document.getElementsByTagName('node')).map((node) => node.getAttribute('id')));
    expect(ids.has('chu-montpellier')).toBe(true);
    for (const edge of Array.from(document.getElementsByTagName('edge'))) {
      expect(ids.has(edge.getAttribute('source'))).toBe(true);
      expect(ids.has(edge.getAttribute('target'))).toBe(true);
    }
  });

  it('writes CSV nodes and edges with a header and quoted fields', async () => {
    const nodes = await download('/export/ego?center=chu-montpellier&format=nodes.csv');
    const [header, ...rows] = nodes.body.trim().split('\r\n');
    expect(header).toBe('Id,Label,kind,subkind,themes,city,degree,degreeInView,neighbours,betweenness,community,distance,sources');
    expect(rows.find((row) => row.startsWith('chu-montpellier,'))).toContain('Montpellier University Hospital Center');
    // A partnership reads the same from either end: undirected; taking part in a project is one-way.
    const edges = await download('/export/ego?center=chu-montpellier&format=edges.csv');
    expect(edges.body).toMatch(/chu-partners-with-dell,chu-montpellier,dell,Undirected,PARTNERS_WITH/);
    expect(edges.body).toMatch(/,chu-montpellier,ai-health-alliance,Directed,PARTICIPATES_IN/);
    const graphml = (await download('/export/ego?center=chu-montpellier&format=graphml')).body;
    expect(graphml).toMatch(/<edge id="chu-partners-with-dell" source="chu-montpellier" target="dell" directed="false">/);
  });

  it('says what a file holds: its filters in its name, and in the file the filters, the day, the data version and the method', async () => {
    const response = await fetch(`${api.current.url}/export/map?entityTypes=ORGANIZATION&asOf=2024-06-01&format=json`);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="montpellier-ai-map--entityTypes-ORGANIZATION--asOf-2024-06-01.json"');
    const file = (await response.json()) as { meta: { title: string; filters: string; exportedAt: string; dataVersion: number; method: string } };
    expect(file.meta).toMatchObject({ title: 'Map of the Montpellier AI ecosystem', filters: 'entityTypes=ORGANIZATION; asOf=2024-06-01', dataVersion: Number(response.headers.get('x-data-version')) });
    expect(Date.now() - Date.parse(file.meta.exportedAt)).toBeLessThan(60_000);
    expect(file.meta.method).toMatch(/method/);
    const gexf = await (await fetch(`${api.current.url}/export/map?entityTypes=ORGANIZATION&format=gexf`)).text();
    expect(gexf).toMatch(/<meta lastmodifieddate="\d{4}-\d{2}-\d{2}">/);
    expect(gexf).toMatch(/<description>Map of the Montpellier AI ecosystem\. Filters: entityTypes=ORGANIZATION\. Data version \d+/);
    const graphml = await (await fetch(`${api.current.url}/export/ego?center=inria&format=graphml`)).text();
    expect(graphml).toMatch(/<desc>Ego network of inria\. Filters: center=inria\./);
  });

  it('gives every node the whole graph\'s measures, as centralityRanking gives them', async () => {
    type Score = { neighbours: number; betweenness: number; community: number; entity: { key: string } };
    const { data } = await api.current.graphql<{ centralityRanking: { nodes: Score[] } }>('{ centralityRanking(first: 100) { nodes { neighbours betweenness community entity { key } } } }');
    const ranked = new Map(data!.centralityRanking.nodes.map((node) => [node.entity.key, node]));
    const json = JSON.parse((await download('/export/ego?center=chu-montpellier&format=json')).body) as { nodes: Array<{ id: string; neighbours: number; betweenness: number; community: number }> };
    let compared = 0;
    for (const node of json.nodes) {
      const expected = ranked.get(node.id);
      if (!expected) continue;
      expect([node.neighbours, node.betweenness, node.community], node.id).toEqual([expected.neighbours, expected.betweenness, expected.community]);
      compared += 1;
    }
    expect(compared).toBeGreaterThan(3);
  });

  it('gives each node its degree in the whole graph, and apart the links it has in the view', async () => {
    const { data } = await api.current.graphql<{ chu: { degree: number }; dell: { degree: number } }>('{ chu: entity(key: "chu-montpellier") { degree } dell: entity(key: "dell") { degree } }');
    const json = JSON.parse((await download('/export/ego?center=dell&format=json')).body) as { nodes: Array<{ id: string; degree: number; degreeInView: number }> };
    const chu = json.nodes.find((node) => node.id === 'chu-montpellier')!;
    // In Dell's ego network at depth 1 the CHU has one link (to Dell); in the whole graph, many.
    expect(chu.degreeInView).toBe(1);
    expect(chu.degree).toBe(data!.chu.degree);
    expect(chu.degree).toBeGreaterThan(1);
    expect(json.nodes.find((node) => node.id === 'dell')!.degree).toBe(data!.dell.degree);
  });

  it('writes JSON and JSON-LD with schema.org terms and the sources', async () => {
    const json = JSON.parse((await download('/export/ego?center=dell&format=json')).body) as { nodes: Array<{ id: string }>; edges: Array<{ type: string; sources: string[] }> };
    expect(json.nodes.map((node) => node.id).sort()).toEqual(['chu-montpellier', 'dell']);
    expect(json.edges[0]).toMatchObject({ type: 'PARTNERS_WITH', sources: ['mm-ai-association-en#line 17'] });
    const ld = JSON.parse((await download('/export/ego?center=dell&format=jsonld')).body) as { '@context': { '@vocab': string }; '@graph': Array<Record<string, unknown>> };
    expect(ld['@context']['@vocab']).toBe('https://schema.org/');
    expect(ld['@graph'].map((item) => item['@type']).sort()).toEqual(['Organization', 'Organization', 'Role']);
  });

  it('uses in JSON-LD only terms that exist: schema.org\'s, and its own `from` and `to`, which /vocab describes; each other name once', async () => {
    type Ld = { '@context': Record<string, string | { '@id': string }>; '@graph': Array<{ '@type': string; name?: string; alternateName?: string[] }> };
    const ld = JSON.parse((await download('/export/ego?center=inria&depth=1&format=jsonld')).body) as Ld;
    const ends = [ld['@context'].from, ld['@context'].to].map((term) => (term as { '@id': string })['@id']);
    expect(ends.every((iri) => iri.startsWith('http') && !iri.startsWith('https://schema.org/'))).toBe(true);
    const vocab = await download(new URL(ends[0]!).pathname);
    expect(vocab.status).toBe(200);
    const defined = (JSON.parse(vocab.body) as { '@graph': Array<{ '@id': string; '@type': string }> })['@graph'];
    expect(defined.map((term) => term['@id'])).toEqual(ends);
    expect(defined.every((term) => term['@type'] === 'rdf:Property')).toBe(true);
    const entities = ld['@graph'].filter((item) => item['@type'] !== 'Role');
    expect(entities.length).toBeGreaterThan(3);
    for (const entity of entities) {
      expect(new Set(entity.alternateName).size, entity.name).toBe(entity.alternateName!.length);
      expect(entity.alternateName, entity.name).not.toContain(entity.name);
    }
  });

  it('answers bad parameters with BAD_USER_INPUT, an unknown centre with NOT_FOUND', async () => {
    const badFormat = await download('/export/map?format=pdf');
    expect(badFormat.status).toBe(400);
    expect(JSON.parse(badFormat.body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const deep = await download('/export/ego?center=inria&depth=9');
    expect(deep.status).toBe(400);
    expect(JSON.parse(deep.body).errors[0].message).toContain('between 1 and 3');
    const unknown = await download('/export/ego?center=nobody');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).errors[0].extensions.code).toBe('NOT_FOUND');
  });
});

describe('the addresses JSON-LD gives', () => {
  it('resolve: every @id of an export is served as JSON-LD to a machine, the relationship as a fragment of its start', async () => {
    const { body } = await download('/export/ego?center=plantnet&depth=1&format=jsonld');
    const graph = (JSON.parse(body) as { '@graph': Array<{ '@id': string; '@type': string }> })['@graph'];
    const documents = new Map<string, Array<{ '@id': string }>>();
    for (const item of graph) {
      const address = new URL(item['@id']);
      const path = address.pathname;
      if (!documents.has(path)) {
        const response = await fetch(`${api.current.url}${path}`, { headers: { accept: 'application/ld+json' } });
        expect(response.status, path).toBe(200);
        expect(response.headers.get('content-type')).toContain('application/ld+json');
        documents.set(path, (JSON.parse(await response.text()) as { '@graph': Array<{ '@id': string }> })['@graph']);
      }
      // The document at that address holds the item itself (an entity, or a relationship of its start).
      expect(documents.get(path)!.map((entry) => entry['@id']), item['@id']).toContain(item['@id']);
    }
    expect(graph.some((item) => item['@type'] === 'Role' && item['@id'].includes('#'))).toBe(true);
  });

  it('sends a browser to the explorer on the entity, and answers 404 for an unknown key', async () => {
    const browser = await fetch(`${api.current.url}/entity/inria`, { headers: { accept: 'text/html,application/xhtml+xml' }, redirect: 'manual' });
    expect(browser.status).toBe(303);
    expect(browser.headers.get('location')).toBe('/explore?view=ego&center=inria&depth=1&node=inria');
    const unknown = await fetch(`${api.current.url}/entity/nobody-at-all`, { headers: { accept: 'application/ld+json' } });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('NOT_FOUND');
  });
});
