import { describe, expect, it } from 'vitest';

import { useTestApi } from '../helpers/testApi.js';

// Hundreds of small requests: no rate limit here.
const api = useTestApi({ RATE_LIMIT_PER_MINUTE: '0' });

/**
 * Relationship pages read only the properties the operation asks for
 * (src/domains/entity/storedProperties.ts). Here every field of every entity type and of
 * Relationship, asked alone through a relationship page, must give what a whole-record read
 * gives: a field whose stored properties are mis-declared shows up as a difference.
 */
interface TypeInfo {
  name: string;
  kind: string;
  fields: Array<{ name: string; args: Array<{ type: { kind: string } }>; type: TypeRef }> | null;
}
interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}

const ENTITY_TYPES = ['Organization', 'Person', 'Project', 'Label', 'Event'];
/** Entities that, together, have neighbours of every kind. */
const CENTRES = ['university-of-montpellier', 'chu-montpellier', 'montpellier-metropole', 'inria', 'france-2030', 'yann-lecun'];

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, index * size + size));
}

function named(type: TypeRef): TypeRef {
  return type.ofType ? named(type.ofType) : type;
}

describe('relationship pages read only the properties asked for', () => {
  it('gives, for every field of every entity type and of relationships, the value of a whole-record read', async () => {
    const introspection = await api.current.graphql<{ __schema: { types: TypeInfo[] } }>(
      '{ __schema { types { name kind fields { name args { type { kind } } type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }',
    );
    const types = new Map(introspection.data!.__schema.types.map((type) => [type.name, type]));

    /** A selection of `type`'s field: leaves as they are, objects with their leaves (and `key`s of what they point to), connections by their size. */
    const selectionOf = (field: NonNullable<TypeInfo['fields']>[number], depth = 0): string | null => {
      if (field.args.some((arg) => arg.type.kind === 'NON_NULL')) return null;
      const target = types.get(named(field.type).name!)!;
      if (target.kind === 'SCALAR' || target.kind === 'ENUM') return field.name;
      if (target.name.endsWith('Connection')) {
        const size = (target.fields ?? []).some((inner) => inner.name === 'totalCount') ? 'totalCount' : '';
        return `${field.name}(first: 3) { ${size} pageInfo { hasNextPage } }`;
      }
      if (target.kind === 'INTERFACE' || ENTITY_TYPES.includes(target.name) || target.name === 'Source') return `${field.name} { __typename ... on Node { id } }`;
      if (depth > 1) return null;
      const inner = (target.fields ?? []).map((innerField) => selectionOf(innerField, depth + 1)).filter(Boolean);
      return inner.length > 0 ? `${field.name} { ${inner.join(' ')} }` : null;
    };

    const covered = new Set<string>();
    for (const centre of CENTRES) {
      for (const typeName of ENTITY_TYPES) {
        const selections = types.get(typeName)!.fields!.flatMap((field) => {
          const selection = selectionOf(field);
          return selection ? [{ field: field.name, selection }] : [];
        });
        // Each field alone, through its own page (an alias is its own selection, so its own projection).
        for (const group of chunks(selections, 15)) {
          const paged = await api.current.graphql<Record<string, { relationships: { edges: Array<{ node: Record<string, unknown> & { key: string; __typename: string } }> } }>>(
            `{ ${group.map(({ selection }, index) => `f${index}: entity(key: "${centre}") { relationships(first: 100) { edges { node { __typename key ... on ${typeName} { ${selection} } } } } }`).join(' ')} }`,
          );
          expect(paged.errors).toBeUndefined();
          for (const [index, { field, selection }] of group.entries()) {
            const others = paged.data![`f${index}`]!.relationships.edges.map((edge) => edge.node).filter((node) => node.__typename === typeName);
            if (others.length === 0) continue;
            covered.add(typeName);
            for (const part of chunks(others, 15)) {
              const whole = await api.current.graphql<Record<string, Record<string, unknown>>>(
                `{ ${part.map((other, n) => `e${n}: entity(key: "${other.key}") { __typename key ... on ${typeName} { ${selection} } }`).join(' ')} }`,
              );
              expect(whole.errors).toBeUndefined();
              part.forEach((other, n) => expect(other, `${typeName}.${field} of ${other.key}`).toEqual(whole.data![`e${n}`]));
            }
          }
        }
      }

      const relationshipSelections = types.get('Relationship')!.fields!.flatMap((field) => {
        const selection = selectionOf(field);
        return selection ? [{ field: field.name, selection }] : [];
      });
      const all = relationshipSelections.map(({ selection }) => selection).join(' ');
      // The ego network reads whole relationship records.
      const ego = await api.current.graphql<{ egoNetwork: { edges: Array<Record<string, unknown> & { key: string }> } }>(
        `{ egoNetwork(center: "${centre}", depth: 1, limit: 500) { edges { key ${all} } } }`,
      );
      expect(ego.errors).toBeUndefined();
      const wholeByKey = new Map(ego.data!.egoNetwork.edges.map((edge) => [edge.key, edge]));
      const paged = await api.current.graphql<Record<string, { relationships: { edges: Array<{ relationship: Record<string, unknown> & { key: string } }> } }>>(
        `{ ${relationshipSelections.map(({ selection }, index) => `f${index}: entity(key: "${centre}") { relationships(first: 100) { edges { relationship { key ${selection} } } } }`).join(' ')} }`,
      );
      expect(paged.errors).toBeUndefined();
      relationshipSelections.forEach(({ field }, index) => {
        for (const { relationship } of paged.data![`f${index}`]!.relationships.edges) {
          const whole = wholeByKey.get(relationship.key)!;
          const expected = Object.fromEntries(Object.keys(relationship).map((key) => [key, whole[key]]));
          expect(relationship, `Relationship.${field} of ${relationship.key}`).toEqual(expected);
        }
      });
    }
    expect([...covered].sort()).toEqual([...ENTITY_TYPES].sort());
  }, 60_000);

  it('reads a page that shows only names with the same rows, order and paging as one that shows everything', async () => {
    const query = (nodeSelection: string) =>
      `{ entity(key: "university-of-montpellier") { relationships(first: 7) { totalCount pageInfo { hasNextPage } edges { cursor direction node { key ${nodeSelection} } } } } }`;
    const slim = await api.current.graphql<{ entity: { relationships: { edges: Array<{ node: { key: string; name: string } }> } } }>(query('name'));
    const full = await api.current.graphql<{ entity: { relationships: { edges: Array<{ node: { key: string; name: string } }> } } }>(
      query('name ... on Organization { city kind sectors founded sources { locator } }'),
    );
    expect(slim.errors).toBeUndefined();
    expect(full.errors).toBeUndefined();
    const strip = (edges: Array<{ node: { key: string; name: string } }>) => edges.map((edge) => ({ ...edge, node: { key: edge.node.key, name: edge.node.name } }));
    expect(strip(slim.data!.entity.relationships.edges)).toEqual(strip(full.data!.entity.relationships.edges));
    expect(slim.data!.entity.relationships.edges).toHaveLength(7);
  });
});
