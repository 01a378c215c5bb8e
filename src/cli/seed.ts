import { readConfig } from '../config.js';
import { openDatabase } from '../database/database.js';
import { migrate } from '../database/migrations.js';
import { ImportRejectedError, type ImportReport } from '../ingest/graphWriter.js';
import { importFolder } from '../ingest/folder/importFolder.js';
import { SEED_FOLDER } from '../ingest/defaultGraph.js';
import { progress } from '../ingest/progress.js';

/**
 * `npm run seed` imports seeds/ (the area's extract in seeds/extract comes with the first start,
 * or with `npm run import:ror` and `npm run import:rnsr`); `npm run import -- <folder>` imports another folder in the
 * same format. Everything is validated first; on any problem, every problem is printed and
 * nothing is written (exit code 1). Otherwise prints what was created, updated, left alone.
 */
async function run(): Promise<number> {
  const folder = process.argv[2] ?? SEED_FOLDER;
  const config = readConfig();
  const db = await openDatabase(config, (line) => process.stderr.write(`${line}\n`), { useRunning: true });
  try {
    await migrate({ db });
    const report = await importFolder({ db }, folder, 5_000, progress(`Writing ${folder}`));
    process.stdout.write(formatReport(folder, report));
    return 0;
  } catch (error) {
    if (error instanceof ImportRejectedError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}

export function formatReport(folder: string, report: ImportReport): string {
  const lines = [`Imported ${folder}:`];
  for (const [kind, tally] of Object.entries(report)) {
    const retired = tally.retired ? `, ${tally.retired} retired (renamed or withdrawn)` : '';
    lines.push(`  ${kind.padEnd(14)} ${tally.created} created, ${tally.updated} updated, ${tally.unchanged} unchanged${retired}`);
  }
  const changed = Object.values(report).reduce((sum, tally) => sum + tally.created + tally.updated + (tally.retired ?? 0), 0);
  lines.push(changed === 0 ? 'Nothing changed.' : `${changed} change(s) written.`);
  return `${lines.join('\n')}\n`;
}

run().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
