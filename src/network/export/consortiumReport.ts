import type { Context } from '../../context.js';
import { parseCitation, type EntityRecord, type RelationshipRecord, type SourceRecord } from '../../domains/entity/entity.model.js';
import type { ConsortiumTableRecord } from '../network.model.js';
import { rolesOf } from '../jointWork.js';

/**
 * The consortium table a bid writer pastes into a proposal, made from `consortiumTable`'s
 * data: one row per member (names, kind, place, identifiers, roles, what it did with the
 * others), one row per relationship of their joint work (with dates and amounts as numbers),
 * and the sources, numbered, that every row cites as `[n] locator`: title, publisher, date,
 * address, never an internal key alone.
 */
export interface MemberRow {
  key: string;
  name: string;
  nameFr: string | null;
  nameEn: string | null;
  kind: string | null;
  city: string | null;
  country: string | null;
  website: string | null;
  ror: string | null;
  pic: string | null;
  siren: string | null;
  wikidata: string | null;
  /** Its roles in the joint projects, each with the project it holds it in. */
  roles: Array<{ role: string; what: string }>;
  /** What it did with the other members: the project, membership, unit or link, its kind, and with whom. */
  jointWork: Array<{ what: string; kind: string; with: string[] }>;
  /** Numbered references to the sources (`[1] line 12; [2] page 3`). */
  sources: string;
  /** The same citations written out (title, publisher, date, address, where), for a table read alone. */
  sourcesInFull: string;
}

export interface JointWorkRow {
  what: string;
  /** SHARED_PROJECT, SHARED_MEMBERSHIP, SHARED_UNIT, DIRECT or CO_PUBLICATION: named by the formats, in their language. */
  kind: string;
  member: string;
  /** Its roles there (`lead`, `partner`, ...), named by the formats. */
  roles: string[];
  since: string | null;
  until: string | null;
  amount: number | null;
  currency: string | null;
  sources: string;
}

export interface SourceRow {
  ref: number;
  title: string;
  publisher: string | null;
  published: string | null;
  url: string | null;
  cited: string;
}

export interface ConsortiumReport {
  members: MemberRow[];
  jointWork: JointWorkRow[];
  sources: SourceRow[];
}

/** How a bid writer reads a project: a CORDIS project by its acronym, its title and its programme, not the acronym alone. */
function describe(entity: EntityRecord | undefined, fallback: string): string {
  if (!entity) return fallback;
  const title = entity.programme ? entity.aliasesEn?.find((alias) => alias !== entity.name) : undefined;
  const programme = entity.programme ? ` (${[entity.programme, entity.fundingScheme].filter(Boolean).join(', ')})` : '';
  return `${entity.name}${title ? `: ${title}` : ''}${programme}`;
}

/** Where a locator starts in its document: the first line or page it names (`lines 5-7`: 5); null for a record id. */
const placeOf = (locator: string) => {
  const found = /^(?:lines?|pages?|p\.)\s*(\d+)/i.exec(locator);
  return found ? Number(found[1]) : null;
};

/** Locators in reading order: line 1, lines 5-7, line 11, line 16 (not as strings sort them). */
const byPlace = (a: string, b: string) => {
  const [first, second] = [placeOf(a), placeOf(b)];
  return (first !== null && second !== null ? first - second : 0) || a.localeCompare(b, 'en', { numeric: true });
};

export async function consortiumReport(table: ConsortiumTableRecord, context: Context): Promise<ConsortiumReport> {
  const viaIds = table.jointWork.flatMap((work) => (work.viaId ? [work.viaId] : []));
  const others = new Map<string, EntityRecord>();
  for (const entity of await context.loaders.entityById.loadMany(viaIds)) if (entity && !(entity instanceof Error)) others.set(entity.id, entity);
  const nameOf = (id: string) => table.members.find((member) => member.id === id)?.name ?? others.get(id)?.name ?? id;
  const describeVia = (id: string) => describe(others.get(id), nameOf(id));

  // Sources are numbered in the order the table first cites them.
  const numbers = new Map<string, number>();
  const locators = new Map<string, Set<string>>();
  const cite = (citations: readonly string[]) =>
    citations
      .map(parseCitation)
      .sort((a, b) => (numbers.get(a.sourceId) ?? Infinity) - (numbers.get(b.sourceId) ?? Infinity) || byPlace(a.locator, b.locator))
      .map(({ sourceId, locator }) => {
        if (!numbers.has(sourceId)) numbers.set(sourceId, numbers.size + 1);
        const seen = locators.get(sourceId) ?? new Set<string>();
        seen.add(locator);
        locators.set(sourceId, seen);
        return `[${numbers.get(sourceId)}] ${locator}`;
      })
      .join('; ');

  const members: MemberRow[] = table.members.map((member) => ({
    key: member.id,
    name: member.name,
    nameFr: member.nameFr ?? null,
    nameEn: member.nameEn ?? null,
    kind: member.kind ?? null,
    city: member.city ?? null,
    country: member.country ?? null,
    website: member.website ?? null,
    ror: member.ror ?? null,
    pic: member.cordisId ?? null,
    siren: member.siren ?? null,
    wikidata: member.wikidata ?? null,
    roles: [],
    jointWork: [],
    sources: cite(member.citations ?? []),
    sourcesInFull: '',
  }));

  const jointWork: JointWorkRow[] = [];
  const rowOfMember = new Map(members.map((row) => [row.key, row]));
  for (const work of table.jointWork) {
    const what = work.viaId ? describeVia(work.viaId) : work.relationships.map((relationship) => `${nameOf(relationship.fromId)} → ${nameOf(relationship.toId)}`).join(', ');
    for (const relationship of work.relationships) {
      const memberId = work.memberIds.includes(relationship.fromId) ? relationship.fromId : relationship.toId;
      const roles = rolesOf(relationship);
      jointWork.push(rowOf(what, work.kind, nameOf(memberId), roles, relationship, cite(relationship.citations ?? [])));
      if (work.kind === 'SHARED_PROJECT') {
        const held = rowOfMember.get(memberId)?.roles;
        for (const role of roles) if (held && !held.some((item) => item.role === role && item.what === what)) held.push({ role, what });
      }
    }
    for (const memberId of work.memberIds) {
      rowOfMember.get(memberId)?.jointWork.push({ what, kind: work.kind, with: work.memberIds.filter((id) => id !== memberId).map(nameOf) });
    }
  }

  const records = await context.loaders.sourceById.loadMany([...numbers.keys()]);
  const sources: SourceRow[] = [...numbers].map(([id, ref], index) => {
    const source = records[index];
    const known = source && !(source instanceof Error) ? (source as SourceRecord) : null;
    return {
      ref,
      title: known?.title ?? id,
      publisher: known?.publisher ?? null,
      published: known?.published ?? null,
      url: known?.url ?? null,
      cited: [...(locators.get(id) ?? [])].sort(byPlace).join('; '),
    };
  });
  const byId = new Map([...numbers].map(([id, ref]) => [id, sources[ref - 1]!]));
  table.members.forEach((member, index) => {
    members[index]!.sourcesInFull = (member.citations ?? [])
      .map(parseCitation)
      .map(({ sourceId, locator }) => citationText({ ...byId.get(sourceId)!, cited: locator }))
      .join('; ');
  });
  return { members, jointWork, sources };
}

/** A readable citation: title, publisher, date, address, and where in it. */
export function citationText(source: SourceRow): string {
  return [source.title, source.publisher, source.published, source.url, source.cited ? `cited at ${source.cited}` : null].filter(Boolean).join(', ');
}

function rowOf(what: string, kind: string, member: string, roles: string[], relationship: RelationshipRecord, sources: string): JointWorkRow {
  return {
    what,
    kind,
    member,
    roles,
    since: relationship.since ?? null,
    until: relationship.until ?? null,
    amount: relationship.amount ?? null,
    currency: relationship.currency ?? null,
    sources,
  };
}
