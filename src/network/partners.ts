import { heldOn } from '../domains/entity/entity.model.js';
import type { CandidateRecord, EvidenceRecord, PartnerRecord } from './network.model.js';

/**
 * Pure functions over partnership evidence: which evidence held on a day, partners ranked
 * by strength, and candidates ranked by how connected they are to a set.
 */
export function evidenceOn(evidence: EvidenceRecord[], asOf: string | null | undefined): EvidenceRecord[] {
  return evidence.filter((item) => item.relationships.every((relationship) => heldOn(relationship, asOf)));
}

const kindOrder = { SHARED_PROJECT: 0, SHARED_MEMBERSHIP: 1, DIRECT: 2 } as const;

/** A partner's evidence in reading order: shared projects, shared memberships, direct links. */
export function sortEvidence(partner: PartnerRecord): PartnerRecord {
  return {
    ...partner,
    evidence: [...partner.evidence].sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || (a.viaId ?? '').localeCompare(b.viaId ?? '')),
  };
}

/** Groups evidence by partner; strongest first, then by key. */
export function rankPartners(evidence: EvidenceRecord[]): PartnerRecord[] {
  const byPartner = new Map<string, EvidenceRecord[]>();
  for (const item of evidence) {
    const list = byPartner.get(item.partnerId) ?? [];
    list.push(item);
    byPartner.set(item.partnerId, list);
  }
  return [...byPartner]
    .map(([organizationId, items]) => sortEvidence({ organizationId, strength: items.length, evidence: items }))
    .sort((a, b) => b.strength - a.strength || a.organizationId.localeCompare(b.organizationId));
}

/**
 * Candidates to complete a set: every partner of a member of the set that is not in the
 * set nor excluded, ranked by how many members it works with, then by total evidence.
 */
export function rankCandidates(
  setIds: string[],
  evidenceOfMembers: EvidenceRecord[][],
  accept: (organizationId: string) => boolean,
  limit: number,
): CandidateRecord[] {
  const inSet = new Set(setIds);
  const byCandidate = new Map<string, Map<string, EvidenceRecord[]>>();
  setIds.forEach((memberId, index) => {
    for (const item of evidenceOfMembers[index] ?? []) {
      if (inSet.has(item.partnerId) || !accept(item.partnerId)) continue;
      const perMember = byCandidate.get(item.partnerId) ?? new Map<string, EvidenceRecord[]>();
      perMember.set(memberId, [...(perMember.get(memberId) ?? []), item]);
      byCandidate.set(item.partnerId, perMember);
    }
  });
  return [...byCandidate]
    .map(([organizationId, perMember]) => ({
      organizationId,
      connectedTo: perMember.size,
      strength: [...perMember.values()].reduce((sum, list) => sum + list.length, 0),
      rank: 0,
      evidence: [...perMember].map(([withId, evidence]) => ({ withId, evidence })),
    }))
    .sort((a, b) => b.connectedTo - a.connectedTo || b.strength - a.strength || a.organizationId.localeCompare(b.organizationId))
    .slice(0, limit)
    .map((candidate, index) => ({ ...candidate, rank: index + 1 }));
}
