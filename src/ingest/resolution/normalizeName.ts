import { foldForSearch } from '../../domains/shared/foldForSearch.js';

/**
 * Names as entity resolution compares them: without case, accents, punctuation, bracketed
 * acronyms (in brackets, or after a dash at the end) or legal forms, so that "UNIVERSITE DE
 * MONTPELLIER", "Université de Montpellier" and "Université de Montpellier (UM)" are one name,
 * "NUMALIS SAS" is "numalis", and "C.I.R.A.D." is "cirad".
 */
const LEGAL_FORMS = new Set([
  'sa', 'sas', 'sasu', 'sarl', 'eurl', 'sca', 'scop', 'scic', 'snc', 'gie', 'epic', 'epst', 'epscp', 'epa', 'gip', 'ltd', 'limited', 'gmbh',
  'ag', 'bv', 'nv', 'srl', 'spa', 'inc', 'llc', 'plc', 'ab', 'oy', 'as', 'asbl', 'vzw', 'ev',
]);
/** Words that carry no identity (articles, prepositions) in French and English. */
const STOP_WORDS = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'et', 'en', 'pour', 'sur', 'a', 'au', 'aux', 'of', 'the', 'and', 'for', 'in', 'on']);

/** A dotted acronym (C.I.R.A.D., I.R.D) written as one word. */
const DOTTED_ACRONYM = /\b(?:[A-Za-z]\.){2,}[A-Za-z]?\.?/g;
/**
 * A trailing acronym after a dash, as legal names carry them ("... DEVELOPPEMENT - C.I.R.A.D.
 * EPIC", "... - INRAE"): a dotted acronym, or one word of capitals, then perhaps a legal form.
 */
const TRAILING_ACRONYM = /\s[-–—]\s*(?:(?:[A-Za-z]\.){2,}[A-Za-z]?\.?|[A-Z][A-Z0-9]{1,9})(?:\s+[A-Za-z]{2,5})?\s*$/;

export function normalizeName(name: string): string {
  const bare = name.replace(TRAILING_ACRONYM, (suffix) => (suffix.trim().split(/\s+/).length <= 3 ? ' ' : suffix));
  const words = foldForSearch(bare.replace(/\([^)]*\)/g, ' ').replace(/\[[^\]]*\]/g, ' ').replace(DOTTED_ACRONYM, (dotted) => dotted.replace(/\./g, '')))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  while (words.length > 1 && LEGAL_FORMS.has(words.at(-1)!)) words.pop();
  return words.join(' ');
}

/**
 * A name without its stop words, for comparing full names: "Institut national de recherche en
 * informatique et en automatique" and "INSTITUT NATIONAL DE RECHERCHE EN INFORMATIQUE ET
 * AUTOMATIQUE" are one full name.
 */
export function fullNameKey(name: string): string {
  return normalizeName(name).split(' ').filter((word) => !STOP_WORDS.has(word)).join(' ');
}

/** The words of a name that carry its identity, for the scored comparison. */
export function nameTokens(name: string): Set<string> {
  return new Set(normalizeName(name).split(' ').filter((word) => word.length > 0 && !STOP_WORDS.has(word) && !LEGAL_FORMS.has(word)));
}

/** Jaccard similarity of two token sets, 0 to 1. */
export function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const token of a) if (b.has(token)) shared += 1;
  return shared / (a.size + b.size - shared);
}
