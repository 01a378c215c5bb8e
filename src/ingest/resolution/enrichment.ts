import { dayRange } from '../../domains/shared/partialDate.js';
import { SHORT_TEXT_MAX } from '../../domains/shared/writtenText.js';
import { normalizeName } from './normalizeName.js';
import type { IdentifierScheme, Resolution } from './resolveOrganizations.js';

/**
 * What a dataset record adds to an entity it resolved to surely (by identifier, by name, or
 * by a curator's decision) and that is not the connector's own entry: the identifiers the
 * entity lacks, the record's names that are not already among the entity's names (as aliases
 * in their language), the themes it states that the entity lacks, the city and website when
 * the entity has none, the citation of the
 * record, and how the record was matched. Nothing is replaced: a value a curator or an
 * earlier source set stays. An addition is written once: a curator who removes it later is
 * not overruled by the next import (the entity keeps, in `enriched*` properties, what was added).
 */
export interface EnrichmentRow {
  id: string;
  identifiers: Partial<Record<IdentifierScheme | 'country', string | null>>;
  aliasesFr: string[];
  aliasesEn: string[];
  themes: string[];
  city: string | null;
  website: string | null;
  /** A company's creation and closure (company directory), as partial dates with their day ranges, and its activity code. */
  founded: { value: string; from: string; to: string } | null;
  ceased: { value: string; to: string } | null;
  activityCode: string | null;
  citations: string[];
  /** How each record matched (JSON of dataset, record, how, why), and the start of that JSON that names the record. */
  matches: Array<{ prefix: string; value: string }>;
}

export interface RecordFacts {
  dataset: string;
  recordId: string;
  names: { fr: string[]; en: string[] };
  identifiers: EnrichmentRow['identifiers'];
  /** Theme tags the record states (the research directory's domains and ERC panels). */
  themes?: string[];
  city?: string | null;
  website?: string | null;
  founded?: string | null;
  ceased?: string | null;
  activityCode?: string | null;
  citation: string;
}

const MAX_ADDED_ALIASES = 10;

/**
 * The additions of every record that matched an entity surely, one row per entity (records of
 * one import that match the same entity are merged), given each entity's names.
 */
export function enrichmentRows(matches: Array<{ resolution: Extract<Resolution, { kind: 'matched' }>; facts: RecordFacts }>, namesOf: (id: string) => string[]): EnrichmentRow[] {
  const rows = new Map<string, EnrichmentRow & { seen: Set<string> }>();
  for (const { resolution, facts } of matches) {
    const id = resolution.entityId;
    let row = rows.get(id);
    if (!row) {
      row = {
        id, identifiers: {}, aliasesFr: [], aliasesEn: [], themes: [], city: null, website: null, founded: null, ceased: null, activityCode: null,
        citations: [], matches: [], seen: new Set(namesOf(id).map(normalizeName)),
      };
      rows.set(id, row);
    }
    for (const [scheme, value] of Object.entries(facts.identifiers)) row.identifiers[scheme as IdentifierScheme] ??= value ?? null;
    for (const language of ['fr', 'en'] as const) {
      const aliases = language === 'fr' ? row.aliasesFr : row.aliasesEn;
      for (const name of facts.names[language]) {
        const normal = normalizeName(name);
        if (!normal || row.seen.has(normal) || name.length > SHORT_TEXT_MAX || aliases.length >= MAX_ADDED_ALIASES) continue;
        row.seen.add(normal);
        aliases.push(name);
      }
    }
    for (const theme of facts.themes ?? []) if (!row.themes.includes(theme)) row.themes.push(theme);
    row.city ??= facts.city && facts.city.length <= SHORT_TEXT_MAX ? facts.city : null;
    row.website ??= facts.website ?? null;
    if (facts.founded && !row.founded) row.founded = { value: facts.founded, from: dayRange(facts.founded).first, to: dayRange(facts.founded).last };
    if (facts.ceased && !row.ceased) row.ceased = { value: facts.ceased, to: dayRange(facts.ceased).last };
    row.activityCode ??= facts.activityCode ?? null;
    if (!row.citations.includes(facts.citation)) row.citations.push(facts.citation);
    const prefix = JSON.stringify({ dataset: facts.dataset, record: facts.recordId }).slice(0, -1) + ',';
    row.matches.push({ prefix, value: `${prefix}${JSON.stringify({ how: resolution.how, why: resolution.why }).slice(1)}` });
  }
  return [...rows.values()].map(({ seen: _seen, ...row }) => row);
}
