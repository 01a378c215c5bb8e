import {
  getIntrospectionQuery, getNamedType, graphqlSync, isInputObjectType, isInterfaceType, isObjectType, isUnionType, type GraphQLNamedType,
} from 'graphql';
import { describe, expect, it } from 'vitest';

import { createSchema } from '../../src/schema.js';

interface IntrospectedType {
  name: string;
  kind: string;
  description: string | null;
  fields: Array<{ name: string; description: string | null; args: Array<{ name: string; description: string | null }> }> | null;
  inputFields: Array<{ name: string; description: string | null }> | null;
  enumValues: Array<{ name: string; description: string | null }> | null;
}

/** Everything a client sees by introspection, with what has no description. */
function undocumented(): string[] {
  const result = graphqlSync({ schema: createSchema(), source: getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }) });
  const types = (result.data as { __schema: { types: IntrospectedType[] } }).__schema.types.filter((type) => !type.name.startsWith('__'));
  const missing: string[] = [];
  const blank = (text: string | null) => !text || text.trim() === '';
  for (const type of types) {
    if (blank(type.description)) missing.push(type.name);
    for (const field of type.fields ?? []) {
      if (blank(field.description)) missing.push(`${type.name}.${field.name}`);
      for (const arg of field.args) if (blank(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name})`);
    }
    for (const field of type.inputFields ?? []) if (blank(field.description)) missing.push(`${type.name}.${field.name}`);
    for (const value of type.enumValues ?? []) if (blank(value.description)) missing.push(`${type.name}.${value.name}`);
  }
  return missing;
}

describe('the schema as documentation', () => {
  it('describes every type, field, argument, input field and enum value a client can introspect', () => {
    expect(undocumented()).toEqual([]);
  });

  it('gives every connection the same shape: edges, nodes, pageInfo and totalCount', () => {
    const schema = createSchema();
    const connections = Object.values(schema.getTypeMap()).filter((type) => isObjectType(type) && type.name.endsWith('Connection'));
    expect(connections.length).toBeGreaterThan(8);
    for (const connection of connections) {
      expect(Object.keys((connection as { getFields(): object }).getFields()).sort(), connection.name).toEqual(expect.arrayContaining(['edges', 'nodes', 'pageInfo', 'totalCount']));
    }
  });

  it('declares no type that no query or mutation can return or take', () => {
    const schema = createSchema();
    const reached = new Set<string>();
    const visit = (type: GraphQLNamedType) => {
      if (reached.has(type.name)) return;
      reached.add(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          visit(getNamedType(field.type));
          for (const arg of field.args) visit(getNamedType(arg.type));
        }
        if (isInterfaceType(type)) for (const implementation of schema.getPossibleTypes(type)) visit(implementation);
      } else if (isUnionType(type)) {
        for (const member of type.getTypes()) visit(member);
      } else if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) visit(getNamedType(field.type));
      }
    };
    for (const root of [schema.getQueryType(), schema.getMutationType()]) if (root) visit(root);
    const declared = Object.keys(schema.getTypeMap()).filter((name) => !name.startsWith('__'));
    expect(declared.filter((name) => !reached.has(name))).toEqual([]);
  });
});
