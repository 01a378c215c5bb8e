import { basename, resolve } from 'node:path';

import type { QueryRunner } from '../../database/runQuery.js';
import { importGraph, type ImportReport } from '../graphWriter.js';
import type { Progress } from '../progress.js';
import { readSeedFolder } from './readFolder.js';

/**
 * Validates a folder completely (schemas, then references against the folder and the
 * database), and only then writes it. Throws ImportRejectedError listing every problem;
 * in that case nothing is written.
 */
export async function importFolder(runner: QueryRunner, folder: string, batchSize = 5_000, progress?: Progress): Promise<ImportReport> {
  const reading = readSeedFolder(folder);
  return importGraph(runner, reading.graph, batchSize, reading, progress, `import of ${basename(resolve(folder))}`);
}
