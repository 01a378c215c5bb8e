import fc from 'fast-check';
import {
  getNamedType, getNullableType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, isInterfaceType, isScalarType,
  type GraphQLField, type GraphQLInputType, type GraphQLObjectType, type GraphQLInterfaceType,
} from 'graphql';
import { describe, expect, it } from 'vitest';

import { cypher, runQuery } from '../../src/database/runQuery.js';
import { createSchema } from '../../src/schema.js';
import { useTestApi, type GraphQLResponse } from '../helpers/testApi.js';

const api = useTestApi({ RATE_LIMIT_PER_MINUTE: '0' });
const countGraph = cypher('countGraph', 'READ', 'MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS relationships');

/** What no answer may contain: internals of the server or the database. */
const leak = /Neo4j|Cypher|neo4j-driver|at \w+ \(|\.ts:\d+|MATCH \(|UNWIND|Neo\.ClientError|stack/i;

function expectClean(response: GraphQLResponse, label: string, input = '') {
  expect(response.status, label).not.toBe(500);
  for (const error of response.errors ?? []) {
    expect(error.extensions?.code, `${label}: ${error.message}`).not.toBe('INTERNAL_SERVER_ERROR');
    // A message may quote the client's own input back (e.g. "no entity has the key ..."); that is not a leak.
    const ownWords = input ? error.message.split(input.slice(0, 100)).join('') : error.message;
    expect(ownWords, label).not.toMatch(leak);
    expect(JSON.stringify(error.extensions ?? {}), label).not.toMatch(/stacktrace|exception/);
  }
}

const hostile = [
  "' OR 1=1 //",
  '"}) MATCH (n) DETACH DELETE n //',
  '`) DETACH DELETE n RETURN 1 //',
  '{ } [ ] ( ) : * ? ~ ^ \\ / " \'',
  'CALL db.labels() YIELD label RETURN label',
  '$ids; DROP CONSTRAINT entity_id',
  'AND OR NOT TO',
  '\u0000\u0001\u200b\ufeff',
  'Montpellier \u{1F916} Méditerranée',
  'ﬁ Ǆ İ ß',
  'x'.repeat(5_000),
];

const stringArgumentQueries: Array<[string, string]> = [
  ['search', 'query($s: String!) { search(text: $s, first: 5) { totalCount edges { node { name } } } }'],
  ['entity', 'query($s: ID!) { entity(key: $s) { name } }'],
  ['organization by key', 'query($s: String!) { organization(key: $s) { name } }'],
  ['organization by slug', 'query($s: String!) { organization(slug: $s) { name } }'],
  ['node', 'query($s: ID!) { node(id: $s) { id } }'],
  ['filter city and kinds', 'query($s: String!) { organizations(first: 5, filter: { city: $s, kinds: [$s], themes: [$s] }) { totalCount } }'],
  ['relationship role', 'query($s: String!) { organization(key: "inria") { projects(role: $s) { totalCount } } }'],
  ['cursor', 'query($s: String!) { organizations(first: 5, after: $s) { totalCount } }'],
  ['partners', 'query($s: ID!) { partners(organization: $s) { totalCount } }'],
  ['paths', 'query($s: ID!) { shortestPath(from: $s, to: "inria") { length } }'],
  ['ego', 'query($s: ID!) { egoNetwork(center: $s) { truncated } }'],
  ['candidates', 'query($s: ID!) { candidatePartners(organizations: ["inria"], exclude: [$s], themes: [$s]) { rank } }'],
];

describe('hostile input', () => {
  it('is treated as data in every string argument, and changes nothing', async () => {
    const [before] = await runQuery({ db: api.current.db }, countGraph);
    for (const [name, query] of stringArgumentQueries) {
      for (const value of hostile) {
        const response = await api.current.graphql(query, { s: value });
        expectClean(response, `${name} with ${JSON.stringify(value.slice(0, 40))}`, value);
      }
    }
    const [after] = await runQuery({ db: api.current.db }, countGraph);
    expect(after).toEqual(before);
  });

  it('of any shape is answered as data or as typed errors, never as a 500 or a leak', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...stringArgumentQueries), fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom(...hostile)), async ([name, query], value) => {
        expectClean(await api.current.graphql(query, { s: value }), name, value);
      }),
      { numRuns: 150, seed: 20261124 },
    );
  });

  it('out-of-range numbers are refused with BAD_USER_INPUT or answered', async () => {
    const queries = [
      'query($n: Int) { organizations(first: $n) { totalCount } }',
      'query($n: Int) { shortestPath(from: "inria", to: "cnrs", maxHops: $n) { length } }',
      'query($n: Int) { egoNetwork(center: "inria", depth: $n, limit: $n) { truncated } }',
      'query($n: Int) { centrality(first: $n) { rank } }',
      'query($n: Int) { ecosystemMap(limit: $n) { truncated } }',
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...queries), fc.oneof(fc.integer({ min: -1000, max: 3000 }), fc.constantFrom(0, -1, 2 ** 31 - 1, -(2 ** 31))), async (query, n) => {
        const response = await api.current.graphql(query, { n });
        expectClean(response, `${query} n=${n}`);
        for (const error of response.errors ?? []) expect(['BAD_USER_INPUT', 'QUERY_TOO_COMPLEX'], error.message).toContain(error.extensions?.code);
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});

type Composite = GraphQLObjectType | GraphQLInterfaceType;

/** A random but valid-looking operation over the schema: fields, arguments, aliases, fragments. */
function operationArbitrary(): fc.Arbitrary<string> {
  const schema = createSchema();
  const argumentValue = (type: GraphQLInputType, depth: number): fc.Arbitrary<string> => {
    const nullable = getNullableType(type);
    if (isListType(nullable)) return fc.array(argumentValue(nullable.ofType, depth + 1), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`);
    if (isEnumType(nullable)) return fc.constantFrom(...nullable.getValues().map((value) => value.name));
    if (isInputObjectType(nullable)) {
      if (depth > 1) return fc.constant('{}');
      const fields = Object.values(nullable.getFields());
      return fc.subarray(fields, { maxLength: Math.min(3, fields.length) }).chain((chosen) =>
        chosen.length === 0 ? fc.constant('{}') : fc.tuple(...chosen.map((field) => argumentValue(field.type, depth + 1).map((value) => `${field.name}: ${value}`))).map((pairs) => `{ ${pairs.join(', ')} }`),
      );
    }
    if (isScalarType(nullable) && nullable.name === 'Int') return fc.integer({ min: -5, max: 150 }).map(String);
    if (isScalarType(nullable) && nullable.name === 'Boolean') return fc.boolean().map(String);
    if (isScalarType(nullable) && nullable.name === 'Float') return fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map(String);
    const keys = ['inria', 'chu-montpellier', 'plantnet', 'julie-josse', 'nothing', '2024-06-01', '2025', 'health', ''];
    return fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 12 })).map((value) => JSON.stringify(value));
  };
  const selection = (type: Composite, depth: number): fc.Arbitrary<string> => {
    const fields = Object.values(type.getFields()) as Array<GraphQLField<unknown, unknown>>;
    const leaves = fields.filter((field) => !isObjectType(getNamedType(field.type)) && !isInterfaceType(getNamedType(field.type)));
    const candidates = depth >= 3 ? leaves : fields;
    if (candidates.length === 0) return fc.constant('');
    return fc.subarray(candidates, { minLength: 1, maxLength: Math.min(3, candidates.length) }).chain((chosen) =>
      fc.tuple(
        ...chosen.map((field, index) => {
          const required = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
          const optional = field.args.filter((arg) => !required.includes(arg));
          const args = fc
            .subarray(optional, { maxLength: Math.min(2, optional.length) })
            .chain((extra) => {
              const all = [...required, ...extra];
              return all.length === 0 ? fc.constant('') : fc.tuple(...all.map((arg) => argumentValue(arg.type, 0).map((value) => `${arg.name}: ${value}`))).map((pairs) => `(${pairs.join(', ')})`);
            });
          const named = getNamedType(field.type);
          const sub = isObjectType(named) || isInterfaceType(named) ? selection(named, depth + 1).map((inner) => ` { __typename ${inner} }`) : fc.constant('');
          return fc.tuple(args, sub).map(([a, s]) => `f${index}: ${field.name}${a}${s}`);
        }),
      ).map((parts) => parts.join(' ')),
    );
  };
  return selection(schema.getQueryType()!, 0).map((body) => `{ ${body} }`);
}

describe('generated operations over the whole schema', () => {
  it('never answer with a 500, whatever the mix of fields, aliases and arguments', async () => {
    await fc.assert(
      fc.asyncProperty(operationArbitrary(), async (operation) => {
        expectClean(await api.current.graphql(operation), operation);
      }),
      { numRuns: 150, seed: 42 },
    );
  });
});
