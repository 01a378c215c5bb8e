import { fullNameKey, nameTokens, normalizeName, similarity } from './normalizeName.js';

/**
 * Entity resolution of incoming organisations (a CORDIS participant, a ROR record) against
 * the organisations the graph holds, in this order:
 * 1. a curator's remembered decision for this record (accepted, created or rejected);
 * 2. an identifier the graph already knows (CORDIS PIC, VAT number, ROR id, Wikidata): a sure match;
 * 3. the same normalised name or alias (case, accents, punctuation, legal forms and bracketed
 *    acronyms ignored) on exactly one organisation, in no other city: a sure match; the same
 *    full name (three words or more, not only generic ones: never an acronym) on exactly one
 *    organisation, whatever the cities: a sure match too (national bodies have many sites);
 * 4. a scored comparison of the names' words (Jaccard), halved when the incoming name has
 *    distinctive words the other lacks ("Université Paul-Valéry Montpellier" is not "Université
 *    de Montpellier"), an acronym equal to a known name scoring 0.7, a different city halving
 *    the score: from REVIEW_THRESHOLD up, the record waits for a
 *    curator (never linked meanwhile); below, it is a clear non-match and becomes a new entity.
 * Pure: the caller loads the known organisations and the decisions, and writes the outcome.
 */
export const REVIEW_THRESHOLD = 0.5;
const MAX_CANDIDATES = 3;
/** Words shared by more organisations than this do not propose candidates by themselves. */
const COMMON_WORD = 500;

export interface KnownOrganization {
  id: string;
  name: string;
  /** Name, aliases and former names. */
  names: string[];
  /** Identifiers by scheme: cordisId, vat, ror, wikidata, openalex, grid, isni, fundref, rnsr, uai, siret. */
  identifiers: Partial<Record<IdentifierScheme, string | null>>;
  city?: string | null;
}

export type IdentifierScheme = 'cordisId' | 'vat' | 'ror' | 'wikidata' | 'openalex' | 'grid' | 'isni' | 'fundref' | 'rnsr' | 'uai' | 'siret' | 'siren';

export interface IncomingOrganization {
  /** The record's id in its dataset (a PIC for CORDIS, a ROR id). */
  recordId: string;
  name: string;
  /** Other names of the record (ROR labels and aliases): a sure match may be on any of them. */
  otherNames?: string[];
  shortName?: string | null;
  identifiers: Partial<Record<IdentifierScheme, string | null>>;
  city?: string | null;
  /** The key of the record's own entry, when it has one (`cordis-org-<PIC>`). */
  ownKey?: string;
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
  | { kind: 'create'; again?: boolean }
  | { kind: 'review'; candidates: MatchCandidateRecord[] }
  | { kind: 'rejected' };

const sameCity = (a?: string | null, b?: string | null) => !a || !b || normalizeName(a) === normalizeName(b);

/** Words that say what kind of body a name is, not which one: they never tell two bodies apart. */
const GENERIC_WORDS = new Set([
  'universite', 'university', 'universitaire', 'centre', 'center', 'institut', 'institute', 'national', 'nationale', 'recherche', 'research',
  'laboratoire', 'laboratory', 'lab', 'hospitalier', 'hospital', 'ecole', 'school', 'faculte', 'faculty', 'societe', 'company', 'groupe', 'group',
  'association', 'fondation', 'foundation', 'agence', 'agency', 'france', 'francais', 'french', 'sciences', 'science', 'technologie', 'technology',
]);

/**
 * A name that tells one body from another: at least three words that carry identity, one of
 * them saying which body it is (not only "Université", "Institut national de recherche").
 */
export function isFullName(name: string): boolean {
  const tokens = [...nameTokens(name)];
  return tokens.length >= 3 && tokens.some((token) => !GENERIC_WORDS.has(token));
}

/** Word similarity of two names, halved when the incoming one has distinctive words the other lacks. */
function wordScore(incoming: Set<string>, other: Set<string>): { score: number; shared: number; extra: string[] } {
  const extra = [...incoming].filter((word) => !other.has(word) && !GENERIC_WORDS.has(word));
  const shared = similarity(incoming, other);
  return { score: extra.length > 0 ? shared / 2 : shared, shared, extra };
}

/** How a relationship names a record that waits for review (`@review ror:0abc12345`): kept with the review, written at its decision. */
export const REVIEW_REF = '@review ';

/** The review id a relationship end names, or null when it names an entity. */
export function reviewOfKey(key: string): string | null {
  return key.startsWith(REVIEW_REF) ? key.slice(REVIEW_REF.length) : null;
}

/**
 * Where a resolved record goes: the matched entity, its own new entry `ownKey`, or nowhere yet
 * (rejected; a record in review without `reviewId`). With `reviewId`, a record in review is
 * named by its review (REVIEW_REF): its relationships wait with the review and are written when
 * a curator decides (pipeline.ts, applyDecision.ts).
 */
export function entityKeyOf(resolution: Resolution, ownKey: string, reviewId?: string): string | null {
  if (resolution.kind === 'matched') return resolution.entityId;
  if (resolution.kind === 'review' && reviewId) return `${REVIEW_REF}${reviewId}`;
  return resolution.kind === 'create' ? ownKey : null;
}

/** How the records of an import resolved, as its report shows them. */
export interface ResolutionTally {
  matchedByIdentifier: number;
  matchedByName: number;
  matchedByDecision: number;
  created: number;
  importedBefore: number;
  queuedForReview: number;
  rejected: number;
}

export function emptyResolutionTally(): ResolutionTally {
  return { matchedByIdentifier: 0, matchedByName: 0, matchedByDecision: 0, created: 0, importedBefore: 0, queuedForReview: 0, rejected: 0 };
}

export function countResolution(tally: ResolutionTally, resolution: Resolution): void {
  if (resolution.kind === 'matched') tally[resolution.how === 'identifier' ? 'matchedByIdentifier' : resolution.how === 'name' ? 'matchedByName' : 'matchedByDecision'] += 1;
  else if (resolution.kind === 'create') tally[resolution.again ? 'importedBefore' : 'created'] += 1;
  else if (resolution.kind === 'rejected') tally.rejected += 1;
  else tally.queuedForReview += 1;
}

/** The line of a report that tells the tally. */
export function describeTally(tally: ResolutionTally): string {
  return `${tally.matchedByIdentifier} matched by identifier, ${tally.matchedByName} by name, ${tally.matchedByDecision} by a curator's decision, ${tally.created} new, ${tally.importedBefore} imported before, ${tally.queuedForReview} queued for review, ${tally.rejected} rejected`;
}

/**
 * A record that resolves to the entity an earlier run of the same connector created for it is
 * that connector's own entry: it is written again (so a newer release updates its name, city...),
 * not treated as someone else's entity to enrich.
 */
export function asOwnEntry(resolution: Resolution, ownKey: string): Resolution {
  return resolution.kind === 'matched' && resolution.entityId === ownKey ? { kind: 'create', again: true } : resolution;
}

/** A resolver; with `sureOnly`, it stops after the sure stages (a record that is not surely known comes back as `create`). */
export type Resolver = (incoming: IncomingOrganization, decision?: RememberedDecision | null, options?: { sureOnly?: boolean }) => Resolution;

export function createResolver(known: KnownOrganization[]): Resolver {
  const byId = new Map(known.map((organization) => [organization.id, organization]));
  const byIdentifier = new Map<string, string>();
  const byName = new Map<string, Set<string>>();
  const byFullName = new Map<string, Set<string>>();
  const byWord = new Map<string, Set<string>>();
  const tokensOf = new Map<string, Set<string>[]>();
  for (const organization of known) {
    for (const [scheme, value] of Object.entries(organization.identifiers)) if (value) byIdentifier.set(`${scheme}:${value}`, organization.id);
    const tokenSets: Set<string>[] = [];
    for (const name of organization.names) {
      const normal = normalizeName(name);
      if (!normal) continue;
      if (!byName.has(normal)) byName.set(normal, new Set());
      byName.get(normal)!.add(organization.id);
      if (isFullName(name)) {
        const full = fullNameKey(name);
        if (!byFullName.has(full)) byFullName.set(full, new Set());
        byFullName.get(full)!.add(organization.id);
      }
      const tokens = nameTokens(name);
      tokenSets.push(tokens);
      for (const word of tokens) {
        if (!byWord.has(word)) byWord.set(word, new Set());
        byWord.get(word)!.add(organization.id);
      }
    }
    tokensOf.set(organization.id, tokenSets);
  }

  const identifierMatch = (incoming: IncomingOrganization): Extract<Resolution, { kind: 'matched' }> | null => {
    for (const [scheme, value] of Object.entries(incoming.identifiers)) {
      const found = value ? byIdentifier.get(`${scheme}:${value}`) : undefined;
      if (found) return { kind: 'matched', entityId: found, how: 'identifier', why: `same ${scheme} ${value}` };
    }
    return null;
  };

  return (incoming, decision, options = {}) => {
    if (decision?.status === 'accepted' && decision.entityId && byId.has(decision.entityId)) {
      return { kind: 'matched', entityId: decision.entityId, how: 'decision', why: 'a curator accepted this match' };
    }
    if (decision?.status === 'created') {
      // A curator who decided "create" could not know of an organisation that has gained the
      // record's identifier since: the identifier is the surer evidence.
      const found = identifierMatch(incoming);
      if (found && found.entityId !== incoming.ownKey) return { ...found, why: `${found.why}; a curator's earlier "create" is superseded` };
      return { kind: 'create' };
    }
    if (decision?.status === 'rejected') return { kind: 'rejected' };

    const byAnIdentifier = identifierMatch(incoming);
    if (byAnIdentifier) return byAnIdentifier;

    const sameName = [...new Set([incoming.name, ...(incoming.otherNames ?? [])].flatMap((name) => [...(byName.get(normalizeName(name)) ?? [])]))];
    if (sameName.length === 1 && sameCity(incoming.city, byId.get(sameName[0]!)!.city)) {
      return { kind: 'matched', entityId: sameName[0]!, how: 'name', why: `same name as "${byId.get(sameName[0]!)!.name}"` };
    }
    // A full name (not an acronym, not only words that say what kind of body it is) is the body
    // wherever it sits: national bodies have many sites, and their records one seat.
    const fullNames = [incoming.name, ...(incoming.otherNames ?? [])].filter(isFullName);
    const sameFullName = [...new Set(fullNames.flatMap((name) => [...(byFullName.get(fullNameKey(name)) ?? [])]))];
    if (sameFullName.length === 1) {
      return { kind: 'matched', entityId: sameFullName[0]!, how: 'name', why: `same full name as "${byId.get(sameFullName[0]!)!.name}", in another city` };
    }
    if (options.sureOnly) return { kind: 'create' };

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
      const best = tokensOf.get(id)!.map((other) => wordScore(tokens, other)).sort((a, b) => b.score - a.score)[0] ?? { score: 0, shared: 0, extra: [] };
      let score = best.score;
      const reasons = [`names share ${Math.round(best.shared * 100)} % of their words`];
      if (best.extra.length > 0) reasons.push(`"${best.extra.join(' ')}" is not in its name`);
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
