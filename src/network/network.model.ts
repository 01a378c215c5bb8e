import type { YearWindow } from '../domains/entity/coPublication.js';
import type { EntityRecord, RelationshipRecord } from '../domains/entity/entity.model.js';

/** Plain data of the network module; resolvers map these to the GraphQL types. */

/**
 * Which relationships a network counts (docs/method.md): those held on `asOf` (every one when
 * null), and with `datedOnly` only those a source dates: a start it states, or the day of the
 * event they lead to. Relationships that count only from their source's publication (a lower
 * bound), or from no day, are then left out.
 */
export interface TimeSlice {
  asOf: string | null;
  datedOnly: boolean;
}

/** Every relationship, as the graph is now. */
export const NOW: TimeSlice = { asOf: null, datedOnly: false };
export type EvidenceKind = 'SHARED_PROJECT' | 'SHARED_MEMBERSHIP' | 'SHARED_UNIT' | 'DIRECT' | 'CO_PUBLICATION';

export interface EvidenceRecord {
  kind: EvidenceKind;
  partnerId: string;
  viaId: string | null;
  relationships: RelationshipRecord[];
  /** The years a co-publication link counts in the question asked (all when absent). */
  window?: YearWindow;
}

export interface PartnerRecord {
  organizationId: string;
  strength: number;
  evidence: EvidenceRecord[];
}

export interface CommonPartnerRecord {
  organizationId: string;
  /** The pair's two organisations, in the order asked. */
  pair: [string, string];
  withFirst: EvidenceRecord[];
  withSecond: EvidenceRecord[];
}

export interface ConsortiumMemberRecord {
  memberId: string;
  roles: string[];
  relationships: RelationshipRecord[];
}

export interface CandidateRecord {
  /** Where it stands in the ranking (a page's cursor); set by the resolver. */
  cursor?: string;
  organizationId: string;
  connectedTo: number;
  strength: number;
  rank: number;
  evidence: CandidateEvidenceRecord[];
}

export interface PathRecord {
  nodes: EntityRecord[];
  relationships: RelationshipRecord[];
}

export interface GraphNodeRecord {
  entity: EntityRecord;
  degree: number;
  distance: number | null;
}

export interface SubgraphRecord {
  nodes: GraphNodeRecord[];
  edges: RelationshipRecord[];
  truncated: boolean;
}

/** A part of the organisations' partnership network (partnershipMap). */
export interface PartnershipMapRecord {
  nodes: CentralityRecord[];
  links: PartnershipLinkRecord[];
  truncated: boolean;
}

/** A pair of partners: `key` is `<from>~<to>`, from's key first in alphabetical order. */
export interface PartnershipLinkRecord {
  key: string;
  fromId: string;
  toId: string;
  strength: number;
  citations: string[];
}

export interface CentralityRecord {
  rank: number;
  entityId: string;
  label: string;
  degree: number;
  /** Weighted degree (the strengths of its partnerships added up), in a partnership network; null in the whole graph. */
  strength: number | null;
  betweenness: number | null;
  community: number;
  /** Local clustering coefficient (unweighted); null above the size where it is not computed. */
  clustering: number | null;
  /** Core number: the largest k of a k-core holding it. */
  core: number;
  /** Its connected component, numbered by size (0 is the largest). */
  component: number;
}

export interface CommunityRecord {
  id: number;
  memberIds: string[];
}

export interface CandidateEvidenceRecord {
  withId: string;
  evidence: EvidenceRecord[];
}

/** A co-publishing partner of an organisation, with the link and the works it counts in the years asked. */
export interface CoPublishingPartnerRecord {
  partner: EntityRecord;
  works: number;
  relationship: RelationshipRecord;
  /** The years asked (set by the resolver; the link's counts are read within them). */
  window?: YearWindow;
}

/** Something members of a set did together (jointWork.ts). */
export interface JointWorkRecord {
  kind: EvidenceKind;
  viaId: string | null;
  memberIds: string[];
  relationships: RelationshipRecord[];
  /** The strongest weight a pair of members gets from it (evidenceWeights.ts). */
  weight: number;
}

/** A consortium being built (ConsortiumTable). */
export interface ConsortiumTableRecord {
  members: EntityRecord[];
  jointWork: JointWorkRecord[];
}
