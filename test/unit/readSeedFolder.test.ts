import { describe, expect, it } from 'vitest';

import { readSeedFolder } from '../../src/ingest/folder/readFolder.js';
import { checkReferences } from '../../src/ingest/graphReferences.js';
import { SEED_FOLDER } from '../../src/ingest/defaultGraph.js';
import { folderWith } from '../helpers/seedFolder.js';

describe('reading an import folder', () => {
  it('accepts the shipped seeds without a single problem', () => {
    const reading = readSeedFolder(SEED_FOLDER);
    expect(reading.problems).toEqual([]);
    expect(checkReferences(reading.graph)).toEqual([]);
    expect(reading.graph.organizations.length).toBeGreaterThan(50);
  });

  it('reports a file that is not a list, and YAML that does not parse', () => {
    const reading = readSeedFolder(folderWith({ 'people.yaml': 'id: someone\n', 'events.yaml': '- id: [unclosed\n' }));
    expect(reading.problems).toEqual(
      expect.arrayContaining([
        { file: 'people.yaml', entry: '-', reason: 'must be a YAML list of entries' },
        expect.objectContaining({ file: 'events.yaml', reason: expect.stringMatching(/^not valid YAML/) }),
      ]),
    );
  });

  it('refuses unknown fields, partial dates that are not days, and amounts without a currency', () => {
    const reading = readSeedFolder(
      folderWith({
        'sources.yaml': '- { id: s, title: S, language: en, kind: press-article }\n',
        'organizations.yaml': '- { id: a, name: A, kind: company, colour: red, sources: ["s#1"] }\n- { id: b, name: B, kind: company, founded: "2024-13", sources: ["s#1"] }\n- { id: c, name: C, kind: company, sources: ["s#1"] }\n',
        'relationships.yaml': '- { id: r, type: FUNDS, from: c, to: a, amount: 5, sources: ["s#1"] }\n',
      }),
    );
    expect(reading.problems.map((p) => `${p.entry}: ${p.reason}`)).toEqual([
      expect.stringMatching(/^a \(entry 1\): entry: Unrecognized key: "colour"/),
      'b (entry 2): founded: must be a real date: YYYY, YYYY-MM or YYYY-MM-DD',
    ]);
    expect(checkReferences(reading.graph, { entities: new Map(), sources: new Set(), invalidIds: reading.invalidIds })).toEqual([
      { file: 'relationships.yaml', entry: 'r', reason: 'an amount needs a currency' },
    ]);
  });

  it('reads an organisation\'s `themes` as every entity\'s, `sectors` as its former name, and refuses both at once', () => {
    const reading = readSeedFolder(
      folderWith({
        'sources.yaml': '- { id: s, title: S, language: en, kind: press-article }\n',
        'organizations.yaml':
          '- { id: a, name: A, kind: company, themes: [health, robotics], sources: ["s#1"] }\n- { id: b, name: B, kind: company, sectors: [health], sources: ["s#1"] }\n' +
          '- { id: c, name: C, kind: company, themes: [health], sectors: [energy], sources: ["s#1"] }\n',
      }),
    );
    expect(reading.problems.map((p) => `${p.entry}: ${p.reason}`)).toEqual(['c (entry 3): sectors: give `themes` only: `sectors` is its former name']);
    expect(reading.graph.organizations.map((entry) => [entry.id, entry.sectors])).toEqual([['a', ['health', 'robotics']], ['b', ['health']]]);
  });

  it('reads an organisation\'s `pic` (the API\'s name), `cordisId` as its former name, and refuses both at once', () => {
    const reading = readSeedFolder(
      folderWith({
        'sources.yaml': '- { id: s, title: S, language: en, kind: press-article }\n',
        'organizations.yaml':
          '- { id: a, name: A, kind: company, pic: "999000001", sources: ["s#1"] }\n- { id: b, name: B, kind: company, cordisId: "999000002", sources: ["s#1"] }\n' +
          '- { id: c, name: C, kind: company, pic: "999000003", cordisId: "999000003", sources: ["s#1"] }\n- { id: d, name: D, kind: company, pic: "12", sources: ["s#1"] }\n',
      }),
    );
    expect(reading.problems.map((p) => `${p.entry}: ${p.reason}`)).toEqual(['c (entry 3): cordisId: give `pic` only: `cordisId` is its former name', 'd (entry 4): pic: must be a 9-digit PIC']);
    expect(reading.graph.organizations.map((entry) => [entry.id, entry.cordisId])).toEqual([['a', '999000001'], ['b', '999000002']]);
  });

  it('does not report a reference to an entry already reported as invalid', () => {
    const reading = readSeedFolder(
      folderWith({
        'sources.yaml': '- { id: s, title: S, language: en, kind: press-article }\n',
        'organizations.yaml': '- { id: a, name: A, kind: galaxy, sources: ["s#1"] }\n- { id: b, name: B, kind: company, sources: ["s#1"] }\n',
        'relationships.yaml': '- { id: r, type: PARTNERS_WITH, from: a, to: b, sources: ["s#1"] }\n',
      }),
    );
    expect(reading.problems).toHaveLength(1);
    expect(checkReferences(reading.graph, { entities: new Map(), sources: new Set(), invalidIds: reading.invalidIds })).toEqual([]);
  });
});
