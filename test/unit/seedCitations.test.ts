import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/database/projectRoot.js';
import { citationViolations } from '../../src/ingest/citationCheck.js';
import { readSeedFolder } from '../../src/ingest/folder/readFolder.js';
import type { SeedGraph } from '../../src/ingest/importFormat.js';

/**
 * The stored texts of the five documents live beside the project (`../shared/sources`), not in
 * it; SEED_SOURCES_DIR points elsewhere. Where they are absent, the check of seeds/ is skipped
 * (and says so); the checker itself is tested on texts written here.
 */
const SOURCES_DIR = [process.env.SEED_SOURCES_DIR, join(projectRoot, '..', 'shared', 'sources'), '/work/shared/sources'].find(
  (folder): folder is string => folder !== undefined && existsSync(folder),
);

describe('citations of seeds/', () => {
  it.skipIf(!SOURCES_DIR)('point at lines that exist and name every entity the fact is about (zero violations)', () => {
    const { graph, problems } = readSeedFolder(join(projectRoot, 'seeds'));
    expect(problems).toEqual([]);
    const violations = citationViolations(graph, (id) => {
      const file = graph.sources.find((source) => source.id === id)?.file;
      return file ? readFileSync(join(SOURCES_DIR!, file), 'utf8') : null;
    });
    expect(violations.map((violation) => `${violation.entry} | ${violation.citation} | ${violation.reason}`)).toEqual([]);
  });
});

function graphOf(partial: Partial<SeedGraph>): SeedGraph {
  return { sources: [], organizations: [], people: [], projects: [], labels: [], events: [], relationships: [], claims: [], ...partial } as SeedGraph;
}

const TEXT = ['Acme and Beta signed a deal.', '', 'Beta alone here.', 'Act n°X-1', 'Adopted.'].join('\n');
const organization = (id: string, name: string) => ({ id, name, kind: 'company', sectors: [], formerNames: [], aliases: { fr: [], en: [] }, figures: [], sources: ['doc#line 1'] });

describe('the citation check', () => {
  const base = {
    sources: [{ id: 'doc', title: 'Doc', language: 'en', kind: 'web-page', file: 'doc.txt', number: 'X-1' }],
    organizations: [organization('acme', 'Acme'), organization('beta', 'Beta')],
  } as Partial<SeedGraph>;

  it('lists every citation whose line does not name an end of the relationship, or does not exist', () => {
    const graph = graphOf({
      ...base,
      relationships: [
        { id: 'ok', type: 'PARTNERS_WITH', from: 'acme', to: 'beta', sources: ['doc#line 1'] },
        { id: 'drifted', type: 'PARTNERS_WITH', from: 'acme', to: 'beta', sources: ['doc#line 3'] },
        { id: 'range', type: 'PARTNERS_WITH', from: 'acme', to: 'beta', sources: ['doc#lines 1-3'] },
        { id: 'past-the-end', type: 'PARTNERS_WITH', from: 'acme', to: 'beta', sources: ['doc#line 40'] },
        { id: 'vague', type: 'PARTNERS_WITH', from: 'acme', to: 'beta', sources: ['doc#paragraph 2'] },
      ],
    } as Partial<SeedGraph>);
    const violations = citationViolations(graph, () => TEXT);
    expect(violations.map((violation) => [violation.entry, violation.reason])).toEqual([
      ['relationships.yaml drifted', 'the cited text does not name "acme"'],
      ['relationships.yaml past-the-end', 'no such line range in a text of 5 lines (at most 8 lines)'],
      ['relationships.yaml vague', 'the locator is not "line N" or "lines N-M"'],
    ]);
  });

  it('counts every line of an official act as naming the act that has its number', () => {
    const act = { id: 'act', name: 'Act X-1', kind: 'decision', themes: [], aliases: { fr: ['X-1'], en: [] }, figures: [{ name: 'votes', value: 1, qualifier: 'exactly', sources: ['doc#line 5'] }], sources: ['doc#line 4'] };
    expect(citationViolations(graphOf({ ...base, projects: [act] } as Partial<SeedGraph>), () => TEXT)).toEqual([]);
    const otherSource = { ...base, sources: [{ ...base.sources![0]!, number: undefined }] };
    expect(citationViolations(graphOf({ ...otherSource, projects: [act] } as Partial<SeedGraph>), () => TEXT)).toHaveLength(1);
  });
});
