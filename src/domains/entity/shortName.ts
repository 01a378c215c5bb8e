/**
 * An entity's name for a label: within `maxLength` characters, without turning it into another
 * entity's name. Cutting "Montpellier University Hospital Center" to "Montpellier University…"
 * named the university on the map; an alias that fits ("Montpellier University Hospital") says
 * who it is. So: its own name in the language when it fits; else the longest of its names and
 * aliases in that language that fits (the longest says the most); else the name cut at a word,
 * with an ellipsis.
 */
export interface NamedRecord {
  name: string;
  nameFr?: string | null;
  nameEn?: string | null;
  aliasesFr?: string[] | null;
  aliasesEn?: string[] | null;
}

export function shortName(entity: NamedRecord, language: 'EN' | 'FR', maxLength: number): string {
  const own = (language === 'FR' ? entity.nameFr : entity.nameEn) ?? entity.name;
  if (own.length <= maxLength) return own;
  const aliases = (language === 'FR' ? entity.aliasesFr : entity.aliasesEn) ?? [];
  // An abbreviation alone ("CHU") says less than a shortened name: only names of some length count.
  const fitting = [entity.name, ...aliases].filter((candidate) => candidate.length <= maxLength && candidate.length >= Math.min(12, maxLength / 2) && /[a-zà-ÿ]/.test(candidate));
  if (fitting.length > 0) return fitting.reduce((best, candidate) => (candidate.length > best.length ? candidate : best));
  return cutAtWord(own, maxLength);
}

/** The text cut to `max` characters with an ellipsis, at a word boundary when one is near. */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
