import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';

import { estimateNodes } from '../../src/limits/nodeBudget.js';
import { createSchema } from '../../src/schema.js';

const schema = createSchema();

function nodes(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find((definition) => definition.kind === 'OperationDefinition') as OperationDefinitionNode;
  return estimateNodes(schema, document, operation, variables);
}

describe('the node budget of an operation', () => {
  it('multiplies page sizes along nested connections, like GitHub', () => {
    expect(nodes('{ organizations(first: 10) { nodes { name } } }')).toBe(10);
    expect(nodes('{ organizations(first: 10) { edges { node { projects(first: 5) { edges { node { name } } } } } } }')).toBe(10 + 50);
  });

  it('uses the declared default when no size is given, and variables when they are', () => {
    expect(nodes('{ organizations { nodes { name } } }')).toBe(20);
    expect(nodes('query($n: Int) { organizations(first: $n) { nodes { name } } }', { n: 3 })).toBe(3);
  });

  it('passes the limit of a subgraph on to its nodes and edges', () => {
    expect(nodes('{ egoNetwork(center: "x", limit: 10) { nodes { degree } edges { type } } }')).toBe(10 + 20);
  });

  it('counts fragments where they are spread, and ignores lists of scalars', () => {
    const query = `{ organizations(first: 4) { nodes { ...f } } }
      fragment f on Organization { sectors aliases { fr } projects(first: 2) { totalCount } }`;
    expect(nodes(query)).toBe(4 + 8);
  });
});
