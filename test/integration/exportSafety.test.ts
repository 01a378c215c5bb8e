/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions themselves */
import { parse as parseCsv } from 'csv-parse/sync';
import { SaxesParser } from 'saxes';
import { beforeAll, describe, expect, it } from 'vitest';

import { cypher, runQuery } from '../../src/database/runQuery.js';
import { ADMIN_TOKEN, as, cleanUpCurationAfterAll, ok, SOURCE } from '../helpers/curation.js';
import { useTestApi } from '../helpers/testApi.js';

const PUBLIC_URL = 'https://graph.example.org/api';
const api = useTestApi({ ADMIN_API_KEY: ADMIN_TOKEN, RATE_LIMIT_PER_MINUTE: '0', PUBLIC_URL });
cleanUpCurationAfterAll(api);

/** Names a spreadsheet would read as formulas, and XML's special characters: all valid input. */
const HOSTILE = [
  { key: 'cur-formula', name: '=HYPERLINK("http://evil.example","x")' },
  { key: 'cur-plus', name: '+33 Example' },
  { key: 'cur-minus', name: '-2+3 Example' },
  { key: 'cur-at', name: '@SUM(A1:A9)' },
  { key: 'cur-markup', name: '<b>Tags & "quotes" \'here\'</b>' },
];
/** Stored before writes refused control characters (set straight in the database, as an old import would have). */
const setControlCharacters = cypher(
  'setControlCharactersForTests',
  'WRITE',
  "MATCH (n:Entity {id: 'cur-markup'}) SET n.name = $name, n.city = $city RETURN n.id AS id",
);

beforeAll(async () => {
  for (const { key, name } of HOSTILE) {
    ok(
      await api.current.graphql(
        'mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { key } } }',
        { input: { type: 'ORGANIZATION', key, fields: { name, kind: 'startup', city: 'Montpellier' }, sources: SOURCE } },
        as(ADMIN_TOKEN),
      ),
    );
  }
  ok(
    await api.current.graphql(
      'mutation($input: AddRelationshipsInput!) { addRelationships(input: $input) { relationships { key } } }',
      {
        input: {
          relationships: HOSTILE.map(({ key }) => ({ key: `${key}-partner`, type: 'PARTNERS_WITH', from: key, to: 'inria', role: '=1+1' })),
          sources: SOURCE,
        },
      },
      as(ADMIN_TOKEN),
    ),
  );
  await runQuery({ db: api.current.db }, setControlCharacters, { name: 'Evil\u0000Corp\u0007 <b>', city: '\tTabbed' });
});

async function download(path: string) {
  const response = await fetch(`${api.current.url}${path}`, { headers: { host: 'attacker.example' } });
  return { status: response.status, body: await response.text(), requestId: response.headers.get('x-request-id') };
}

function strictXml(text: string): string[] {
  const errors: string[] = [];
  const parser = new SaxesParser();
  parser.on('error', (error) => errors.push(error.message));
  parser.write(text).close();
  return errors;
}

const EGO = '/export/ego?center=inria&depth=1&limit=500';
const MAP = '/export/map?limit=2000';

describe('exports with hostile names in the graph', () => {
  it('writes GEXF and GraphML that a strict XML parser reads, for the map and an ego network', async () => {
    for (const base of [EGO, MAP]) {
      for (const format of ['gexf', 'graphml']) {
        const { status, body } = await download(`${base}&format=${format}`);
        expect(status).toBe(200);
        expect(strictXml(body), `${base} ${format}`).toEqual([]);
        expect(body).toContain('EvilCorp');
        expect(body).toContain('EvilCorp &lt;b');
      }
    }
  });

  it('writes CSV that a CSV reader reads back, formulas neutralised and numbers untouched', async () => {
    const nodes = parseCsv((await download(`${EGO}&format=nodes.csv`)).body, { columns: true }) as Array<Record<string, string>>;
    const byId = new Map(nodes.map((row) => [row.Id, row]));
    expect(byId.get('cur-formula')!.Label).toBe('\'=HYPERLINK("http://evil.example","x")');
    expect(byId.get('cur-plus')!.Label).toBe("'+33 Example");
    expect(byId.get('cur-minus')!.Label).toBe("'-2+3 Example");
    expect(byId.get('cur-at')!.Label).toBe("'@SUM(A1:A9)");
    expect(byId.get('cur-markup')!.city).toBe("'\tTabbed");
    expect(byId.get('inria')!.distance).toBe('0');
    expect(byId.get('cur-at')!.distance).toBe('1');
    expect(Number(byId.get('inria')!.degree)).toBeGreaterThan(5);

    const mapNodes = parseCsv((await download(`${MAP}&format=nodes.csv`)).body, { columns: true }) as Array<Record<string, string>>;
    // A map has no centre: the distance is empty, not a formula-escaped -1.
    expect(new Set(mapNodes.map((row) => row.distance))).toEqual(new Set(['']));

    const edges = parseCsv((await download(`${EGO}&format=edges.csv`)).body, { columns: true }) as Array<Record<string, string>>;
    expect(edges.find((row) => row.Id === 'cur-formula-partner')!.role).toBe("'=1+1");
  });

  it('writes JSON and JSON-LD that parse, with ids built from PUBLIC_URL and not from the Host header', async () => {
    const json = JSON.parse((await download(`${EGO}&format=json`)).body) as { nodes: Array<{ id: string; label: string }> };
    expect(json.nodes.find((node) => node.id === 'cur-formula')!.label).toBe('=HYPERLINK("http://evil.example","x")');
    const ld = JSON.parse((await download(`${EGO}&format=jsonld`)).body) as { '@graph': Array<Record<string, unknown>> };
    const ids = ld['@graph'].map((item) => String(item['@id']));
    expect(ids.every((id) => id.startsWith(`${PUBLIC_URL}/`))).toBe(true);
    expect(JSON.stringify(ld)).not.toContain('attacker.example');
  });
});

describe('export parameters follow the rules of the GraphQL arguments', () => {
  const cases: Array<[string, string]> = [
    ['/export/map?types=FOO', 'types'],
    ['/export/map?kinds=PROJECTS', 'kinds'],
    ['/export/map?asOf=2024-13-45', 'asOf'],
    ['/export/map?asOf=2024-02-30', 'asOf'],
    ['/export/map?limit=0x10', 'limit'],
    ['/export/map?limit=1e2', 'limit'],
    ['/export/map?limit=', 'limit'],
    ['/export/map?limit=0', 'limit'],
    ['/export/map?limit=2001', 'limit'],
    ['/export/ego?center=inria&depth=4', 'depth'],
    ['/export/ego?center=inria&depth=-1', 'depth'],
    ['/export/map?unknown=1', ''],
  ];
  it.each(cases)('refuses %s with BAD_USER_INPUT naming the parameter', async (path, argument) => {
    const { status, body, requestId } = await download(path);
    expect(status).toBe(400);
    const parsed = JSON.parse(body) as any;
    expect(parsed.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    if (argument) expect(parsed.errors[0].message).toContain(argument);
    expect(parsed.extensions.requestId).toBe(requestId);
  });

  it('gives the same message as GraphQL for a range', async () => {
    const exported = JSON.parse((await download('/export/map?limit=2001')).body) as any;
    const graphql = await api.current.graphql('{ ecosystemMap(limit: 2001) { truncated } }');
    expect(exported.errors[0].message).toBe(graphql.errors?.[0]?.message);
  });

  it('accepts the valid forms', async () => {
    const { status } = await download('/export/map?types=PARTNERS_WITH,PARTICIPATES_IN&kinds=ORGANIZATION&asOf=2024-06-01&limit=10&format=json');
    expect(status).toBe(200);
  });
});
