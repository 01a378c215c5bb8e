import { BadUserInputError } from '../../errors.js';

/**
 * Limits on every text written to the graph, through the API or an import, checked before
 * anything is written. Without them a 9,000-character name failed inside Neo4j's index (a
 * server error), and a name holding NUL or other control characters was stored, after which
 * the GraphML and GEXF exports of the whole map were not well-formed XML for anyone.
 *
 * - Long texts (descriptions, notes): at most LONG_TEXT_MAX characters; line breaks and tabs allowed.
 * - Every other text (names, aliases, titles, roles, cities, keys, locators, ...): at most
 *   SHORT_TEXT_MAX characters, on one line.
 * - Never: C0 and C1 control characters, DEL, lone surrogates, U+FFFE and U+FFFF.
 */
export const SHORT_TEXT_MAX = 300;
export const LONG_TEXT_MAX = 5_000;
/** Fields whose text may be long and span lines. */
export const LONG_TEXT_FIELDS: ReadonlySet<string> = new Set(['description', 'note']);

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LINE_BREAK_OR_TAB = /[\t\n\r]/;

/**
 * A dataset's text made storable as a short text: control characters, line breaks and tabs
 * become spaces, runs of spaces one, and it is cut at SHORT_TEXT_MAX (with an ellipsis).
 */
export function asShortText(text: string): string {
  const clean = text.replace(new RegExp(CONTROL.source, 'g'), ' ').replace(/\s+/g, ' ').trim();
  return clean.length <= SHORT_TEXT_MAX ? clean : `${clean.slice(0, SHORT_TEXT_MAX - 1).replace(/[\uD800-\uDBFF]$/, '')}…`;
}

/**
 * A dataset's long text (a description) made storable: control characters but line breaks and
 * tabs become spaces, and it is cut at LONG_TEXT_MAX (with an ellipsis).
 */
export function asLongText(text: string): string {
  const clean = text.replace(new RegExp(CONTROL.source, 'g'), ' ').trim();
  return clean.length <= LONG_TEXT_MAX ? clean : `${clean.slice(0, LONG_TEXT_MAX - 1).replace(/[\uD800-\uDBFF]$/, '')}…`;
}

/** What is wrong with a text written to a field of this kind, or null when it may be stored. */
export function textProblem(text: string, long: boolean): string | null {
  const max = long ? LONG_TEXT_MAX : SHORT_TEXT_MAX;
  if (text.length > max) return `at most ${max} characters (got ${text.length})`;
  if (CONTROL.test(text)) return 'must not contain control characters';
  if (!long && LINE_BREAK_OR_TAB.test(text)) return 'must be one line, without tabs';
  return null;
}

/**
 * Checks every text inside an input value (objects and lists walked), the field's name
 * deciding whether it is long; the first problem is a BAD_USER_INPUT naming the field by its
 * path (e.g. `input.fields.name`), and every problem is listed in `extensions.problems`.
 */
export function checkWrittenText(value: unknown, path: string): void {
  const problems: Array<{ field: string; message: string }> = [];
  const walk = (inner: unknown, at: string, field: string) => {
    if (typeof inner === 'string') {
      const problem = textProblem(inner, LONG_TEXT_FIELDS.has(field));
      if (problem) problems.push({ field: at, message: `\`${at}\`: ${problem}.` });
    } else if (Array.isArray(inner)) {
      inner.forEach((item, index) => walk(item, `${at}.${index}`, field));
    } else if (inner && typeof inner === 'object') {
      for (const [key, nested] of Object.entries(inner)) walk(nested, `${at}.${key}`, key);
    }
  };
  walk(value, path, path);
  if (problems.length > 0) throw new BadUserInputError(problems[0]!.message, { field: problems[0]!.field, problems });
}
