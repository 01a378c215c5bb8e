import { EVENT_KINDS, LABEL_KINDS, ORGANIZATION_KINDS, PROJECT_KINDS, SOURCE_KINDS } from '../../ingest/importFormat.js';
import { BadUserInputError } from '../../errors.js';
import type { EntityLabel } from './relationshipTypes.js';
import { THEME_NAMES } from './themes.js';

/**
 * The closed vocabularies of the graph (kinds of organisation, project, label, event and
 * source) with their names in English and French, from the same lists the import format
 * checks, so the API can name the allowed values and a client can show them in either
 * language. A filter with a value outside its vocabulary is refused, naming the allowed ones.
 * THEMES is the named part of an open list (themes.ts): a theme filter takes other tags too.
 */
export type VocabularyName = 'ORGANIZATION_KINDS' | 'PROJECT_KINDS' | 'LABEL_KINDS' | 'EVENT_KINDS' | 'SOURCE_KINDS' | 'THEMES' | 'ROLES';

/**
 * The roles an organisation holds in a project or initiative, as relationships give them
 * (`role`, lower-cased, or the type's own: LEADS is `lead`), CORDIS's included. People's
 * titles ("General Manager") are the sources' words and are not named here.
 */
const ROLE_NAMES: Record<string, [en: string, fr: string]> = {
  lead: ['lead', 'chef de file'],
  coordinator: ['coordinator', 'coordinateur'],
  partner: ['partner', 'partenaire'],
  participant: ['participant', 'participant'],
  associatedpartner: ['associated partner', 'partenaire associé'],
  thirdparty: ['third party', 'tiers'],
  internationalpartner: ['international partner', 'partenaire international'],
  funder: ['funder', 'financeur'],
  host: ['host', 'hôte'],
  supporter: ['supporter', 'soutien'],
  developer: ['developer', 'développeur'],
  signatory: ['signatory', 'signataire'],
  founder: ['founder', 'fondateur'],
  applicant: ['applicant', 'candidat'],
  'co-organiser': ['co-organiser', 'co-organisateur'],
  speaker: ['speaker', 'intervenant'],
  'delegation lead': ['delegation lead', 'chef de délégation'],
};

const NAMES: Record<string, [en: string, fr: string]> = {
  university: ['university', 'université'],
  'research-institute': ['research institute', 'organisme de recherche'],
  'research-unit': ['research unit', 'unité de recherche'],
  hospital: ['hospital', 'hôpital'],
  'public-authority': ['public authority', 'collectivité publique'],
  'public-body': ['public body', 'établissement public'],
  association: ['association', 'association'],
  foundation: ['foundation', 'fondation'],
  company: ['company', 'entreprise'],
  startup: ['startup', 'start-up'],
  incubator: ['incubator', 'incubateur'],
  network: ['network', 'réseau'],
  investor: ['investor', 'investisseur'],
  committee: ['committee', 'comité'],
  school: ['school', 'école'],
  'infrastructure-operator': ['infrastructure operator', "opérateur d'infrastructure"],
  other: ['other', 'autre'],
  'research-project': ['research project', 'projet de recherche'],
  platform: ['platform', 'plateforme'],
  infrastructure: ['infrastructure', 'infrastructure'],
  programme: ['programme', 'programme'],
  'funding-call': ['funding call', 'appel à projets'],
  bid: ['bid', 'candidature'],
  'public-policy': ['public policy', 'politique publique'],
  agreement: ['agreement', 'convention'],
  appeal: ['appeal', 'appel'],
  'event-series': ['event series', "série d'événements"],
  product: ['product', 'produit'],
  laboratory: ['laboratory', 'laboratoire'],
  decision: ['decision', 'décision'],
  label: ['label', 'label'],
  award: ['award', 'prix'],
  ranking: ['ranking', 'classement'],
  launch: ['launch', 'lancement'],
  hearing: ['hearing', 'audition'],
  'council-session': ['council session', 'séance du conseil'],
  presentation: ['presentation', 'présentation'],
  convention: ['convention', 'salon'],
  forum: ['forum', 'forum'],
  competition: ['competition', 'concours'],
  meeting: ['meeting', 'réunion'],
  'press-article': ['press article', 'article de presse'],
  'official-act': ['official act', 'acte officiel'],
  'press-release': ['press release', 'communiqué de presse'],
  report: ['report', 'rapport'],
  'web-page': ['web page', 'page web'],
  dataset: ['dataset', 'jeu de données'],
  interview: ['interview', 'entretien'],
};

export const VOCABULARIES: Record<VocabularyName, readonly string[]> = {
  ORGANIZATION_KINDS: ORGANIZATION_KINDS,
  PROJECT_KINDS: PROJECT_KINDS,
  LABEL_KINDS: LABEL_KINDS,
  EVENT_KINDS: EVENT_KINDS,
  SOURCE_KINDS: SOURCE_KINDS,
  THEMES: Object.keys(THEME_NAMES),
  ROLES: Object.keys(ROLE_NAMES),
};

export function vocabulary(name: VocabularyName): Array<{ value: string; en: string; fr: string }> {
  const names = name === 'THEMES' ? THEME_NAMES : name === 'ROLES' ? ROLE_NAMES : NAMES;
  return VOCABULARIES[name].map((value) => ({ value, en: names[value]?.[0] ?? value, fr: names[value]?.[1] ?? value }));
}

const KINDS_OF: Partial<Record<EntityLabel, VocabularyName>> = {
  Organization: 'ORGANIZATION_KINDS',
  Project: 'PROJECT_KINDS',
  Label: 'LABEL_KINDS',
  Event: 'EVENT_KINDS',
};

/** The kinds a list filter asks for, checked against the vocabulary of the entity type (lower-cased); null for any. */
export function checkedKinds(label: EntityLabel, kinds: readonly string[] | null | undefined, field: string): string[] | null {
  if (!kinds || kinds.length === 0) return null;
  const name = KINDS_OF[label];
  const allowed = name ? VOCABULARIES[name] : [];
  const unknown = kinds.filter((kind) => !allowed.includes(kind.toLowerCase()));
  if (unknown.length > 0) {
    const list = allowed.length > 0 ? `allowed: ${allowed.join(', ')}` : `a ${label.toLowerCase()} has no kinds`;
    // The value is quoted as the client wrote it (case included), cut like every quoted input.
    throw new BadUserInputError(`\`${field}\`: "${unknown[0]!.slice(0, 100)}" is not a kind of ${label.toLowerCase()} (${list}); see \`vocabulary\`.`, { field, allowed: [...allowed] });
  }
  return kinds.map((kind) => kind.toLowerCase());
}
