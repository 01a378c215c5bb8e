import DataLoader from 'dataloader';

import type { QueryRunner } from '../../database/runQuery.js';
import { findSourcesByIds } from '../source/source.repository.js';
import type { ClaimRecord, EntityRecord, RelationshipRecord, SourceRecord } from './entity.model.js';
import {
  findClaimsAbout, findDegrees, findEntitiesByIds, findEntitiesBySlugs, findRelationshipPages, findRelationshipsByIds, findRelationshipsOf,
  type Links, type RelationshipPage, type RelationshipPageRequest,
} from './entity.repository.js';
import { ENTITY_LABELS, type EntityLabel } from './relationshipTypes.js';

/**
 * The DataLoaders of one request: every key asked for during one tick of execution goes to
 * Neo4j in one UNWIND query, so round trips grow with the depth of an operation, not with
 * the number of items. Built per request by createContext (never shared: a loader caches).
 */
export interface EntityLoaders {
  entityById: DataLoader<string, EntityRecord | null>;
  entityBySlug: Record<EntityLabel, DataLoader<string, EntityRecord | null>>;
  relationshipsOf: DataLoader<string, Links>;
  /** One loader per distinct selection and page: entities asking the same page of the same field share one query. */
  relationshipPage(request: RelationshipPageRequest): DataLoader<string, RelationshipPage>;
  degree: DataLoader<string, number>;
  claimsAbout: DataLoader<string, ClaimRecord[]>;
  sourceById: DataLoader<string, SourceRecord | null>;
  relationshipById: DataLoader<string, RelationshipRecord | null>;
}

export function createEntityLoaders(runner: QueryRunner): EntityLoaders {
  const entityById = new DataLoader<string, EntityRecord | null>((ids) => findEntitiesByIds(runner, ids), { maxBatchSize: 1000 });
  const entityBySlug = Object.fromEntries(
    ENTITY_LABELS.map((label) => [label, new DataLoader<string, EntityRecord | null>((slugs) => findEntitiesBySlugs(runner, label, slugs))]),
  ) as Record<EntityLabel, DataLoader<string, EntityRecord | null>>;
  const relationshipsOf = new DataLoader<string, Links>(
    async (ids) => {
      const all = await findRelationshipsOf(runner, ids);
      // The other ends came with the relationships: the next level reads them from cache.
      for (const links of all) for (const other of links.others) entityById.prime(other.id, other);
      return all;
    },
    { maxBatchSize: 1000 },
  );
  const pageLoaders = new Map<string, DataLoader<string, RelationshipPage>>();
  const relationshipPage = (request: RelationshipPageRequest) => {
    const key = JSON.stringify(request);
    let loader = pageLoaders.get(key);
    if (!loader) {
      loader = new DataLoader<string, RelationshipPage>(
        async (ids) => {
          const pages = await findRelationshipPages(runner, ids, request);
          // Whole records only: a record read with some properties must not answer another field.
          if (request.entityKeys === null) for (const page of pages) for (const other of page.others) entityById.prime(other.id, other);
          return pages;
        },
        { maxBatchSize: 1000 },
      );
      pageLoaders.set(key, loader);
    }
    return loader;
  };
  return {
    entityById,
    entityBySlug,
    relationshipsOf,
    relationshipPage,
    degree: new DataLoader((ids) => findDegrees(runner, ids), { maxBatchSize: 1000 }),
    claimsAbout: new DataLoader((ids) => findClaimsAbout(runner, ids), { maxBatchSize: 1000 }),
    sourceById: new DataLoader((ids) => findSourcesByIds(runner, ids)),
    relationshipById: new DataLoader((ids) => findRelationshipsByIds(runner, ids), { maxBatchSize: 100 }),
  };
}
