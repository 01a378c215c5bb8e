import { nameTokens, normalizeName, similarity } from './normalizeName.js';

/**
 * Entity resolution of incoming organisations (a CORDIS participant, a ROR record) against
 * the organisations the graph holds, in this order:
 * 1. a curator's remembered decision for this record (accepted, created or rejected);
 * 2. an identifier the graph already knows (CORDIS PIC, VAT number): a sure match;
 * 3. the same normalised name or alias (case, accents, punctuation, legal forms and bracketed
 *    acronyms ignored) on exactly one organisation, in no other city: a sure match;
 * 4. a scored comparison of the names' words (Jaccard), an acronym equal to a known name, a
 *    different city halving the score: from REVIEW_THRESHOLD up, the record waits for a
 *    curator (never linked meanwhile); below, it is a clear non-match and becomes a new entity.
 * Pure: the caller loads the known organisations and the decisions, and writes the outcome.
 */
export const REVIEW_THRESHOLD = 0.5;
const MAX_CANDIDATES = 3;
/** Words shared by more organisations than this do not propose candidates by themselves. */
const COMMON_WORD = 2_000;

export interface KnownOrganization {
  id: string;
  name: string;
  /** Name, aliases and former names. */
  names: string[];
  cordisId?: string | null;
  vat?: string | null;
  city?: string | null;
}

export interface IncomingOrganization {
  /** The record's id in its dataset (a PIC for CORDIS). */
  recordId: string;
  name: string;
  shortName?: string | null;
  vat?: string | null;
  city?: string | null;
}

export type DecisionStatus = 'pending' | 'accepted' | 'created' | 'rejected';
export interface RememberedDecision {
  status: DecisionStatus;
  entityId?: string | null;
}

export interface MatchCandidateRecord {
  entityId: string;
  name: string;
  score: number;
  why: string;
}

export type Resolution =
  | { kind: 'matched'; entityId: string; how: 'identifier' | 'name' | 'decision'; why: string }
  | { kind: 'create' }
  | { kind: 'review'; candidates: MatchCandidateRecord[] }
  | { kind: 'rejected' };

const sameCity = (a?: string | null, b?: string | null) => !a || !b || normalizeName(a) === normalizeName(b);

export function createResolver(known: KnownOrganization[]): (incoming: IncomingOrganization, decision?: RememberedDecision | null) => Resolution {
  const byId = new Map(known.map((organization) => [organization.id, organization]));
  const byPic = new Map<string, string>();
  const byVat = new Map<string, string>();
  const byName = new Map<string, Set<string>>();
  const byWord = new Map<string, Set<string>>();
  const tokensOf = new Map<string, Set<string>[]>();
  for (const organization of known) {
    if (organization.cordisId) byPic.set(organization.cordisId, organization.id);
    if (organization.vat) byVat.set(organization.vat, organization.id);
    const tokenSets: Set<string>[] = [];
    for (const name of organization.names) {
      const normal = normalizeName(name);
      if (!normal) continue;
      if (!byName.has(normal)) byName.set(normal, new Set());
      byName.get(normal)!.add(organization.id);
      const tokens = nameTokens(name);
      tokenSets.push(tokens);
      for (const word of tokens) {
        if (!byWord.has(word)) byWord.set(word, new Set());
        byWord.get(word)!.add(organization.id);
      }
    }
    tokensOf.set(organization.id, tokenSets);
  }

  return (incoming, decision) => {
    if (decision?.status === 'accepted' && decision.entityId && byId.has(decision.entityId)) {
      return { kind: 'matched', entityId: decision.entityId, how: 'decision', why: 'a curator accepted this match' };
    }
    if (decision?.status === 'created') return { kind: 'create' };
    if (decision?.status === 'rejected') return { kind: 'rejected' };

    const pic = byPic.get(incoming.recordId);
    if (pic) return { kind: 'matched', entityId: pic, how: 'identifier', why: `same PIC ${incoming.recordId}` };
    const vat = incoming.vat ? byVat.get(incoming.vat) : undefined;
    if (vat) return { kind: 'matched', entityId: vat, how: 'identifier', why: `same VAT number ${incoming.vat}` };

    const sameName = [...(byName.get(normalizeName(incoming.name)) ?? [])];
    if (sameName.length === 1 && sameCity(incoming.city, byId.get(sameName[0]!)!.city)) {
      return { kind: 'matched', entityId: sameName[0]!, how: 'name', why: `same name as "${byId.get(sameName[0]!)!.name}"` };
    }

    const tokens = nameTokens(incoming.name);
    const proposed = new Set<string>(sameName);
    for (const word of tokens) {
      const holders = byWord.get(word);
      if (holders && holders.size <= COMMON_WORD) for (const id of holders) proposed.add(id);
    }
    const acronym = incoming.shortName ? normalizeName(incoming.shortName) : '';
    const byAcronym = acronym ? (byName.get(acronym) ?? new Set<string>()) : new Set<string>();
    for (const id of byAcronym) proposed.add(id);

    const candidates: MatchCandidateRecord[] = [];
    for (const id of proposed) {
      const organization = byId.get(id)!;
      let score = Math.max(0, ...tokensOf.get(id)!.map((other) => similarity(tokens, other)));
      const reasons = [`names share ${Math.round(score * 100)} % of their words`];
      if (byAcronym.has(id) && score < 0.7) {
        score = 0.7;
        reasons.push(`its short name "${incoming.shortName}" is a name of "${organization.name}"`);
      }
      if (!sameCity(incoming.city, organization.city)) {
        score /= 2;
        reasons.push(`in another city (${incoming.city} / ${organization.city})`);
      }
      if (score >= REVIEW_THRESHOLD) candidates.push({ entityId: id, name: organization.name, score: Math.round(score * 100) / 100, why: reasons.join('; ') });
    }
    if (candidates.length === 0) return { kind: 'create' };
    candidates.sort((a, b) => b.score - a.score || a.entityId.localeCompare(b.entityId));
    return { kind: 'review', candidates: candidates.slice(0, MAX_CANDIDATES) };
  };
}
