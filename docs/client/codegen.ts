import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator for a client of this API (a TypeScript app): typed operations from
 * the running API's schema (introspection), with the API's custom scalars mapped to the types
 * their values have in JSON. Copy it into your project, set GRAPHQL_API, and run
 * `npx graphql-codegen --config codegen.ts`. `strictScalars` makes generation fail when the API
 * gains a scalar this mapping does not name, instead of typing its values `unknown`.
 * test/integration/clientCodegen.test.ts runs this file against the API.
 */
export const scalars = {
  /** Opaque global ids and keys. */
  ID: 'string',
  /** An instant, ISO 8601 with its offset: `2026-12-07T10:00:00.000Z`. */
  DateTime: 'string',
  /** A calendar day, `YYYY-MM-DD`. */
  LocalDate: 'string',
  /** A date at the precision a source gives: `2025`, `2025-02` or `2025-02-17`. */
  PartialDate: 'string',
  /** An absolute http(s) address. */
  URL: 'string',
  /** A JSON object (recorded states of the change feed's deprecated `before`/`after`). */
  JSONObject: 'Record<string, unknown>',
} as const;

const config: CodegenConfig = {
  schema: process.env.GRAPHQL_API ?? 'http://localhost:4000/graphql',
  documents: process.env.GRAPHQL_DOCUMENTS ?? 'src/**/*.graphql',
  generates: {
    [process.env.GRAPHQL_TYPES ?? 'src/generated/api.ts']: {
      plugins: ['typescript', 'typescript-operations'],
      config: { scalars, strictScalars: true, enumsAsTypes: true, avoidOptionals: { field: true }, skipTypename: true },
    },
  },
};

export default config;
