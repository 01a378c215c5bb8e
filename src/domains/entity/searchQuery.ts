import { BadUserInputError } from '../../errors.js';

/**
 * Turns what a user typed into a Lucene query for the full-text index. Every character
 * Lucene gives a meaning to is escaped, so input is always data: only a `*` ending a word
 * of two or more characters stays a prefix wildcard. Words are AND-ed. Returns null when
 * nothing searchable is left (the caller answers with an empty connection).
 */
export const MAX_SEARCH_LENGTH = 200;
const special = /[+\-&|!(){}[\]^"~*?:\\/]/g;

export function toLuceneQuery(text: string): string | null {
  if (text.length > MAX_SEARCH_LENGTH) {
    throw new BadUserInputError(`\`text\` is too long: at most ${MAX_SEARCH_LENGTH} characters (got ${text.length}).`, { argument: 'text' });
  }
  const terms = text
    .normalize('NFC')
    .split(/\s+/)
    .map((word) => {
      const prefix = /^(.{2,})\*$/u.exec(word);
      const body = (prefix ? prefix[1]! : word).replace(special, (c) => `\\${c}`);
      const letters = body.replace(/\\./g, '').replace(/[\p{P}\p{S}]/gu, '');
      if (letters.length === 0) return null;
      return prefix ? `${body}*` : body;
    })
    .filter((term): term is string => term !== null)
    .map((term) => (/^(AND|OR|NOT|TO)$/.test(term) ? term.toLowerCase() : term))
    .slice(0, 20);
  return terms.length > 0 ? terms.join(' AND ') : null;
}
