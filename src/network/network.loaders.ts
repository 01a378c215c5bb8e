import DataLoader from 'dataloader';

import type { QueryRunner } from '../database/runQuery.js';
import type { MetricsCache } from './metricsCache.js';
import type { EvidenceRecord } from './network.model.js';
import { findPartnerEvidence, type PartnerPage, type PartnerPageRequest } from './network.repository.js';
import { partnerPagesOf } from './partnerRanking.js';

/** Per-request loaders of the network module (partners of many organisations in one query). */
export interface NetworkLoaders {
  partnerEvidence: DataLoader<string, EvidenceRecord[]>;
  /** The community of each entity in the whole graph (the metrics of the current data version); null when unknown. */
  communityOf: DataLoader<string, number | null>;
  /** One loader per page request: organisations asking the same page share one query. */
  partnerPage(request: PartnerPageRequest): DataLoader<string, PartnerPage>;
}

export function createNetworkLoaders(runner: QueryRunner, rankings: MetricsCache): NetworkLoaders {
  const pages = new Map<string, DataLoader<string, PartnerPage>>();
  return {
    partnerEvidence: new DataLoader((ids) => findPartnerEvidence(runner, ids), { maxBatchSize: 500 }),
    communityOf: new DataLoader(async (ids) => {
      const { communityOf } = await rankings.get(runner);
      return ids.map((id) => communityOf.get(id) ?? null);
    }),
    partnerPage(request) {
      const key = JSON.stringify(request);
      let loader = pages.get(key);
      if (!loader) {
        loader = new DataLoader((ids) => partnerPagesOf(runner, ids, request, rankings), { maxBatchSize: 500 });
        pages.set(key, loader);
      }
      return loader;
    },
  };
}
