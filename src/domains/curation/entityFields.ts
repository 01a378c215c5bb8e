import type { z } from 'zod';

import { BadUserInputError } from '../../errors.js';
import { eventSchema, labelSchema, organizationSchema, personSchema, projectSchema } from '../../ingest/importFormat.js';
import { entityRow, type ImportRow } from '../../ingest/graphRows.js';
import type { EntityRecord } from '../entity/entity.model.js';
import type { EntityLabel } from '../entity/relationshipTypes.js';

/**
 * An entity's editable properties, named as in the import format (and in the GraphQL
 * types): what an edit patches, what the history shows before and after, and what the
 * import's schema validates. Curation goes through the same schema and the same row
 * builder as the import, so an edited entity is stored exactly like an imported one.
 */
export type EntityFields = Record<string, unknown>;

const SCHEMAS: Record<EntityLabel, z.ZodType> = {
  Organization: organizationSchema,
  Person: personSchema,
  Project: projectSchema,
  Label: labelSchema,
  Event: eventSchema,
};

const KIND_NAMES: Record<EntityLabel, string> = {
  Organization: 'an organisation',
  Person: 'a person',
  Project: 'a project',
  Label: 'a label',
  Event: 'an event',
};

/** The editable properties of a stored entity, absent ones left out. */
export function fieldsOfRecord(record: EntityRecord): EntityFields {
  const fields: EntityFields = {
    slug: record.slug,
    name: record.name,
    description: record.description,
    names: record.nameFr || record.nameEn ? { ...(record.nameFr ? { fr: record.nameFr } : {}), ...(record.nameEn ? { en: record.nameEn } : {}) } : undefined,
    aliases: { fr: record.aliasesFr ?? [], en: record.aliasesEn ?? [] },
  };
  const figures = record.figures ? (JSON.parse(record.figures) as unknown[]) : undefined;
  switch (record.label) {
    case 'Organization':
      Object.assign(fields, {
        kind: record.kind, sectors: record.themes ?? [], city: record.city, formerNames: record.formerNames ?? [], founded: record.start,
        website: record.website, wikidata: record.wikidata, ror: record.ror, siren: record.siren, figures,
        cordisId: record.cordisId, vat: record.vat, country: record.country,
      });
      break;
    case 'Project':
      Object.assign(fields, {
        kind: record.kind, themes: record.themes ?? [], status: record.status, started: record.start, ended: record.end, website: record.website, figures,
        cordisId: record.cordisId, grantDoi: record.grantDoi, programme: record.programme, fundingScheme: record.fundingScheme,
      });
      break;
    case 'Label':
      Object.assign(fields, { kind: record.kind, year: record.year, level: record.level });
      break;
    case 'Event':
      Object.assign(fields, {
        kind: record.kind, themes: record.themes ?? [], date: record.start, endDate: record.end !== record.start ? record.end : null,
        place: record.place, city: record.city, figures,
      });
      break;
    case 'Person':
      Object.assign(fields, { orcid: record.orcid });
      break;
  }
  return withoutAbsent(fields);
}

/**
 * An input's fields named as the import format names them: an organisation's `themes` (the one
 * name the API gives what any entity works on) are its `sectors`; giving both is refused.
 */
export function inImportNames(label: EntityLabel, input: Record<string, unknown>, inputPath: string): Record<string, unknown> {
  if (label !== 'Organization' || input.themes === undefined) return input;
  if (input.sectors !== undefined) {
    throw new BadUserInputError(`\`${inputPath}.sectors\` is the former name of \`${inputPath}.themes\`: give one of them.`, { field: `${inputPath}.sectors` });
  }
  const { themes, ...rest } = input;
  return { ...rest, sectors: themes };
}

/** The fields with a patch applied: a given value replaces, `null` clears, an omitted field stays. */
export function applyPatch(current: EntityFields, patch: Record<string, unknown>): EntityFields {
  const next: EntityFields = { ...current };
  for (const [name, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (name === 'aliases' && value !== null) {
      const aliases = value as { fr?: string[] | null; en?: string[] | null };
      const before = (current.aliases ?? { fr: [], en: [] }) as { fr: string[]; en: string[] };
      next.aliases = { fr: aliases.fr === undefined ? before.fr : (aliases.fr ?? []), en: aliases.en === undefined ? before.en : (aliases.en ?? []) };
    } else if (name === 'names' && value !== null) {
      // Each language like a field of its own: given replaces, null clears, omitted stays.
      const names = value as { fr?: string | null; en?: string | null };
      const before = (current.names ?? {}) as { fr?: string; en?: string };
      const kept = Object.entries({ fr: names.fr === undefined ? before.fr : names.fr, en: names.en === undefined ? before.en : names.en }).filter(([, name]) => name !== null && name !== undefined);
      // An empty name is kept here so that the schema refuses it (BAD_USER_INPUT) rather than it clearing silently.
      next.names = kept.length > 0 ? Object.fromEntries(kept) : null;
    } else {
      next[name] = value;
    }
  }
  return withoutAbsent(next);
}

/**
 * Validates the fields of an entity of a kind with the import's schema and returns the
 * properties to store. Each problem is reported at its input path (e.g.
 * `input.fields.website`); the first one is the error's message.
 */
export function entityPropsFrom(label: EntityLabel, id: string, fields: EntityFields, citations: string[], inputPath: string): ImportRow {
  const parsed = SCHEMAS[label].safeParse({ id, ...fields, sources: citations });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      if (issue.code === 'unrecognized_keys') {
        const [key] = issue.keys;
        return { field: `${inputPath}.${key}`, message: `\`${inputPath}.${key}\`: does not apply to ${KIND_NAMES[label]}.` };
      }
      const [first, ...rest] = issue.path.map(String);
      const field = first === 'sources' ? 'input.sources' : first === 'id' ? 'input.key' : [inputPath, first, ...rest].join('.');
      return { field, message: `\`${field}\`: ${issue.message}.` };
    });
    throw new BadUserInputError(problems[0]!.message, { field: problems[0]!.field, problems });
  }
  return entityRow(label, parsed.data as never);
}

function withoutAbsent(fields: EntityFields): EntityFields {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null && value !== undefined));
}
