import type { EvidenceKind } from './network.model.js';

/**
 * What a piece of partnership evidence weighs in a partner's strength. Not all evidence is
 * equal: doing a project's work together (leading it, taking part, developing, founding or
 * hosting it) or a declared partnership weighs 3; backing the same initiative (signing the
 * same appeal, supporting or funding the same bid or project) or a structural link (part of,
 * incubated by) weighs 2; belonging to the same association or network weighs 1. A shared
 * project or membership weighs what its weaker side does (a signatory and a leader of the same
 * project backed it together: 2). A co-publication link weighs its works. One table, read by
 * the ranking in Cypher (network.cypher.ts) and in TypeScript (partners.ts).
 */
export const RELATIONSHIP_WEIGHTS: Readonly<Record<string, number>> = {
  LEADS: 3,
  PARTICIPATES_IN: 3,
  DEVELOPS: 3,
  FOUNDED: 3,
  HOSTS: 3,
  PARTNERS_WITH: 3,
  SIGNED: 2,
  SUPPORTS: 2,
  FUNDS: 2,
  PART_OF: 2,
  INCUBATED_BY: 2,
  MEMBER_OF: 1,
  FOUNDING_MEMBER_OF: 1,
};

/** The weight of a relationship type (1 for a type the table does not name). */
export const weightOfType = (type: string): number => RELATIONSHIP_WEIGHTS[type] ?? 1;

/** The weight of a piece of evidence other than a co-publication: its relationship's, or the weaker side's. */
export function pieceWeight(kind: Exclude<EvidenceKind, 'CO_PUBLICATION'>, types: string[]): number {
  return kind === 'DIRECT' ? weightOfType(types[0]!) : Math.min(...types.map(weightOfType));
}

/** The same table as a Cypher expression over a relationship variable. */
export function cypherWeightOf(relationship: string): string {
  const cases = Object.entries(RELATIONSHIP_WEIGHTS).map(([type, weight]) => `WHEN '${type}' THEN ${weight}`).join(' ');
  return `CASE type(${relationship}) ${cases} ELSE 1 END`;
}
