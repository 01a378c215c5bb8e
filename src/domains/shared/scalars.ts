import { GraphQLScalarType, Kind } from 'graphql';
import { DateTimeResolver, JSONObjectResolver, LocalDateResolver, URLResolver } from 'graphql-scalars';

import { isPartialDate } from './partialDate.js';

/** A date known to the day, the month or the year: "2025-02-17", "2025-02", "2025". */
export const PartialDateScalar = new GraphQLScalarType<string, string>({
  name: 'PartialDate',
  description: 'A date known to the day, the month or the year only.',
  serialize: (value) => String(value),
  parseValue: (value) => {
    if (typeof value !== 'string' || !isPartialDate(value)) throw new TypeError('PartialDate must be YYYY, YYYY-MM or YYYY-MM-DD.');
    return value;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || !isPartialDate(ast.value)) throw new TypeError('PartialDate must be YYYY, YYYY-MM or YYYY-MM-DD.');
    return ast.value;
  },
});

/** Only http(s): a `javascript:` or `data:` address would run in the page of any client that shows it as a link. */
function webAddress(url: unknown): string {
  const text = String(url);
  if (!/^https?:$/.test(new URL(text).protocol)) throw new TypeError('URL must be an http:// or https:// address.');
  return text;
}

/**
 * LocalDate from graphql-scalars; URL is validated by graphql-scalars, limited to http(s),
 * and handed to resolvers, and served, as a plain string (stored values are checked at import).
 */
export const scalarResolvers = {
  LocalDate: LocalDateResolver,
  URL: new GraphQLScalarType({
    ...URLResolver.toConfig(),
    serialize: (value: unknown) => String(value),
    parseValue: (value: unknown) => webAddress(URLResolver.parseValue(value)),
    parseLiteral: (ast, variables) => webAddress(URLResolver.parseLiteral(ast, variables)),
  }),
  PartialDate: PartialDateScalar,
  DateTime: DateTimeResolver,
  JSONObject: JSONObjectResolver,
};
