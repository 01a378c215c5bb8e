/**
 * Relationships that say the same thing read from either end (two organisations co-published,
 * are partners, are related): exports write them as undirected edges and the explorer draws
 * them without an arrow, so that neither a tool nor a reader takes them as one-way.
 */
export const SYMMETRIC_TYPES: ReadonlySet<string> = new Set(['CO_PUBLISHED_WITH', 'PARTNERS_WITH', 'RELATED_TO', 'PARTNERSHIP']);
// PARTNERSHIP is no relationship type: it is the projected link of the partnership network's export (subgraphs.ts).
