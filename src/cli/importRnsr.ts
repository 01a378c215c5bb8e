import { parseArgs } from 'node:util';

import { ImportRejectedError } from '../ingest/graphWriter.js';
import { progress } from '../ingest/progress.js';
import { formatRnsrReport, importRnsr, RnsrRejectedError } from '../ingest/rnsr/importRnsr.js';
import { commaList, runImportCommand } from './runImportCommand.js';

/**
 * `npm run import:rnsr -- <fr-esr-structures-recherche-publiques-actives.csv> [--dry-run]
 * [--cities Montpellier,Lattes] [--date 2022-02]`: imports the research structures of the area
 * from the national directory (the published file, its copy with GRID ids, or the extract's
 * seeds/extract/rnsr-area.csv). Exit code 1 with every problem listed; nothing is written then.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'dry-run': { type: 'boolean', default: false }, cities: { type: 'string' }, date: { type: 'string' } },
});
const file = positionals[0];
if (!file) {
  process.stderr.write('Usage: npm run import:rnsr -- <directory.csv> [--dry-run] [--cities Montpellier] [--date YYYY-MM]\n');
  process.exit(2);
}
const dryRun = values['dry-run'] ?? false;
runImportCommand(
  async (db) =>
    formatRnsrReport(
      file,
      await importRnsr({ db }, file, {
        cities: commaList(values.cities),
        release: values.date ? { name: 'fr-esr-structures-recherche-publiques-actives', date: values.date } : undefined,
        dryRun,
        progressOf: (step) => progress(step),
      }),
      dryRun,
    ),
  [RnsrRejectedError, ImportRejectedError],
);
