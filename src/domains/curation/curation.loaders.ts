import DataLoader from 'dataloader';

import { runQuery, type QueryRunner } from '../../database/runQuery.js';
import { lastChangesOf } from './curation.cypher.js';
import type { ChangeRecord } from './curation.model.js';
import { findChangesByKeys } from './curation.repository.js';

/** The change log's loaders of one request (built by createContext). */
export interface ChangeLoaders {
  /** When an entity last changed: the instant of its latest recorded change; null when none is recorded. */
  entityUpdatedAt: DataLoader<string, string | null>;
  /** When a relationship last changed, likewise. */
  relationshipUpdatedAt: DataLoader<string, string | null>;
  /** Changes by key (`change-<sequence>`), for node(id); null for an unknown key. */
  changeByKey: DataLoader<string, ChangeRecord | null>;
}

function updatedAtLoader(runner: QueryRunner, targetKind: 'ENTITY' | 'RELATIONSHIP'): DataLoader<string, string | null> {
  return new DataLoader(
    async (ids) => {
      const rows = await runQuery(runner, lastChangesOf, { ids: [...ids], targetKind });
      const at = new Map(rows.map((row) => [row.id as string, row.at as string | null]));
      return ids.map((id) => at.get(id) ?? null);
    },
    { maxBatchSize: 1000 },
  );
}

export function createChangeLoaders(runner: QueryRunner): ChangeLoaders {
  return {
    entityUpdatedAt: updatedAtLoader(runner, 'ENTITY'),
    relationshipUpdatedAt: updatedAtLoader(runner, 'RELATIONSHIP'),
    changeByKey: new DataLoader((keys) => findChangesByKeys(runner, keys), { maxBatchSize: 1000 }),
  };
}
