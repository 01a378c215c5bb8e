import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parseAllDocuments } from 'yaml';

import { SEED_FILES, type SeedFileName, type SeedGraph } from '../importFormat.js';
import type { SeedProblem } from '../graphReferences.js';

export type { SeedProblem };

/**
 * The valid entries of a folder, the problems of the others, and the ids those invalid
 * entries declare (so references to them are not reported a second time as unknown).
 */
export interface SeedReading {
  graph: SeedGraph;
  problems: SeedProblem[];
  invalidIds: Set<string>;
}


/**
 * Reads an import folder and checks each file against its schema. Returns every problem
 * found, not only the first. A missing file counts as an empty list. References between
 * entries are checked by checkReferences, which also knows what the database holds.
 */
export function readSeedFolder(folder: string): SeedReading {
  const problems: SeedProblem[] = [];
  const invalidIds = new Set<string>();
  const graph = {} as Record<SeedFileName, unknown[]>;
  for (const name of Object.keys(SEED_FILES) as SeedFileName[]) graph[name] = [];
  if (!existsSync(folder)) {
    problems.push({ file: folder, entry: '-', reason: 'folder does not exist' });
    return { graph: graph as unknown as SeedGraph, problems, invalidIds };
  }
  for (const [name, { file, schema }] of Object.entries(SEED_FILES) as [SeedFileName, (typeof SEED_FILES)[SeedFileName]][]) {
    const path = join(folder, file);
    if (!existsSync(path)) continue;
    const documents = parseAllDocuments(readFileSync(path, 'utf8'));
    const document = Array.isArray(documents) ? documents[0] : documents;
    if (!document || document.errors.length > 0) {
      const message = document?.errors[0]?.message ?? 'not YAML';
      problems.push({ file, entry: '-', reason: `not valid YAML: ${message.split('\n')[0]}` });
      continue;
    }
    const content: unknown = document.toJS() ?? [];
    if (!Array.isArray(content)) {
      problems.push({ file, entry: '-', reason: 'must be a YAML list of entries' });
      continue;
    }
    content.forEach((raw, index) => {
      const label = entryLabel(raw, index);
      const parsed = schema.safeParse(raw);
      if (parsed.success) {
        graph[name].push(parsed.data);
        return;
      }
      for (const issue of parsed.error.issues) problems.push({ file, entry: label, reason: `${issue.path.join('.') || 'entry'}: ${issue.message}` });
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof id === 'string') invalidIds.add(id);
    });
  }
  return { graph: graph as unknown as SeedGraph, problems, invalidIds };
}

function entryLabel(raw: unknown, index: number): string {
  const id = raw && typeof raw === 'object' && 'id' in raw ? String((raw as { id: unknown }).id) : undefined;
  return id ? `${id} (entry ${index + 1})` : `entry ${index + 1}`;
}

