import { parseArgs } from 'node:util';

import { progress } from '../ingest/progress.js';
import { formatRorReport, importRor, RorRejectedError } from '../ingest/ror/importRor.js';
import { ImportRejectedError } from '../ingest/graphWriter.js';
import { commaList, runImportCommand } from './runImportCommand.js';

/**
 * `npm run import:ror -- <ror-data.json> [--dry-run] [--cities Montpellier,Sète] [--country FR]`:
 * imports the records of the area from a ROR v2 data dump. Exit code 1 with every problem listed
 * when the file is not a complete dump; nothing is written then.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'dry-run': { type: 'boolean', default: false }, cities: { type: 'string' }, country: { type: 'string' } },
});
const file = positionals[0];
if (!file) {
  process.stderr.write('Usage: npm run import:ror -- <ror-data.json> [--dry-run] [--cities Montpellier] [--country FR]\n');
  process.exit(2);
}
const cities = commaList(values.cities);
const dryRun = values['dry-run'] ?? false;
runImportCommand(
  async (db) => formatRorReport(file, await importRor({ db }, file, { cities, country: values.country, dryRun, progressOf: (step) => progress(step) }), dryRun),
  [RorRejectedError, ImportRejectedError],
);
