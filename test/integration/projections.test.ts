import { describe, expect, it } from 'vitest';

import { useTestApi } from '../helpers/testApi.js';

// Hundreds of small requests: no rate limit here.
const api = useTestApi({ RATE_LIMIT_PER_MINUTE: '0' });

/**
 * Relationship pages, ego networks and maps read only the properties the operation asks for
 * (src/domains/entity/storedProperties.ts). Here every field of every entity type and of
 * Relationship, asked alone through a relationship page and through an ego network, must give
 * what a whole-record read gives: a field whose stored properties are mis-declared shows up as
 * a difference.
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

describe('relationship pages and subgraphs read only the properties asked for', () => {
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
          type Node = Record<string, unknown> & { key: string; __typename: string };
          const paged = await api.current.graphql<Record<string, { relationships: { edges: Array<{ node: Node }> } }>>(
            `{ ${group.map(({ selection }, index) => `f${index}: entity(key: "${centre}") { relationships(first: 100) { edges { node { __typename key ... on ${typeName} { ${selection} } } } } }`).join(' ')} }`,
          );
          expect(paged.errors).toBeUndefined();
          const ego = await api.current.graphql<Record<string, { nodes: Array<{ entity: Node }> }>>(
            `{ ${group.map(({ selection }, index) => `f${index}: egoNetwork(center: "${centre}", limit: 100) { nodes { entity { __typename key ... on ${typeName} { ${selection} } } } }`).join(' ')} }`,
          );
          expect(ego.errors).toBeUndefined();
          for (const [index, { field, selection }] of group.entries()) {
            const others = [
              ...paged.data![`f${index}`]!.relationships.edges.map((edge) => edge.node),
              ...ego.data![`f${index}`]!.nodes.map((node) => node.entity),
            ].filter((node) => node.__typename === typeName);
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
      type Edge = Record<string, unknown> & { key: string; id: string };
      const paged = await api.current.graphql<Record<string, { relationships: { edges: Array<{ relationship: Edge }> } }>>(
        `{ ${relationshipSelections.map(({ selection }, index) => `f${index}: entity(key: "${centre}") { relationships(first: 100) { edges { relationship { id key ${selection} } } } }`).join(' ')} }`,
      );
      expect(paged.errors).toBeUndefined();
      const egoEdges = await api.current.graphql<Record<string, { edges: Edge[] }>>(
        `{ ${relationshipSelections.map(({ selection }, index) => `f${index}: egoNetwork(center: "${centre}", limit: 100) { edges { id key ${selection} } }`).join(' ')} }`,
      );
      expect(egoEdges.errors).toBeUndefined();
      // The whole records, read by id (node() reads every property).
      const read = relationshipSelections.map(({ field }, index) => ({
        field,
        edges: [...paged.data![`f${index}`]!.relationships.edges.map((edge) => edge.relationship), ...egoEdges.data![`f${index}`]!.edges],
      }));
      const ids = [...new Set(read.flatMap(({ edges }) => edges.map((edge) => edge.id)))];
      const wholeById = new Map<string, Edge>();
      for (const part of chunks(ids, 100)) {
        const whole = await api.current.graphql<{ nodes: Edge[] }>(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Relationship { id key ${all} } } }`, { ids: part });
        expect(whole.errors).toBeUndefined();
        for (const edge of whole.data!.nodes) wholeById.set(edge.id, edge);
      }
      for (const { field, edges } of read) {
        for (const relationship of edges) {
          const whole = wholeById.get(relationship.id)!;
          const expected = Object.fromEntries(Object.keys(relationship).map((key) => [key, whole[key]]));
          expect(relationship, `Relationship.${field} of ${relationship.key}`).toEqual(expected);
        }
      }
    }
    expect([...covered].sort()).toEqual([...ENTITY_TYPES].sort());
  }, 120_000);

  it('draws a map that shows only keys and types with the same nodes, edges and degrees as one that shows everything', async () => {
    const query = (nodeFields: string, edgeFields: string) =>
      `{ ecosystemMap(limit: 300) { truncated nodes { degreeInView distance entity { key ${nodeFields} } } edges { key type ${edgeFields} } } }`;
    const slim = await api.current.graphql<{ ecosystemMap: { nodes: Array<{ degreeInView: number; entity: Record<string, unknown> }>; edges: Array<Record<string, unknown>> } }>(query('', ''));
    const full = await api.current.graphql<{ ecosystemMap: { nodes: Array<{ degreeInView: number; entity: Record<string, unknown> }>; edges: Array<Record<string, unknown>> } }>(
      query('name names { fr en } aliases { fr en } ... on Organization { city kind themes founded sources { locator } }', 'role since heldFrom heldFromInference sources { locator }'),
    );
    expect(slim.errors).toBeUndefined();
    expect(full.errors).toBeUndefined();
    const map = full.data!.ecosystemMap;
    expect(map.nodes.filter((node) => node.entity.name).length).toBe(map.nodes.length);
    expect(map.edges.some((edge) => (edge.sources as unknown[]).length > 0)).toBe(true);
    expect(slim.data!.ecosystemMap.nodes).toEqual(map.nodes.map((node) => ({ ...node, entity: { key: node.entity.key } })));
    expect(slim.data!.ecosystemMap.edges).toEqual(map.edges.map((edge) => ({ key: edge.key, type: edge.type })));
  });

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
