import DataLoader from 'dataloader';

import type { QueryRunner } from '../database/runQuery.js';
import type { EvidenceRecord } from './network.model.js';
import { findPartnerEvidence } from './network.repository.js';

/** Per-request loaders of the network module (partners of many organisations in one query). */
export interface NetworkLoaders {
  partnerEvidence: DataLoader<string, EvidenceRecord[]>;
}

export function createNetworkLoaders(runner: QueryRunner): NetworkLoaders {
  return { partnerEvidence: new DataLoader((ids) => findPartnerEvidence(runner, ids), { maxBatchSize: 500 }) };
}
