import { ApolloArmor } from '@escape.tech/graphql-armor';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { Kind, validate, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

import { ErrorCode } from '../errors.js';
import { maxDirectivesRule } from './directiveLimit.js';

/**
 * Limits checked on every operation before it runs (graphql-armor), tuned to this schema:
 * Relay connections add two levels per relationship hop (edges → node), and the deepest
 * legitimate questions (partners → evidence → relationships → sources → source) reach 12.
 * Armor's cost multiplies by page sizes and, by default, grows geometrically with depth,
 * which punishes every Relay query; here depth adds linearly. The node budget
 * (nodeBudget.ts) bounds the number of objects an answer may hold, as GitHub does.
 */
export const LIMITS = {
  maxDepth: 14,
  maxAliases: 20,
  maxDirectives: 20,
  maxTokens: 3000,
  maxCost: 300_000,
} as const;

const COST = { maxCost: LIMITS.maxCost, objectCost: 2, scalarCost: 1, depthCostFactor: 1 };

export function createArmor() {
  const armor = new ApolloArmor({
    maxDepth: { n: LIMITS.maxDepth, exposeLimits: true, flattenFragments: true },
    maxAliases: { n: LIMITS.maxAliases, exposeLimits: true },
    // Counted by our own rule (directiveLimit.ts): armor's misses directives on repeated fragment spreads.
    maxDirectives: { enabled: false },
    // Tokens are limited by graphql-js's own parser (Apollo's parseOptions.maxTokens): a
    // rejection there is a proper 400 parse failure, where armor's parsing hook gives a 500.
    maxTokens: { enabled: false },
    costLimit: { ...COST, exposeLimits: true },
    // "Did you mean ...?" suggestions: Apollo's hideSchemaDetailsFromClientErrors removes them
    // when introspection is off (apollo.ts); armor's mask would leave "[Suggestion hidden]?" in
    // every message, even where anyone may read the names through introspection.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return { ...armor, validationRules: [...armor.validationRules, maxDirectivesRule(LIMITS.maxDirectives)] };
}

/** Cost figures already measured, by document, one per operation in document order (Apollo hands the same parsed document for a repeated operation). */
const figures = new WeakMap<DocumentNode, number[]>();

/**
 * The cost figure of an operation of an accepted document, as the cost limit measured it
 * (armor's own rule, run once more: Apollo skips validation for documents it has validated
 * before, so the figures are measured here, once per document).
 */
export function costFigure(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): number {
  let measured = figures.get(document);
  if (!measured) {
    const found: number[] = [];
    validate(schema, document, [costLimitRule({ ...COST, onAccept: [(_context, details) => found.push(Number((details as { n: number }).n))], propagateOnRejection: false })]);
    figures.set(document, (measured = found));
  }
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  return measured[operations.indexOf(operation)] ?? 0;
}

const armorMessage = /^(?:Syntax Error: )?(Query depth|Aliases|Directives|Token|Query Cost) limit of (\d+) exceeded, found ([\d.]+)\.$/;
const limitNames: Record<string, string> = {
  'Query depth': 'depth',
  Aliases: 'aliases',
  Directives: 'directives',
  Token: 'tokens',
  'Query Cost': 'cost',
};

// graphql-js 16 spells it "more that".
const tokenMessage = /^Syntax Error: Document contains more tha[nt] (\d+) tokens\. Parsing aborted\.$/;

/** Gives the limits' rejections the QUERY_TOO_COMPLEX code, naming the limit and the excess. */
export function typeArmorRejection(formatted: GraphQLFormattedError): GraphQLFormattedError | null {
  const tokens = tokenMessage.exec(formatted.message);
  if (tokens) {
    return {
      message: `The operation exceeds the tokens limit: more than ${tokens[1]} tokens; parsing stopped there.`,
      extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit: 'tokens', max: Number(tokens[1]) },
    };
  }
  const match = armorMessage.exec(formatted.message);
  if (!match) return null;
  const [, what, max, found] = match;
  const limit = limitNames[what!]!;
  const measured = Math.ceil(Number(found));
  return {
    message: `The operation exceeds the ${limit} limit: ${measured} found, at most ${max} allowed (${measured - Number(max)} over).`,
    locations: formatted.locations,
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit, max: Number(max), found: measured },
  };
}
