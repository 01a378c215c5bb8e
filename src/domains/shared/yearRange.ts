import { BadUserInputError } from '../../errors.js';
import { checkRange } from './checkRange.js';

/** A `years` argument (YearRange) checked: whole years, `from` not after `to`; null ends are open. */
export function checkedYears(years: { from?: number | null; to?: number | null } | null | undefined): { fromYear: number | null; toYear: number | null } {
  const from = years?.from ?? null;
  const to = years?.to ?? null;
  if (from !== null) checkRange('years.from', from, 1000, 2100);
  if (to !== null) checkRange('years.to', to, 1000, 2100);
  if (from !== null && to !== null && from > to) throw new BadUserInputError(`\`years\`: \`from\` (${from}) is after \`to\` (${to}).`, { field: 'years' });
  return { fromYear: from, toYear: to };
}
