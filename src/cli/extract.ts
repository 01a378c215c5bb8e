import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { projectRoot } from '../database/projectRoot.js';
import { EXTRACT_FOLDER, extractRnsr, extractRor, readManifest, writeManifest, type DatasetManifest } from '../ingest/extract/areaExtract.js';
import { progress } from '../ingest/progress.js';
import { MONTPELLIER_CITIES } from '../ingest/scope.js';
import { commaList } from './runImportCommand.js';

/**
 * `npm run extract -- [--ror <copy of ror-community/ror-records>] [--rnsr <directory.csv>
 * [--rnsr-grid <directory-with-grid.csv>] [--rnsr-date 2022-02]] [--out seeds/extract]
 * [--cities ...] [--country FR]`: writes the area's extract of the open datasets into the
 * repository (see src/ingest/extract/areaExtract.ts); a dataset not named keeps its current
 * extract. Needs no database.
 */
const { values } = parseArgs({
  options: {
    ror: { type: 'string' }, rnsr: { type: 'string' }, 'rnsr-grid': { type: 'string' }, 'rnsr-date': { type: 'string' },
    out: { type: 'string' }, cities: { type: 'string' }, country: { type: 'string' },
  },
});
if (!values.ror && !values.rnsr) {
  process.stderr.write(
    'Usage: npm run extract -- [--ror <folder of ror-community/ror-records>] [--rnsr <fr-esr-structures-recherche-publiques-actives.csv> ' +
      '[--rnsr-grid <...-with-grid.csv>] [--rnsr-date YYYY-MM]] [--out seeds/extract] [--cities Montpellier,Lattes] [--country FR]\n',
  );
  process.exit(2);
}
const out = values.out ?? join(projectRoot, EXTRACT_FOLDER);
const cities = commaList(values.cities) ?? MONTPELLIER_CITIES;
const run = async () => {
  const datasets = new Map<string, DatasetManifest>(((await readManifest(out))?.datasets ?? []).map((dataset) => [dataset.dataset, dataset]));
  const lines = [`Extract written to ${out}:`];
  if (values.ror) {
    const ror = await extractRor({ rorRecords: values.ror, out, cities, country: values.country ?? 'FR', progressOf: (step) => progress(step) });
    datasets.set('ror', ror);
    lines.push(
      `  ror             release ${ror.release} (${ror.date ?? 'undated'}): ${ror.records.inArea} records in the area (${ror.records.active} active), ` +
        `${ror.records.oneStepAway} one step away, ${ror.records.fromSchemaV1} of them last changed in schema v1 -> ${ror.file}`,
    );
  }
  if (values.rnsr) {
    const rnsr = await extractRnsr({ rnsr: values.rnsr, rnsrGrid: values['rnsr-grid'], date: values['rnsr-date'], out, cities });
    datasets.set('rnsr', rnsr);
    lines.push(`  rnsr            ${rnsr.records.inArea} structures in the area, ${rnsr.records.withGrid} with a GRID id -> ${rnsr.file}`);
  }
  await writeManifest(out, [...datasets.values()].sort((a, b) => a.dataset.localeCompare(b.dataset)));
  process.stdout.write(`${lines.join('\n')}\n`);
};
run().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
