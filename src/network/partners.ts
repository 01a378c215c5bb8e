import { heldOn } from '../domains/entity/entity.model.js';
import { ALL_YEARS, worksIn, type YearWindow } from '../domains/entity/coPublication.js';
import { pieceWeight } from './evidenceWeights.js';
import type { EvidenceRecord, PartnerRecord } from './network.model.js';

/**
 * Pure functions over partnership evidence: which evidence held on a day, partners ranked
 * by strength (candidates to complete a set are ranked in Cypher: network.cypher.ts).
 */
export function evidenceOn(evidence: EvidenceRecord[], asOf: string | null | undefined): EvidenceRecord[] {
  return evidence.filter((item) => item.relationships.every((relationship) => heldOn(relationship, asOf)));
}

/** What a piece of evidence weighs in a partner's strength (evidenceWeights.ts): the works a co-publication link counts in the window, else its relationships' weight. */
export function weightOf(item: EvidenceRecord, window: YearWindow = ALL_YEARS): number {
  return item.kind === 'CO_PUBLICATION' ? worksIn(item.relationships[0]!, window) : pieceWeight(item.kind, item.relationships.map((relationship) => relationship.type));
}

const kindOrder = { SHARED_PROJECT: 0, SHARED_MEMBERSHIP: 1, SHARED_UNIT: 2, DIRECT: 3, CO_PUBLICATION: 4 } as const;

/** Evidence in reading order: shared projects, shared memberships, joint units, direct links, each by the key of what they share. */
export function inReadingOrder(evidence: EvidenceRecord[]): EvidenceRecord[] {
  return [...evidence].sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || (a.viaId ?? '').localeCompare(b.viaId ?? ''));
}

/** A partner with its evidence in reading order. */
export function sortEvidence(partner: PartnerRecord): PartnerRecord {
  return { ...partner, evidence: inReadingOrder(partner.evidence) };
}

/** Groups evidence by partner; strongest first (by weight in the window), then by key. */
export function rankPartners(evidence: EvidenceRecord[], window: YearWindow = ALL_YEARS): PartnerRecord[] {
  const byPartner = new Map<string, EvidenceRecord[]>();
  for (const item of evidence) {
    const list = byPartner.get(item.partnerId) ?? [];
    list.push(item);
    byPartner.set(item.partnerId, list);
  }
  return [...byPartner]
    .map(([organizationId, items]) => sortEvidence({ organizationId, strength: items.reduce((sum, item) => sum + weightOf(item, window), 0), evidence: items }))
    .sort((a, b) => b.strength - a.strength || a.organizationId.localeCompare(b.organizationId));
}
