import type { Context } from '../context.js';
import { yearWindow } from '../domains/entity/coPublication.js';
import { requireEntity } from '../domains/entity/entityLookup.js';
import type { EntityRecord, RelationshipRecord } from '../domains/entity/entity.model.js';
import { checkRange } from '../domains/shared/checkRange.js';
import type { EvidenceRecord, JointWorkRecord } from './network.model.js';
import { evidenceOn, weightOf } from './partners.js';

/**
 * What the members of a consortium being built already did together: every shared project,
 * shared membership or joint unit, and every link between two of them, once, with all the
 * members of the set it involves and the relationships (so the sources) behind it. Made from
 * the same partnership evidence as `partners` and `together`, pair by pair, then merged.
 */

/** Merges the pairs' evidence; strongest first, then the most members, then by what is shared. */
export function jointWorkOf(memberIds: readonly string[], evidenceOf: (memberId: string) => EvidenceRecord[]): JointWorkRecord[] {
  const members = new Set(memberIds);
  const byItem = new Map<string, JointWorkRecord>();
  for (const memberId of memberIds) {
    for (const item of evidenceOf(memberId)) {
      if (!members.has(item.partnerId)) continue;
      const identity = `${item.kind}|${item.viaId ?? item.relationships.map((relationship) => relationship.id).sort().join(',')}`;
      const work = byItem.get(identity) ?? { kind: item.kind, viaId: item.viaId, memberIds: [], relationships: [], weight: 0 };
      for (const id of [memberId, item.partnerId]) if (!work.memberIds.includes(id)) work.memberIds.push(id);
      for (const relationship of item.relationships) if (!work.relationships.some((known) => known.id === relationship.id)) work.relationships.push(relationship);
      work.weight = Math.max(work.weight, weightOf(item, item.window));
      byItem.set(identity, work);
    }
  }
  const order = memberIds.indexOf.bind(memberIds);
  return [...byItem.values()]
    .map((work) => ({ ...work, memberIds: [...work.memberIds].sort((a, b) => order(a) - order(b)) }))
    .sort((a, b) => b.weight - a.weight || b.memberIds.length - a.memberIds.length || (a.viaId ?? '').localeCompare(b.viaId ?? '') || a.kind.localeCompare(b.kind));
}

/** An organisation's partnership evidence that held on `asOf` (all of it when null), co-publications counted up to that year. */
export async function evidenceHeldOn(organizationId: string, asOf: string | null | undefined, context: Context): Promise<EvidenceRecord[]> {
  const window = yearWindow(null, asOf);
  return evidenceOn(await context.network.partnerEvidence.load(organizationId), asOf).map((item) => ({ ...item, window }));
}

/**
 * The members (2 to 20 organisations, global ids or keys, in the order given, repeats dropped)
 * and their joint work on a day (all times when `asOf` is null). NOT_FOUND names an unknown
 * member; BAD_USER_INPUT a set of the wrong size.
 */
export async function consortiumJointWork(
  references: readonly string[],
  asOf: string | null,
  context: Context,
): Promise<{ members: EntityRecord[]; jointWork: JointWorkRecord[] }> {
  checkRange('organizations (count)', references.length, 2, 20);
  const found = await Promise.all(references.map((reference, i) => requireEntity(reference, `organizations[${i}]`, context, 'Organization')));
  const members = found.filter((member, index) => found.findIndex((other) => other.id === member.id) === index);
  checkRange('organizations (distinct)', members.length, 2, 20);
  const evidence = new Map(await Promise.all(members.map(async (member) => [member.id, await evidenceHeldOn(member.id, asOf, context)] as const)));
  return { members, jointWork: jointWorkOf(members.map((member) => member.id), (id) => evidence.get(id) ?? []) };
}

/** Roles a member holds through one relationship: its stated role, else what its type says (`lead` for LEADS). */
export function rolesOf(relationship: RelationshipRecord): string[] {
  if (relationship.role) return [relationship.role.toLowerCase()];
  const byType: Record<string, string> = { LEADS: 'lead', FUNDS: 'funder', HOSTS: 'host', SUPPORTS: 'supporter', DEVELOPS: 'developer', SIGNED: 'signatory', FOUNDED: 'founder', PARTICIPATES_IN: 'participant' };
  return [byType[relationship.type] ?? relationship.type.toLowerCase().replace(/_/g, ' ')];
}
