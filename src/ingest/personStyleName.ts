/**
 * A name as a person would write it, from the upper-case legal names registries give
 * ("UNIVERSITE PAUL VALERY MONTPELLIER III" → "Université Paul Valery Montpellier III"): words
 * capitalised, French and English small words in lower case (but the first), acronyms, roman
 * numerals and legal forms kept in capitals, and the accents of the words research bodies'
 * names use most put back. A name with any lower-case letter is left as written: its writer
 * chose its case. The legal name stays an alias of the entity.
 */
const SMALL_WORDS = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'et', 'en', 'pour', 'sur', 'a', 'au', 'aux', 'par', 'of', 'the', 'and', 'for', 'in', 'on', 'at']);
const CAPITAL_WORDS = new Set(['sa', 'sas', 'sasu', 'sarl', 'eurl', 'scop', 'scic', 'snc', 'gie', 'epic', 'epst', 'epscp', 'epa', 'gip', 'umr', 'upr', 'ums', 'ird', 'chu', 'chr', 'cnrs', 'ltd', 'gmbh', 'srl', 'spa', 'bv', 'nv', 'ag', 'ab', 'ue', 'eu']);
const ROMAN = /^(?:i{1,3}|iv|v|vi{1,3}|ix|x{1,3})$/;
/** Accented words of research bodies' and companies' names, by their unaccented lower case. */
const ACCENTED: Record<string, string> = {
  universite: 'université', universites: 'universités', developpement: 'développement', sante: 'santé', medicale: 'médicale',
  medical: 'médical', numerique: 'numérique', ecole: 'école', superieure: 'supérieure', superieur: 'supérieur', etudes: 'études',
  etude: 'étude', genie: 'génie', societe: 'société', federation: 'fédération', mediterranee: 'méditerranée',
  mediterraneen: 'méditerranéen', mediterraneenne: 'méditerranéenne', regional: 'régional', regionale: 'régionale', region: 'région',
  hopital: 'hôpital', hopitaux: 'hôpitaux', energie: 'énergie', systemes: 'systèmes', reseau: 'réseau', securite: 'sécurité',
  electronique: 'électronique', ingenierie: 'ingénierie', economie: 'économie', economique: 'économique', evolution: 'évolution',
  ecologie: 'écologie', geographie: 'géographie', genetique: 'génétique', materiaux: 'matériaux', mecanique: 'mécanique',
  medecine: 'médecine', pole: 'pôle', departement: 'département', metropole: 'métropole', cite: 'cité', cooperation: 'coopération',
  strategie: 'stratégie', veterinaire: 'vétérinaire', ecologique: 'écologique', theorique: 'théorique', appliquee: 'appliquée',
  appliquees: 'appliquées', education: 'éducation', etablissement: 'établissement', francaise: 'française', francais: 'français',
  generale: 'générale', general: 'général', telecom: 'télécom', telecommunications: 'télécommunications', etat: 'état',
  creation: 'création', verite: 'vérité', valery: 'valéry', nimes: 'nîmes', beziers: 'béziers', sete: 'sète', perols: 'pérols',
  herault: 'hérault', ales: 'alès', ingenieurs: 'ingénieurs', ecosystemes: 'écosystèmes',
};

/** A name all in capitals, of two words or more (one word in capitals may be an acronym); any length for a place. */
export function isUpperCaseName(name: string, place = false): boolean {
  return /\p{Lu}/u.test(name) && !/\p{Ll}/u.test(name) && (place || /\p{Lu}\p{Lu}[\p{Lu}\s'’-]*\s\S/u.test(name));
}

function capitalise(word: string): string {
  return word.charAt(0).toLocaleUpperCase('fr') + word.slice(1);
}

/** The name as a person writes it; with `place`, a one-word name in capitals too (MONTPELLIER → Montpellier). */
export function personStyleName(name: string, place = false): string {
  if (!isUpperCaseName(name, place)) return name;
  let first = true;
  return name.replace(/[\p{L}\p{N}.]+/gu, (token) => {
    const lower = token.toLocaleLowerCase('fr');
    const bare = lower.replace(/\./g, '');
    let written: string;
    const acronym = CAPITAL_WORDS.has(bare) || ROMAN.test(bare) || /\d/.test(token) || !/[aeiouy]/.test(bare);
    if (token.includes('.') || (!place && acronym)) written = token;
    else if (!first && SMALL_WORDS.has(lower)) written = lower;
    else written = capitalise(ACCENTED[lower] ?? lower);
    first = false;
    return written;
  }).replace(/\b([LD])['’](\p{L})/gu, (_match, letter: string, next: string) => `${letter.toLowerCase()}'${next.toLocaleUpperCase('fr')}`)
    .replace(/^([ld])'/, (_match, letter: string) => `${letter.toUpperCase()}'`);
}
