import { parseArgs } from 'node:util';

import { readConfig } from '../config.js';
import { openDatabase } from '../database/database.js';
import { migrate } from '../database/migrations.js';
import { progress } from '../ingest/progress.js';
import { formatRorReport, importRor, RorRejectedError } from '../ingest/ror/importRor.js';
import { ImportRejectedError } from '../seed/importGraph.js';

/**
 * `npm run import:ror -- <ror-data.json> [--dry-run] [--cities Montpellier,Sète] [--country FR]`:
 * imports the records of the area from a ROR v2 data dump. Exit code 1 with every problem listed
 * when the file is not a complete dump; nothing is written then.
 */
async function run(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean', default: false }, cities: { type: 'string' }, country: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file) {
    process.stderr.write('Usage: npm run import:ror -- <ror-data.json> [--dry-run] [--cities Montpellier] [--country FR]\n');
    return 2;
  }
  const cities = values.cities?.split(',').map((city) => city.trim()).filter(Boolean);
  const config = readConfig();
  const db = await openDatabase(config, (line) => process.stderr.write(`${line}\n`));
  try {
    await migrate({ db });
    const dryRun = values['dry-run'] ?? false;
    const report = await importRor({ db }, file, { cities, country: values.country, dryRun, progressOf: (step) => progress(step) });
    process.stdout.write(formatRorReport(file, report, dryRun));
    return 0;
  } catch (error) {
    if (error instanceof RorRejectedError || error instanceof ImportRejectedError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}

run().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
