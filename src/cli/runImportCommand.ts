import { readConfig } from '../config.js';
import { openDatabase, type Database } from '../database/database.js';
import { migrate } from '../database/migrations.js';

/**
 * What every import command does around its work: read the configuration, open the database
 * (the embedded one or NEO4J_URI), apply the schema, run, print the report, close, and exit
 * with `exitCode()` (0 by default). An error of one of the `refusals` classes (the input's
 * problems, listed) exits 1 with its message; any other error too, with its first line.
 */
export function runImportCommand(work: (db: Database) => Promise<string>, refusals: Array<abstract new (...args: never[]) => Error>, exitCode: () => number = () => 0): void {
  const run = async (): Promise<number> => {
    const db = await openDatabase(readConfig(), (line) => process.stderr.write(`${line}\n`), { useRunning: true });
    try {
      await migrate({ db });
      process.stdout.write(await work(db));
      return exitCode();
    } catch (error) {
      if (refusals.some((refusal) => error instanceof refusal)) {
        process.stderr.write(`${(error as Error).message}\n`);
        return 1;
      }
      throw error;
    } finally {
      await db.close();
    }
  };
  run().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}

/** A comma-separated option (`--cities Montpellier,Sète`) as a list; undefined when not given. */
export function commaList(text: string | undefined): string[] | undefined {
  return text?.split(',').map((item) => item.trim()).filter(Boolean);
}
