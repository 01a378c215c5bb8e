import { asLongText, asShortText, LONG_TEXT_FIELDS, textProblem } from '../domains/shared/writtenText.js';

/**
 * The API's rules for written text (src/domains/shared/writtenText.ts), applied to what a
 * dataset brings before anything is written: a name with NUL or BEL, a 3,000,000-character
 * name or a 100,000-character title in a record would otherwise be stored and served (and
 * written raw into the CSV and XML exports). A dataset's text is cleaned rather than refused,
 * so that one bad record does not hold back a release: control characters become spaces, a
 * text too long is cut with an ellipsis, and each repair is a line of the import's report
 * naming the record (its citation: the dataset's release and the record) and the field.
 */
export interface TextRepair {
  /** The record, as the entry cites it (`ror-v2.9#ror https://ror.org/...`), or the entry's id. */
  record: string;
  /** Where in the entry: `name`, `aliases.en`, `figures.name`. */
  field: string;
  problem: string;
}

/**
 * Cleans every text of a value in place (objects and lists walked; the name of the field
 * holding a text decides whether it may be long) and adds a repair per text changed. Returns
 * the value, or the cleaned text when the value is a text.
 */
export function cleanDatasetText<T>(value: T, record: string, repairs: TextRepair[], field = ''): T {
  if (typeof value === 'string') {
    const long = LONG_TEXT_FIELDS.has(field.slice(field.lastIndexOf('.') + 1));
    const problem = textProblem(value, long);
    if (!problem) return value;
    repairs.push({ record, field, problem });
    return (long ? asLongText(value) : asShortText(value)) as T;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) value[index] = cleanDatasetText(value[index] as unknown, record, repairs, field);
  } else if (value && typeof value === 'object') {
    const fields = value as Record<string, unknown>;
    for (const key of Object.keys(fields)) fields[key] = cleanDatasetText(fields[key], record, repairs, field ? `${field}.${key}` : key);
  }
  return value;
}

/** The record an entry of a dataset's graph comes from: its first citation, else its id. */
export function recordOf(entry: { id?: unknown; sources?: unknown }): string {
  const cited = Array.isArray(entry.sources) && typeof entry.sources[0] === 'string' ? entry.sources[0] : null;
  return cited ?? (typeof entry.id === 'string' ? entry.id : 'a record');
}

/** The report's lines for the repairs: the first `shown`, then how many more. */
export function repairLines(repairs: TextRepair[], shown = 20): string[] {
  if (repairs.length === 0) return [];
  const lines = repairs.slice(0, shown).map((repair) => `    ${repair.record} › ${repair.field}: ${repair.problem}; cleaned`);
  const more = repairs.length > shown ? [`    ... and ${repairs.length - shown} more`] : [];
  return [`  text repaired   ${repairs.length} text(s) broke the API's text rules (control characters, length) and were cleaned:`, ...lines, ...more];
}
