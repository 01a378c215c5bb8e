import { createHash } from 'node:crypto';

import { BadUserInputError } from '../../errors.js';

/**
 * Relay cursor pagination over ordered lists. A cursor carries the position and a digest
 * of the list it came from (the field and its filters), so a cursor from another list or
 * from the same list with other filters is refused instead of giving a wrong page.
 */
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  offset: number;
  limit: number;
  scope: string;
}

/** Digest of what identifies a list: its name and every argument that changes its content. */
export function scopeFor(list: string, args: unknown): string {
  return createHash('sha256').update(`${list}\u0000${JSON.stringify(args ?? null)}`).digest('base64url').slice(0, 10);
}

/** Checks `first` (1..100) and decodes `after` against the list's scope. */
export function pageFrom(first: number | null | undefined, after: string | null | undefined, scope: string): PageRequest {
  const limit = checkPageSize(first);
  if (after === null || after === undefined) return { offset: 0, limit, scope };
  const text = Buffer.from(after, 'base64url').toString('utf8');
  const decoded = /^([A-Za-z0-9_-]{10}):(\d{1,9})$/.exec(text);
  // A cursor of a list paged by key (keysetConnection.ts) is a cursor of another list.
  if (!decoded && /^[A-Za-z0-9_-]{10}:\[/.test(text)) throw new BadUserInputError('`after` is a cursor of another list (or of this list with other arguments).', { argument: 'after' });
  if (!decoded) throw new BadUserInputError('`after` is not a cursor of this API.', { argument: 'after' });
  if (decoded[1] !== scope) {
    throw new BadUserInputError('`after` is a cursor of another list (or of this list with other arguments).', { argument: 'after' });
  }
  return { offset: Number(decoded[2]) + 1, limit, scope };
}

export function checkPageSize(first: number | null | undefined): number {
  const limit = first ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`\`first\` must be between 1 and ${MAX_PAGE_SIZE} (got ${limit}).`, { argument: 'first', max: MAX_PAGE_SIZE });
  }
  return limit;
}

export function cursorAt(scope: string, position: number): string {
  return Buffer.from(`${scope}:${position}`, 'utf8').toString('base64url');
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/** Builds a connection from one page of items and the total count of the list. */
export function toConnection<T, E extends object = object>(
  page: PageRequest,
  items: T[],
  totalCount: number,
  edgeExtra: (item: T) => E = () => ({}) as E,
): Connection<T> & { edges: Array<{ cursor: string; node: T } & E> } {
  const edges = items.map((node, index) => ({ cursor: cursorAt(page.scope, page.offset + index), node, ...edgeExtra(node) }));
  return {
    edges,
    nodes: items,
    pageInfo: {
      hasNextPage: page.offset + items.length < totalCount,
      hasPreviousPage: page.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}
