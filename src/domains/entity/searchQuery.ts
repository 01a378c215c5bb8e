import { BadUserInputError } from '../../errors.js';
import { foldForSearch } from '../shared/foldForSearch.js';
import { THEME_NAMES } from './themes.js';

export const MAX_SEARCH_LENGTH = 200;
const special = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** A typed word as a Lucene term: escaped, a trailing `*` kept after two characters or more; null when nothing is left. */
function termOf(word: string): string | null {
  const prefix = /^(.{2,})\*$/u.exec(word);
  const body = (prefix ? prefix[1]! : word).replace(special, (c) => `\\${c}`);
  const letters = body.replace(/\\./g, '').replace(/[\p{P}\p{S}]/gu, '');
  if (letters.length === 0) return null;
  return prefix ? `${body}*` : body;
}

/** Theme tags by their names in English and French, folded, with or without an ERC panel's code ("santé" → health, "informatique" → erc-pe6). */
const THEMES_BY_NAME = new Map<string, string[]>();
for (const [tag, names] of Object.entries(THEME_NAMES)) {
  const spellings = names.flatMap((name) => [name, name.replace(/\s*\(ERC [A-Z]{2}\d+\)$/, '')]).map(foldForSearch);
  for (const name of new Set(spellings)) {
    if (name !== tag) THEMES_BY_NAME.set(name, [...(THEMES_BY_NAME.get(name) ?? []), tag]);
  }
}

/** A term, or the term or the themes its words name, as one clause. */
function orThemes(term: string, named: string | undefined): string {
  const tags = named === undefined ? undefined : THEMES_BY_NAME.get(foldForSearch(named));
  return tags ? `(${[term, ...tags.map((tag) => `"${tag}"`)].join(' OR ')})` : term;
}

/**
 * Turns what a user typed into a Lucene query for the full-text index. Every character
 * Lucene gives a meaning to is escaped, so input is always data: only a `*` ending a word
 * of two or more characters stays a prefix wildcard. Words are AND-ed. Returns null when
 * nothing searchable is left (the caller answers with an empty connection).
 *
 * With `themes` (entity search), a word, or the whole text, that is a theme's name in English or
 * French also finds the entities tagged with that theme: "santé" finds those tagged health,
 * "calcul haute performance" those tagged hpc (themes are stored as English tags).
 */
export function toLuceneQuery(text: string, options: { themes?: boolean } = {}): string | null {
  if (text.length > MAX_SEARCH_LENGTH) {
    throw new BadUserInputError(`\`text\` is too long: at most ${MAX_SEARCH_LENGTH} characters (got ${text.length}).`, { argument: 'text' });
  }
  const terms: Array<{ term: string; word: string }> = [];
  for (const word of text.normalize('NFC').split(/\s+/)) {
    const term = termOf(word);
    if (term !== null && terms.length < 20) terms.push({ term: /^(AND|OR|NOT|TO)$/.test(term) ? term.toLowerCase() : term, word });
  }
  if (terms.length === 0) return null;
  if (!options.themes) return terms.map(({ term }) => term).join(' AND ');
  const words = terms.map(({ term, word }) => orThemes(term, /\*$/.test(term) ? undefined : word));
  const all = words.join(' AND ');
  if (terms.length === 1) return all;
  const whole = orThemes(`(${all})`, text.trim().replace(/\s+/g, ' '));
  return whole === `(${all})` ? all : whole;
}
