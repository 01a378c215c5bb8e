import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType, getNullableType, isCompositeType, isListType, Kind, TypeInfo, visit, visitWithTypeInfo,
  type ArgumentNode, type DocumentNode, type GraphQLField, type GraphQLSchema, type OperationDefinitionNode, type ValueNode,
} from 'graphql';

import type { Context } from '../context.js';
import { QueryTooComplexError, RateLimitedError } from '../errors.js';
import { DEFAULT_PAGE_SIZE } from '../domains/shared/keysetConnection.js';
import { costFigure, LIMITS } from './armor.js';

/**
 * The node budget (after GitHub's): before execution, each list field counts as many nodes
 * as it may return (its `first`, `last`, `limit` or default page size), multiplied by the sizes of
 * the lists it is nested in. An operation whose total goes over the budget is refused with
 * QUERY_TOO_COMPLEX, naming the total and the budget; nothing is read from the database.
 * The total is reported as `extensions.cost` of every answer, beside the cost figure that the
 * cost limit (armor.ts) measured and its limit, and the points it counts against the caller's
 * rate limit (`pointsOf`), which it is refused (429 RATE_LIMITED) when the budget left is short of.
 */
const SIZE_ARGUMENTS = ['first', 'last', 'limit'];
/**
 * Sizes of list fields that take no size argument: bounded by the API (`Type.field`) or,
 * for provenance lists, a generous typical size (`field`). Anything else counts 100.
 */
const FIXED_SIZES: Record<string, number> = {
  'Query.nodes': 100,
  'Query.sources': 100,
  'PartnerEvidence.relationships': 2,
  'Path.relationships': 6,
  'Path.nodes': 7,
  'ConsortiumMember.relationships': 5,
  // A co-publication link keeps at most 10 leading topics and a few example works (5 by default); years span decades.
  'CoPublication.byYear': 30,
  'CoPublication.topics': 10,
  'CoPublication.examples': 10,
  sources: 5,
  figures: 5,
  disputes: 5,
  claims: 5,
  evidence: 10,
  evidenceWith: 2,
  withFirst: 10,
  withSecond: 10,
  consortium: 50,
};

/**
 * How many items a field may return: its `first`/`limit` argument (given or default) when
 * it has one; for other lists a fixed bound; 1 for the `edges`/`nodes` of a connection (the
 * connection already counted its page) and for single objects.
 */
function sizeOf(
  name: string,
  args: readonly ArgumentNode[],
  definition: GraphQLField<unknown, unknown>,
  parentName: string,
  parentHint: number | undefined,
  valueOf: (node: ValueNode) => unknown,
): { size: number; hint?: number } {
  const argument = args.find((a) => SIZE_ARGUMENTS.includes(a.name.value));
  const declared = definition.args.find((a) => SIZE_ARGUMENTS.includes(a.name));
  const isList = isListType(getNullableType(definition.type));
  if (argument || declared) {
    const given = argument ? valueOf(argument.value) : undefined;
    const fallback = declared?.name === 'first' || declared?.name === 'last' ? DEFAULT_PAGE_SIZE : 1;
    const size = Math.max(1, typeof given === 'number' ? given : typeof declared?.defaultValue === 'number' ? declared.defaultValue : fallback);
    // A list or a connection returns that many items; another object (a subgraph) passes
    // the bound on to its own lists.
    if (isList || getNamedType(definition.type).name.endsWith('Connection')) return { size };
    return { size: 1, hint: size };
  }
  if (parentName.endsWith('Connection') && (name === 'edges' || name === 'nodes')) return { size: 1 };
  if (isList && parentHint !== undefined) return { size: name === 'edges' ? parentHint * 2 : parentHint };
  if (isList) return { size: FIXED_SIZES[`${parentName}.${name}`] ?? FIXED_SIZES[name] ?? 100 };
  return { size: 1 };
}

/** What an operation costs against the caller's rate limit, in points: one per hundred nodes it may return, at least one (GitHub's rule). */
export function pointsOf(nodes: number): number {
  return Math.max(1, Math.ceil(nodes / 100));
}

export function estimateNodes(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): number {
  const typeInfo = new TypeInfo(schema);
  const multipliers: number[] = [1];
  const hints: Array<number | undefined> = [undefined];
  let total = 0;
  const fragments = new Map(
    document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])),
  );
  const visited = new Set<string>();
  const valueOf = (node: ValueNode): unknown => {
    if (node.kind === Kind.VARIABLE) return variables[node.name.value];
    if (node.kind === Kind.INT) return Number(node.value);
    return undefined;
  };
  const walk = (root: OperationDefinitionNode | DocumentNode['definitions'][number]) =>
    visit(
      root,
      visitWithTypeInfo(typeInfo, {
        Field: {
          enter(field) {
            // Introspection is bounded by the schema's size (and switched by INTROSPECTION).
            if (field.name.value.startsWith('__')) return false;
            const definition = typeInfo.getFieldDef();
            const parent = typeInfo.getParentType();
            const { size, hint } = definition ? sizeOf(field.name.value, field.arguments ?? [], definition, parent?.name ?? '', hints.at(-1), valueOf) : { size: 1 };
            const current = multipliers.at(-1)! * size;
            if (size > 1 && definition && isCompositeType(getNamedType(definition.type))) total += current;
            multipliers.push(current);
            hints.push(hint);
          },
          leave() {
            multipliers.pop();
            hints.pop();
          },
        },
        FragmentSpread(spread) {
          const fragment = fragments.get(spread.name.value);
          if (!fragment || visited.has(spread.name.value)) return;
          visited.add(spread.name.value);
          walk(fragment);
          visited.delete(spread.name.value);
        },
      }),
    );
  walk(operation);
  return total;
}

export function nodeBudgetPlugin(schema: GraphQLSchema, budget: number): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, contextValue }) {
          if (!operation) return;
          const nodes = estimateNodes(schema, document, operation, request.variables ?? {});
          const points = pointsOf(nodes);
          contextValue.cost = { nodes, points, budget, complexity: costFigure(schema, document, operation), maxComplexity: LIMITS.maxCost };
          if (nodes > budget) {
            throw new QueryTooComplexError(`The operation may return ${nodes} nodes; the budget is ${budget} per request (${nodes - budget} over). Ask for smaller pages.`, {
              limit: 'nodes',
              max: budget,
              found: nodes,
            });
          }
          const limit = contextValue.rateLimit;
          if (limit && !(await limit.charge(points)).accepted) {
            const retryAfter = Math.max(1, Math.ceil((Date.parse(limit.resetAt) - Date.now()) / 1000));
            throw new RateLimitedError(`The operation costs ${points} points; ${limit.remaining} are left of ${limit.limit} in this window. Retry after ${retryAfter} s, or ask for smaller pages.`, {
              points,
              remaining: limit.remaining,
              retryAfter,
            });
          }
        },
      };
    },
  };
}
