/**
 * Partial dates ("2025", "2025-02", "2025-02-17") stand for every day they may mean.
 * Comparisons use the first and last of those days, so a filter never drops a date only
 * because it is known less precisely than the filter's day.
 */
export function dayRange(value: string): { first: string; last: string } {
  if (value.length === 10) return { first: value, last: value };
  if (value.length === 7) {
    const [year, month] = value.split('-').map(Number) as [number, number];
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return { first: `${value}-01`, last: `${value}-${String(lastDay).padStart(2, '0')}` };
  }
  return { first: `${value}-01-01`, last: `${value}-12-31` };
}

export const partialDatePattern = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** True when the string is a partial date naming real days. */
export function isPartialDate(value: string): boolean {
  if (!partialDatePattern.test(value)) return false;
  if (value.length < 10) return true;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}
