import { z } from 'zod';

import { isPartialDate } from '../domains/shared/partialDate.js';
import { textProblem } from '../domains/shared/writtenText.js';
import { RELATIONSHIP_TYPES } from '../domains/entity/relationshipTypes.js';

/**
 * The import format: one YAML file per kind in a folder (seeds/ is one such folder).
 * Each file holds a list of entries; every entry has a stable `id` (lower-case words and
 * dashes) that the import MERGEs on, so editing an entry updates it and re-importing changes
 * nothing. Citations are `<source id>#<locator>`, e.g. `src-001#line 11`.
 */
export const keyPattern = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;
const key = z.string().max(200).regex(keyPattern, 'must be lower-case letters, digits and dashes');
const partialDate = z.string().refine(isPartialDate, 'must be a real date: YYYY, YYYY-MM or YYYY-MM-DD');
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const citation = z.string().max(500).regex(/^[a-z0-9-]+#[^\u0000-\u001F\u007F-\u009F]+$/, 'must be "<source id>#<locator>"');
const citations = z.array(citation).min(1, 'every entry cites at least one source');
/** Texts follow the written-text rules of the API (lengths, no control characters). */
const writtenText = (long: boolean) =>
  z.string().superRefine((value, context) => {
    const problem = textProblem(value, long);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });
const text = writtenText(false);
const longText = writtenText(true);
const words = z.array(text.min(1)).max(100).default([]);
const aliases = z.object({ fr: words, en: words }).strict().default({ fr: [], en: [] });
/** The entity's own name in French and in English where a source gives it (abbreviations and descriptions are aliases). */
const names = z.object({ fr: text.min(1).optional(), en: text.min(1).optional() }).strict().optional();
/** Only http(s) addresses: a `javascript:` or `data:` URL would run in the page of whoever shows it. */
const url = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' }).max(2000);

/** Whether a dataset's web address may be stored as a website (the rule of the import format). */
export function isWebAddress(text: string | null | undefined): text is string {
  return typeof text === 'string' && url.safeParse(text).success;
}

export const FIGURE_QUALIFIERS = ['exactly', 'at-least', 'about', 'at-most'] as const;

export const figureSchema = z
  .object({
    name: text.min(1),
    value: z.number().finite(),
    /** How the source states it: "over 25 million" is at-least, "some 300" about; exactly when it gives the number plainly. */
    qualifier: z.enum(FIGURE_QUALIFIERS).default('exactly'),
    unit: text.optional(),
    asOf: partialDate.optional(),
    sources: citations,
  })
  .strict();

const common = {
  id: key,
  slug: key.optional(),
  name: text.min(1),
  description: longText.optional(),
  names,
  aliases,
  sources: citations,
};

export const ORGANIZATION_KINDS = [
  'university', 'research-institute', 'research-unit', 'hospital', 'public-authority', 'public-body', 'association',
  'foundation', 'company', 'startup', 'incubator', 'network', 'investor', 'committee', 'school', 'infrastructure-operator', 'other',
] as const;
export const PROJECT_KINDS = [
  'research-project', 'platform', 'infrastructure', 'programme', 'funding-call', 'bid', 'public-policy',
  'agreement', 'appeal', 'event-series', 'product', 'laboratory', 'decision',
] as const;
export const LABEL_KINDS = ['label', 'award', 'ranking'] as const;
export const EVENT_KINDS = ['launch', 'hearing', 'council-session', 'presentation', 'convention', 'forum', 'competition', 'meeting'] as const;
export const SOURCE_KINDS = ['press-article', 'official-act', 'press-release', 'report', 'web-page', 'dataset', 'interview'] as const;

export const organizationSchema = z
  .object({
    ...common,
    kind: z.enum(ORGANIZATION_KINDS),
    /** What it works on, as every entity's `themes` (the API's name); `sectors` is its former name, still read. */
    themes: z.array(text.min(1)).max(100).optional(),
    sectors: z.array(text.min(1)).max(100).optional(),
    city: text.optional(),
    formerNames: words,
    founded: partialDate.optional(),
    website: url.optional(),
    wikidata: z.string().regex(/^Q\d+$/).optional(),
    ror: z.string().regex(/^0[a-z0-9]{8}$/).optional(),
    grid: z.string().regex(/^grid\.\d+\.[0-9a-f]+$/).optional(),
    isni: z.string().regex(/^\d{15}[\dX]$/).optional(),
    fundref: z.string().regex(/^\d{5,12}$/).optional(),
    rnsr: z.string().regex(/^\d{9}[A-Z]$/).optional(),
    /** French education and research establishment code (UAI), seven digits and a letter. */
    uai: z.string().regex(/^\d{7}[A-Z]$/).optional(),
    /** French establishment number (SIRET), fourteen digits: the SIREN and the establishment's own five. */
    siret: z.string().regex(/^\d{14}$/).optional(),
    /** Code of a company's main activity in the French classification (NAF/APE), e.g. 62.01Z. */
    activityCode: z.string().regex(/^\d{2}\.\d{2}[A-Z]$/).optional(),
    siren: z.string().regex(/^\d{9}$/).optional(),
    /** EU participant identification code (PIC), as CORDIS gives it (the API's `pic`); `cordisId` is its former name, still read. */
    pic: z.string().regex(/^\d{9}$/, 'must be a 9-digit PIC').optional(),
    cordisId: z.string().regex(/^\d{9}$/, 'must be a 9-digit PIC').optional(),
    vat: z.string().regex(/^[A-Z]{2}[A-Z0-9]{2,13}$/, 'must be a VAT number with its country prefix').optional(),
    /** ISO 3166-1 alpha-2 (CORDIS writes Greece EL and the United Kingdom UK, kept as given). */
    country: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code').optional(),
    /** OpenAlex institution id, e.g. I4210159245. */
    openalex: z.string().regex(/^I\d{1,12}$/, 'must be an OpenAlex institution id (I...)').optional(),
    figures: z.array(figureSchema).default([]),
  })
  .strict()
  .superRefine((entry, context) => {
    if (entry.themes && entry.sectors) context.addIssue({ code: 'custom', path: ['sectors'], message: 'give `themes` only: `sectors` is its former name' });
    if (entry.pic && entry.cordisId) context.addIssue({ code: 'custom', path: ['cordisId'], message: 'give `pic` only: `cordisId` is its former name' });
  })
  .transform(({ themes, sectors, pic, cordisId, ...entry }) => ({ ...entry, sectors: themes ?? sectors ?? [], ...(pic ?? cordisId ? { cordisId: pic ?? cordisId } : {}) }));

export const personSchema = z
  .object({
    ...common,
    /** ORCID iD, e.g. 0000-0002-1825-0097. */
    orcid: z.string().regex(/^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/, 'must be an ORCID iD like 0000-0002-1825-0097').optional(),
  })
  .strict();

export const projectSchema = z
  .object({
    ...common,
    kind: z.enum(PROJECT_KINDS),
    themes: words,
    status: text.optional(),
    started: partialDate.optional(),
    ended: partialDate.optional(),
    website: url.optional(),
    /** CORDIS project id (the grant agreement number). */
    cordisId: z.string().regex(/^\d{1,12}$/, 'must be the CORDIS project number').optional(),
    grantDoi: z.string().regex(/^10\.\d{4,9}\/\S+$/, 'must be a DOI like 10.3030/101016775').optional(),
    programme: text.optional(),
    fundingScheme: text.optional(),
    figures: z.array(figureSchema).default([]),
  })
  .strict();

export const labelSchema = z
  .object({
    ...common,
    kind: z.enum(LABEL_KINDS),
    year: z.number().int().min(1900).max(2100).optional(),
    level: text.optional(),
  })
  .strict();

export const eventSchema = z
  .object({
    ...common,
    kind: z.enum(EVENT_KINDS),
    themes: words,
    date: partialDate.optional(),
    endDate: partialDate.optional(),
    place: text.optional(),
    city: text.optional(),
    figures: z.array(figureSchema).default([]),
  })
  .strict();

export const sourceSchema = z
  .object({
    id: key,
    title: text.min(1),
    publisher: text.optional(),
    language: z.enum(['en', 'fr']),
    published: partialDate.optional(),
    kind: z.enum(SOURCE_KINDS),
    /** Official number of an act, e.g. M2023-351 for a council deliberation. */
    number: text.optional(),
    url: url.optional(),
    file: text.optional(),
    /** The licence under which the source may be reused (datasets state one). */
    licence: text.optional(),
  })
  .strict();


const year = z.number().int().min(1000).max(2100);

/** What a co-publication link counts: works per year, leading topics, and example works as evidence. */
export const coPublicationSchema = z
  .object({
    byYear: z.array(z.object({ year, works: z.number().int().positive() }).strict()).min(1).max(300),
    topics: z.array(z.object({ name: text.min(1), works: z.number().int().positive() }).strict()).max(20).default([]),
    examples: z
      .array(z.object({ id: z.string().regex(/^W\d{1,12}$/, 'must be an OpenAlex work id (W...)'), doi: text.optional(), title: text.optional(), year: year.optional() }).strict())
      .max(50)
      .default([]),
  })
  .strict();

export const relationshipSchema = z
  .object({
    id: key,
    type: z.enum(RELATIONSHIP_TYPES as [string, ...string[]]),
    from: key,
    to: key,
    role: text.optional(),
    since: partialDate.optional(),
    until: partialDate.optional(),
    amount: z.number().finite().nonnegative().optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like EUR').optional(),
    note: longText.optional(),
    /** The source states it as an intention, in the future tense ("will accompany", "will take part"), not as done. */
    planned: z.literal(true).optional(),
    /** Only on CO_PUBLISHED_WITH: the works the two organisations co-authored. */
    coPublication: coPublicationSchema.optional(),
    /**
     * Keys this relationship was stored under before (a key that contradicted it, or a type
     * changed): an import retires the relationship stored under each of them, keeping its
     * properties, and a look-up of a former key answers this one.
     */
    formerIds: z.array(key).min(1).max(20).optional(),
    sources: citations,
  })
  .strict()
  .refine((relationship) => !relationship.coPublication || relationship.type === 'CO_PUBLISHED_WITH', {
    message: 'coPublication is only for CO_PUBLISHED_WITH relationships',
    path: ['coPublication'],
  });

/**
 * A relationship the folder takes back (it said more than its source): an import retires it
 * if it is stored, keeping its properties, the reason and the change; a look-up of its key then
 * finds nothing. Nothing is deleted.
 */
export const withdrawnSchema = z
  .object({
    id: key,
    reason: longText.min(1),
  })
  .strict();

export const claimSchema = z
  .object({
    id: key,
    subject: key,
    property: text.min(1),
    value: text.min(1),
    note: longText.optional(),
    sources: citations,
  })
  .strict();

/** The files of an import folder, the kind each holds, and its schema. */
export const SEED_FILES = {
  sources: { file: 'sources.yaml', schema: sourceSchema },
  organizations: { file: 'organizations.yaml', schema: organizationSchema },
  people: { file: 'people.yaml', schema: personSchema },
  projects: { file: 'projects.yaml', schema: projectSchema },
  labels: { file: 'labels.yaml', schema: labelSchema },
  events: { file: 'events.yaml', schema: eventSchema },
  relationships: { file: 'relationships.yaml', schema: relationshipSchema },
  claims: { file: 'claims.yaml', schema: claimSchema },
  withdrawn: { file: 'withdrawn.yaml', schema: withdrawnSchema },
} as const;

export type SeedFileName = keyof typeof SEED_FILES;
export type OrganizationSeed = z.infer<typeof organizationSchema>;
export type PersonSeed = z.infer<typeof personSchema>;
export type ProjectSeed = z.infer<typeof projectSchema>;
export type LabelSeed = z.infer<typeof labelSchema>;
export type EventSeed = z.infer<typeof eventSchema>;
export type SourceSeed = z.infer<typeof sourceSchema>;
export type RelationshipSeed = z.infer<typeof relationshipSchema>;
export type ClaimSeed = z.infer<typeof claimSchema>;
export type WithdrawnSeed = z.infer<typeof withdrawnSchema>;

export interface SeedGraph {
  sources: SourceSeed[];
  organizations: OrganizationSeed[];
  people: PersonSeed[];
  projects: ProjectSeed[];
  labels: LabelSeed[];
  events: EventSeed[];
  relationships: RelationshipSeed[];
  claims: ClaimSeed[];
  /** Relationships taken back (withdrawn.yaml); connectors give none. */
  withdrawn?: WithdrawnSeed[];
}
