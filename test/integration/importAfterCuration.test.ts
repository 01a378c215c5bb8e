import { describe, expect, it } from 'vitest';

import { ADMIN_TOKEN, as, cleanUpCurationAfterAll, ok, snapshot, SOURCE } from '../helpers/curation.js';
import { runScript } from '../helpers/runProcess.js';
import { folderWith } from '../helpers/seedFolder.js';
import { testEnvironment, useTestApi } from '../helpers/testApi.js';

/**
 * An import after edits made through the API: what a curator changed is never silently
 * undone. Keys start with `cur-` so the curation clean-up removes them.
 */
const api = useTestApi({ ADMIN_API_KEY: ADMIN_TOKEN, RATE_LIMIT_PER_MINUTE: '0' });
cleanUpCurationAfterAll(api);

const CITED = 'sources: ["ecosysteme-ia-fr#line 9"]';
function folder({ labDescription = 'A laboratory.', otherDescription = 'Another laboratory.', note = 'first year' } = {}) {
  return folderWith({
    'organizations.yaml': [
      `- id: cur-imp-lab\n  name: Imported Lab\n  kind: research-unit\n  description: ${labDescription}\n  ${CITED}`,
      `- id: cur-imp-other\n  name: Other Imported Lab\n  kind: research-unit\n  description: ${otherDescription}\n  ${CITED}`,
    ].join('\n'),
    'relationships.yaml': `- id: cur-imp-rel\n  type: PARTICIPATES_IN\n  from: cur-imp-lab\n  to: plantnet\n  note: ${note}\n  ${CITED}\n`,
  });
}

async function runImport(path: string) {
  const process = runScript('src/cli/seed.ts', [path], testEnvironment());
  return { code: await process.exited, output: process.output() };
}

async function lab() {
  const { data } = await api.current.graphql<{ organization: { city: string | null; description: string; version: number } }>('{ organization(key: "cur-imp-lab") { city description version } }');
  return data!.organization;
}

describe('an import after edits through the API', () => {
  it('leaves the edits alone when the folder has not changed, and refuses to undo them when it has', async () => {
    const first = await runImport(folder());
    expect(first.code, first.output).toBe(0);
    ok(
      await api.current.graphql(
        'mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { version } } }',
        { input: { entity: 'cur-imp-lab', expectedVersion: (await lab()).version, set: { city: 'Montpellier' }, sources: SOURCE } },
        as(ADMIN_TOKEN),
      ),
    );
    ok(
      await api.current.graphql(
        'mutation($input: UpdateRelationshipInput!) { updateRelationship(input: $input) { relationships { version } } }',
        { input: { relationship: 'cur-imp-rel', expectedVersion: 1, set: { role: 'partner' }, sources: SOURCE } },
        as(ADMIN_TOKEN),
      ),
    );

    // The same folder again: nothing to write, the curator's city and role stay.
    const again = await runImport(folder());
    expect(again.code, again.output).toBe(0);
    expect(again.output).toMatch(/organizations\s+0 created, 0 updated, 2 unchanged/);
    expect(await lab()).toMatchObject({ city: 'Montpellier', description: 'A laboratory.' });

    // A folder that would overwrite both edited entries is refused, each named, and nothing is written.
    const before = await snapshot(api.current);
    const refused = await runImport(folder({ labDescription: 'A renamed laboratory.', otherDescription: 'Changed too.', note: 'second year' }));
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(/organizations\.yaml › cur-imp-lab: was changed through the API since it was last imported/);
    expect(refused.output).toMatch(/relationships\.yaml › cur-imp-rel: was changed through the API/);
    expect(refused.output).not.toContain('cur-imp-other:');
    expect(await snapshot(api.current)).toEqual(before);
    expect(await lab()).toMatchObject({ city: 'Montpellier', description: 'A laboratory.' });

    // Entries nobody edited through the API still import.
    const other = await runImport(folder({ otherDescription: 'Changed too.' }));
    expect(other.code, other.output).toBe(0);
    expect(other.output).toMatch(/organizations\s+0 created, 1 updated, 1 unchanged/);
  });
});
