import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { projectRoot } from '../database/projectRoot.js';
import { EXTRACT_FOLDER, extractRor, writeManifest } from '../ingest/extract/areaExtract.js';
import { progress } from '../ingest/progress.js';
import { MONTPELLIER_CITIES } from '../ingest/scope.js';
import { commaList } from './runImportCommand.js';

/**
 * `npm run extract -- --ror <copy of ror-community/ror-records> [--out seeds/extract]
 * [--cities ...] [--country FR]`: writes the area's extract of the open datasets into the
 * repository (see src/ingest/extract/areaExtract.ts). Needs no database.
 */
const { values } = parseArgs({
  options: { ror: { type: 'string' }, out: { type: 'string' }, cities: { type: 'string' }, country: { type: 'string' } },
});
if (!values.ror) {
  process.stderr.write('Usage: npm run extract -- --ror <folder of ror-community/ror-records> [--out seeds/extract] [--cities Montpellier,Lattes] [--country FR]\n');
  process.exit(2);
}
const out = values.out ?? join(projectRoot, EXTRACT_FOLDER);
const run = async () => {
  const ror = await extractRor({
    rorRecords: values.ror!,
    out,
    cities: commaList(values.cities) ?? MONTPELLIER_CITIES,
    country: values.country ?? 'FR',
    progressOf: (step) => progress(step),
  });
  await writeManifest(out, [ror]);
  process.stdout.write(
    `Extract written to ${out}:\n` +
      `  ror             release ${ror.release} (${ror.date ?? 'undated'}): ${ror.records.inArea} records in the area (${ror.records.active} active), ` +
      `${ror.records.oneStepAway} one step away, ${ror.records.fromSchemaV1} of them last changed in schema v1 -> ${ror.file}\n`,
  );
};
run().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
