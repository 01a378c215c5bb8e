import type { RelationshipRecord } from './entity.model.js';

/**
 * Reading a co-publication link (a CO_PUBLISHED_WITH relationship) for the years asked: the
 * works it counts, per year, with its topics and example works. The same rule as
 * `countedWorks` in network.cypher.ts: a year counts when it is within `from`..`to` and not
 * after the year of `asOf`; a link without counts (made by hand) counts as one work.
 */
export interface YearWindow {
  from: number | null;
  to: number | null;
  /** The day of an `asOf` question: no work after its year counts. */
  asOf: string | null;
}

export const ALL_YEARS: YearWindow = { from: null, to: null, asOf: null };

const inWindow = (year: number, window: YearWindow) =>
  (window.from === null || year >= window.from) && (window.to === null || year <= window.to) && (window.asOf === null || year <= Number(window.asOf.slice(0, 4)));

/** Works per year within the window, oldest first. */
export function worksByYear(relationship: RelationshipRecord, window: YearWindow): Array<{ year: number; works: number }> {
  const years = relationship.workYears ?? [];
  return years.map((year, index) => ({ year, works: relationship.workCounts?.[index] ?? 0 })).filter((entry) => inWindow(entry.year, window));
}

export function worksIn(relationship: RelationshipRecord, window: YearWindow): number {
  if (!relationship.workYears) return 1;
  return worksByYear(relationship, window).reduce((sum, entry) => sum + entry.works, 0);
}

/** The GraphQL CoPublication of a link, or null for another type of relationship. */
export function coPublicationOf(relationship: RelationshipRecord, window: YearWindow = ALL_YEARS) {
  if (relationship.type !== 'CO_PUBLISHED_WITH') return null;
  const examples = relationship.examples ? (JSON.parse(relationship.examples) as Array<{ id: string; doi?: string; title?: string; year?: number }>) : [];
  return {
    works: worksIn(relationship, window),
    byYear: worksByYear(relationship, window),
    topics: relationship.topics ? (JSON.parse(relationship.topics) as Array<{ name: string; works: number }>) : [],
    examples: examples.map((work) => ({ id: work.id, url: `https://openalex.org/${work.id}`, doi: work.doi ?? null, title: work.title ?? null, year: work.year ?? null })),
  };
}

/** The window of a GraphQL `years` argument and `asOf`. */
export function yearWindow(years: { from?: number | null; to?: number | null } | null | undefined, asOf: string | null | undefined): YearWindow {
  return { from: years?.from ?? null, to: years?.to ?? null, asOf: asOf ?? null };
}
