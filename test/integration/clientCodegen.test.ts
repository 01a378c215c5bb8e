import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { generate } from '@graphql-codegen/cli';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { afterAll, describe, expect, it } from 'vitest';

import { scalars } from '../../docs/client/codegen.js';
import { projectRoot } from '../../src/database/projectRoot.js';
import { useTestApi } from '../helpers/testApi.js';

/**
 * The codegen configuration the README gives clients (docs/client/codegen.ts), run as a client
 * runs it: against the API's introspection over HTTP, with the example operation.
 */
const api = useTestApi({ RATE_LIMIT_PER_MINUTE: '0' });
const out = mkdtempSync(join(tmpdir(), 'client-codegen-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function generateWith(mapping: Record<string, string>): Promise<string> {
  const { default: example } = await import('../../docs/client/codegen.js');
  const target = join(out, `api-${Object.keys(mapping).length}.ts`);
  const [output] = Object.values(example.generates) as Array<{ plugins: string[]; config: Record<string, unknown> }>;
  const config: CodegenConfig = {
    schema: `${api.current.url}/graphql`,
    documents: join(projectRoot, 'docs/client/operations.graphql'),
    silent: true,
    generates: { [target]: { ...output!, config: { ...output!.config, scalars: mapping } } },
  };
  await generate(config, true);
  return readFileSync(target, 'utf8');
}

describe('a client generating its types with the published configuration', () => {
  it('gets a type for every custom scalar of the API, none unknown, and typed operation results', async () => {
    const generated = await generateWith(scalars);
    const block = /export type Scalars = \{([\s\S]*?)\n\};/.exec(generated)?.[1] ?? '';
    const mapped = Object.fromEntries([...block.matchAll(/^\s+(\w+): \{ input: ([^;]+); output: ([^;]+); \}/gm)].map((match) => [match[1], match[3]]));
    expect(mapped).toMatchObject({ DateTime: 'string', LocalDate: 'string', PartialDate: 'string', URL: 'string', JSONObject: 'Record<string, unknown>' });
    expect(Object.values(mapped)).not.toContain('unknown');
    expect(Object.values(mapped)).not.toContain('any');
    expect(generated).toMatch(/export type OrganizationCardQuery = /);
    expect(generated).toMatch(/website: string \| null/);
  });

  it('fails, naming the scalar, when the API has one the mapping leaves out (strictScalars)', async () => {
    const { DateTime: _left, ...partial } = scalars;
    await expect(generateWith(partial)).rejects.toThrow(/DateTime/);
  });
});
