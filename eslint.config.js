import js from '@eslint/js';
import importPlugin from 'eslint-plugin-import';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'src/generated/', 'neo4j-embedded/', '.data/', 'coverage/', 'dist/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { import: importPlugin },
    settings: { 'import/resolver': { typescript: { project: ['./tsconfig.json', './web/tsconfig.json'] } } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'import/no-cycle': 'error',
      'import/no-default-export': 'error',
    },
  },
  {
    // Layering: Cypher-facing code knows nothing of GraphQL or HTTP.
    files: ['src/database/**/*.ts', 'src/domains/**/*.cypher.ts', 'src/domains/**/*.repository.ts', 'src/network/**/*.ts'],
    ignores: ['src/network/resolvers/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/http/*', '**/server.js', 'express', '@apollo/*'], message: 'The data layer does not depend on HTTP or Apollo.' }] }],
    },
  },
  {
    files: ['codegen.ts', 'vitest.config.ts', 'eslint.config.js', 'docs/client/codegen.ts'],
    rules: { 'import/no-default-export': 'off' },
  },
);
