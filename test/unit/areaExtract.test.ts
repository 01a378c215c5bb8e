/* eslint-disable @typescript-eslint/no-explicit-any -- records are checked by the assertions themselves */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/database/projectRoot.js';
import { extractRnsr, extractRor, RNSR_EXTRACT_FILE, ROR_EXTRACT_FILE } from '../../src/ingest/extract/areaExtract.js';
import { compareReleases } from '../../src/ingest/extract/rorRecords.js';
import { readRnsr, type RnsrStructure } from '../../src/ingest/rnsr/readRnsr.js';
import { reduceRecord } from '../../src/ingest/ror/readRor.js';
import { MONTPELLIER_CITIES } from '../../src/ingest/scope.js';

const RECORDS = join(projectRoot, 'test', 'fixtures', 'ror-records');
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

async function extract() {
  const out = mkdtempSync(join(tmpdir(), 'extract-'));
  folders.push(out);
  const manifest = await extractRor({ rorRecords: RECORDS, out, cities: MONTPELLIER_CITIES, country: 'FR' });
  const text = readFileSync(join(out, ROR_EXTRACT_FILE), 'utf8');
  return { manifest, text, records: JSON.parse(text) as Array<Record<string, any>> };
}

describe('the area\'s extract of ROR\'s records repository', () => {
  it('keeps the latest version of each record of the area, in either schema, and the records one step away', async () => {
    const { manifest, records } = await extract();
    const ids = records.map((record) => String(record.id).slice(-9));
    // 01: last changed in schema v1; 03: renamed in v2.9; 04: its second site is in the area; 09: the parent of 01 and 03.
    // Not 02 (its latest version left the area), 05 (elsewhere, linked to nothing), 06 (its latest-dated version is in Paris).
    expect(ids).toEqual(['0cccccc01', '0cccccc03', '0cccccc04', '0cccccc09']);
    expect(records.find((record) => record.id.endsWith('03'))!.names[0].value).toBe('Équipe de Test Renommée');
    expect(manifest).toMatchObject({ release: 'v2.9', date: '2026-06-01', licence: 'CC0 1.0', records: { inArea: 3, active: 3, oneStepAway: 1, fromSchemaV1: 2 } });
  });

  it('writes a schema v1 record in schema v2\'s layout, without its contact details, and readable by the ROR connector', async () => {
    const { records } = await extract();
    const old = records.find((record) => record.id.endsWith('01'))!;
    expect(old.names).toEqual([
      { lang: null, types: ['ror_display', 'label'], value: 'Laboratoire Ancien de Test' },
      { lang: 'en', types: ['label'], value: 'Old Test Laboratory' },
      { lang: null, types: ['acronym'], value: 'LAT' },
    ]);
    expect(old.types).toEqual(['facility']);
    expect(old.relationships).toEqual([{ id: 'https://ror.org/0cccccc09', label: 'x', type: 'parent' }]);
    expect(old.external_ids).toEqual([{ all: ['grid.test.0cccccc01'], preferred: 'grid.test.0cccccc01', type: 'grid' }]);
    expect(old.locations[0].geonames_details).toMatchObject({ name: 'Montpellier', country_code: 'FR' });
    expect(JSON.stringify(old)).not.toMatch(/email|ip_addresses|contact@/);
    const reduced = reduceRecord(old, 1);
    expect(reduced).toMatchObject({ id: '0cccccc01', name: 'Laboratoire Ancien de Test', labels: { en: 'Old Test Laboratory' }, names: { acronyms: ['LAT'] }, city: 'Montpellier' });
    const twoSites = reduceRecord(records.find((record) => record.id.endsWith('04')), 2);
    expect(twoSites).toMatchObject({ city: 'Toulouse', places: [{ city: 'Toulouse' }, { city: 'Montpellier' }] });
  });

  it('gives the same bytes for the same input', async () => {
    const [first, second] = [await extract(), await extract()];
    expect(second.text).toBe(first.text);
    expect(first.text.endsWith('\n')).toBe(true);
  });

  it('orders releases by version, not by text', () => {
    expect(['v1.10', 'v2.0', 'v1.2', 'v1.17.1', 'v1.17'].sort(compareReleases)).toEqual(['v1.2', 'v1.10', 'v1.17', 'v1.17.1', 'v2.0']);
  });
});

describe('the area', () => {
  it('is the 31 communes of Montpellier Méditerranée Métropole (EPCI 243400017)', () => {
    const require = createRequire(import.meta.url);
    const epci = (require('@etalab/decoupage-administratif/data/epci.json') as Array<{ code: string; membres: Array<{ nom: string }> }>).find((one) => one.code === '243400017')!;
    expect([...MONTPELLIER_CITIES].sort()).toEqual(epci.membres.map((member) => member.nom).sort());
  });
});

describe('the area\'s extract of the research directory', () => {
  const FIXTURE = join(projectRoot, 'test', 'fixtures', 'rnsr');

  async function extractDirectory() {
    const out = mkdtempSync(join(tmpdir(), 'extract-rnsr-'));
    folders.push(out);
    const manifest = await extractRnsr({ rnsr: join(FIXTURE, 'structures.csv'), rnsrGrid: join(FIXTURE, 'structures-with-grid.csv'), date: '2022-02', out, cities: MONTPELLIER_CITIES });
    return { manifest, file: join(out, RNSR_EXTRACT_FILE), text: readFileSync(join(out, RNSR_EXTRACT_FILE), 'utf8') };
  }

  it('keeps the structures of the area (CEDEX ignored) in the directory\'s layout, with their GRID ids and without the directors\' names', async () => {
    const { manifest, file, text } = await extractDirectory();
    expect(manifest).toMatchObject({ dataset: 'rnsr', licence: 'Licence Ouverte / Etalab 2.0', date: '2022-02', records: { inArea: 4, withGrid: 1 } });
    expect(text).not.toMatch(/DUPONT-TEST|Jeanne-Test|rue des Tests|nom_du_responsable/);
    const structures: RnsrStructure[] = [];
    expect(await readRnsr(file, (structure) => structures.push(structure))).toEqual([]);
    expect(structures.map((structure) => structure.number)).toEqual(['999000001A', '999000002B', '999000003C', '999000004D']);
    expect(structures[0]).toMatchObject({
      name: 'LABORATOIRE DE TEST EN ROBOTIQUE', acronym: 'LTR', city: 'MONTPELLIER', grid: 'grid.999901.1', parents: ['999000003C'],
      predecessors: [{ number: '999000004D', kind: 'Fusion', year: '2011' }],
      bodies: [
        { name: 'Université de Montpellier', acronym: 'UM', type: 'TUTE', nature: 'UNIV', label: 'UMR 9999', siret: '13000000000011', uai: '0342321N' },
        { name: 'Centre national de la recherche scientifique', acronym: 'CNRS', type: 'TUTE', nature: 'EPST', label: 'UMR 9999', siret: '18000000000011', uai: '0753639Y' },
      ],
      ercPanels: [{ code: 'PE6', name: 'Computer Science and Informatics' }, { code: 'PE7', name: 'Systems and Communication Engineering' }],
    });
  });

  it('gives the same bytes for the same input', async () => {
    const [first, second] = [await extractDirectory(), await extractDirectory()];
    expect(second.text).toBe(first.text);
  });
});
