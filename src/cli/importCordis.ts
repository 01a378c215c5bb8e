import { parseArgs } from 'node:util';

import { readConfig } from '../config.js';
import { openDatabase } from '../database/database.js';
import { migrate } from '../database/migrations.js';
import { MONTPELLIER_SCOPE } from '../ingest/cordis/cordisGraph.js';
import { CordisRejectedError, formatCordisReport, importCordis } from '../ingest/cordis/importCordis.js';
import { progress } from '../ingest/progress.js';
import { ImportRejectedError } from '../seed/importGraph.js';

/**
 * `npm run import:cordis -- <folder> [--dry-run] [--nuts FRJ13,FRJ1] [--cities Montpellier,Sète]`:
 * imports a CORDIS projects export (project.csv and organization.csv). Exit code 1 with every
 * problem listed when anything is wrong with the files; nothing is written then.
 */
async function run(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean', default: false }, nuts: { type: 'string' }, cities: { type: 'string' } },
  });
  const folder = positionals[0];
  if (!folder) {
    process.stderr.write('Usage: npm run import:cordis -- <folder with project.csv and organization.csv> [--dry-run] [--nuts FRJ13] [--cities Montpellier]\n');
    return 2;
  }
  const list = (text: string | undefined) => text?.split(',').map((item) => item.trim()).filter(Boolean);
  const scope = { nuts: list(values.nuts) ?? MONTPELLIER_SCOPE.nuts, cities: list(values.cities) ?? MONTPELLIER_SCOPE.cities };
  const config = readConfig();
  const db = await openDatabase(config, (line) => process.stderr.write(`${line}\n`));
  try {
    await migrate({ db });
    const dryRun = values['dry-run'] ?? false;
    const report = await importCordis({ db }, folder, { scope, dryRun, progressOf: (step) => progress(step) });
    process.stdout.write(formatCordisReport(folder, report, dryRun));
    return 0;
  } catch (error) {
    if (error instanceof CordisRejectedError || error instanceof ImportRejectedError) {
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
