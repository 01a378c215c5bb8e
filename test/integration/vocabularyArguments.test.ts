/* eslint-disable @typescript-eslint/no-explicit-any -- answers are checked by the assertions themselves */
import { describe, expect, it } from 'vitest';

import { useTestApi } from '../helpers/testApi.js';

/**
 * Every argument that takes a value of a closed vocabulary (a kind within a type) refuses a value
 * outside it the same way, naming the allowed ones, wherever it is: a list's filter, the
 * candidates of a consortium, the organisations not yet connected. The schema is walked, so an
 * argument added later without a case here fails this test.
 */
const api = useTestApi({ RATE_LIMIT_PER_MINUTE: '0' });

/** Each `kinds` argument or input field of the schema, and the queries that give it an unknown kind. */
const CASES: Record<string, string[]> = {
  'EntityFilter.kinds': [
    '{ organizations(filter: { kinds: ["spaceship"] }) { totalCount } }',
    '{ projects(filter: { kinds: ["spaceship"] }) { totalCount } }',
    '{ labels(filter: { kinds: ["spaceship"] }) { totalCount } }',
    '{ events(filter: { kinds: ["spaceship"] }) { totalCount } }',
    '{ people(filter: { kinds: ["spaceship"] }) { totalCount } }',
  ],
  'Query.candidatePartners(kinds)': ['{ candidatePartners(organizations: ["inria"], kinds: ["spaceship"]) { organization { key } } }'],
  'Query.unconnectedCandidates(kinds)': ['{ unconnectedCandidates(organizations: ["inria"], kinds: ["spaceship"]) { key } }'],
};

const unwrap = (type: any): any => (type.ofType ? unwrap(type.ofType) : type);

describe('arguments that take a kind', () => {
  it('are all covered here', async () => {
    const { data } = await api.current.graphql<any>(`{ __schema { types { name kind
      fields { name args { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } }
      inputFields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }`);
    const found: string[] = [];
    for (const type of data.__schema.types) {
      if (type.name.startsWith('__')) continue;
      for (const field of type.fields ?? []) {
        for (const arg of field.args) if (arg.name === 'kinds' && unwrap(arg.type).name === 'String') found.push(`${type.name}.${field.name}(kinds)`);
      }
      for (const field of type.inputFields ?? []) if (field.name === 'kinds' && unwrap(field.type).name === 'String') found.push(`${type.name}.kinds`);
    }
    expect(found.sort()).toEqual(Object.keys(CASES).sort());
  });

  const queries = Object.entries(CASES).flatMap(([where, list]) => list.map((query) => [where, query] as const));
  it.each(queries)('%s refuses an unknown kind with BAD_USER_INPUT naming the allowed ones: %s', async (_where, query) => {
    const { errors, data } = await api.current.graphql<any>(query);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', allowed: expect.any(Array) });
    expect(errors![0]!.message).toMatch(/"spaceship" is not a kind of/);
    expect(data === null || data === undefined || Object.values(data).every((value) => value === null)).toBe(true);
  });
});
