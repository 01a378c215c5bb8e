import { join } from 'node:path';

import { projectRoot } from '../database/projectRoot.js';
import { runQuery, type QueryRunner } from '../database/runQuery.js';
import { countEntities } from './import.cypher.js';
import { importFolder, type ImportReport } from './importGraph.js';

export const SEED_FOLDER = join(projectRoot, 'seeds');

/** Loads seeds/ when the database holds no entity yet; returns null when it left it alone. */
export async function seedIfEmpty(runner: QueryRunner): Promise<ImportReport | null> {
  const [row] = await runQuery(runner, countEntities);
  if ((row?.count as number) > 0) return null;
  return importFolder(runner, SEED_FOLDER);
}
