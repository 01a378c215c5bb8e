import { parseArgs } from 'node:util';

import { MONTPELLIER_SCOPE } from '../ingest/cordis/cordisGraph.js';
import { CordisRejectedError, formatCordisReport, importCordis } from '../ingest/cordis/importCordis.js';
import { progress } from '../ingest/progress.js';
import { ImportRejectedError } from '../ingest/graphWriter.js';
import { commaList, runImportCommand } from './runImportCommand.js';

/**
 * `npm run import:cordis -- <folder> [--dry-run] [--nuts FRJ13,FRJ1] [--cities Montpellier,Sète]`:
 * imports a CORDIS projects export (project.csv and organization.csv). Exit code 1 with every
 * problem listed when anything is wrong with the files; nothing is written then.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'dry-run': { type: 'boolean', default: false }, nuts: { type: 'string' }, cities: { type: 'string' } },
});
const folder = positionals[0];
if (!folder) {
  process.stderr.write('Usage: npm run import:cordis -- <folder with project.csv and organization.csv> [--dry-run] [--nuts FRJ13] [--cities Montpellier]\n');
  process.exit(2);
}
const scope = { nuts: commaList(values.nuts) ?? MONTPELLIER_SCOPE.nuts, cities: commaList(values.cities) ?? MONTPELLIER_SCOPE.cities };
const dryRun = values['dry-run'] ?? false;
runImportCommand(
  async (db) => formatCordisReport(folder, await importCordis({ db }, folder, { scope, dryRun, progressOf: (step) => progress(step) }), dryRun),
  [CordisRejectedError, ImportRejectedError],
);
