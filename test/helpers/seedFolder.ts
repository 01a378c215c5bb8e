import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SEED_FOLDER } from '../../src/ingest/defaultGraph.js';

/** A temporary import folder holding the given YAML files (name → content). */
export function folderWith(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'mtp-ai-import-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
  return folder;
}

/** A temporary copy of seeds/, to edit. */
export function copyOfSeeds(): string {
  const folder = mkdtempSync(join(tmpdir(), 'mtp-ai-seeds-'));
  cpSync(SEED_FOLDER, folder, { recursive: true });
  return folder;
}
