import { foldForSearch } from '../../domains/shared/foldForSearch.js';

/**
 * Names as entity resolution compares them: without case, accents, punctuation, bracketed
 * acronyms or legal forms, so that "UNIVERSITE DE MONTPELLIER", "Université de Montpellier"
 * and "Université de Montpellier (UM)" are one name, and "NUMALIS SAS" is "numalis".
 */
const LEGAL_FORMS = new Set([
  'sa', 'sas', 'sasu', 'sarl', 'eurl', 'sca', 'scop', 'scic', 'snc', 'gie', 'epic', 'epst', 'epscp', 'epa', 'gip', 'ltd', 'limited', 'gmbh',
  'ag', 'bv', 'nv', 'srl', 'spa', 'inc', 'llc', 'plc', 'ab', 'oy', 'as', 'asbl', 'vzw', 'ev',
]);
/** Words that carry no identity (articles, prepositions) in French and English. */
const STOP_WORDS = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'et', 'en', 'pour', 'sur', 'a', 'au', 'aux', 'of', 'the', 'and', 'for', 'in', 'on']);

export function normalizeName(name: string): string {
  const words = foldForSearch(name.replace(/\([^)]*\)/g, ' '))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  while (words.length > 1 && LEGAL_FORMS.has(words.at(-1)!)) words.pop();
  return words.join(' ');
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
