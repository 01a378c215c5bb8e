import type { ImportReport } from '../seed/importGraph.js';

/** The lines of a connector's report that say what the shared import wrote. */
export function writtenLines(written: ImportReport | null, enriched: number): string[] {
  if (!written) return ['  nothing written (--dry-run)'];
  const lines = Object.entries(written)
    .filter(([, tally]) => tally.created + tally.updated + tally.unchanged > 0)
    .map(([kind, tally]) => `  ${kind.padEnd(15)} ${tally.created} created, ${tally.updated} updated, ${tally.unchanged} unchanged`);
  return [...lines, `  identifiers     added to ${enriched} existing organisation(s)`];
}
