import { repairLines } from './datasetText.js';
import type { DatasetWrite } from './pipeline.js';

/** The lines of a connector's report that say what the shared write did. */
export function writtenLines(write: DatasetWrite): string[] {
  if (!write.written) return [`  also stated     ${write.alsoStated} relationship(s) another source states already would cite this dataset too`, ...repairLines(write.repaired), '  nothing written (--dry-run)'];
  const lines = Object.entries(write.written)
    .filter(([, tally]) => tally.created + tally.updated + tally.unchanged > 0)
    .map(([kind, tally]) => `  ${kind.padEnd(15)} ${tally.created} created, ${tally.updated} updated, ${tally.unchanged} unchanged`);
  return [
    ...lines,
    `  also stated     ${write.alsoStated} relationship(s) another source states already now cite this dataset too`,
    `  enriched        ${write.enriched} existing entit(y/ies) gained identifiers, names, a city, a website or a citation`,
    ...repairLines(write.repaired),
  ];
}
