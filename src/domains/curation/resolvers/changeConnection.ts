import { BadUserInputError } from '../../../errors.js';
import { checkPageSize } from '../../shared/connection.js';
import type { ChangeRecord } from '../curation.model.js';

/**
 * Pages of changes are keyed by sequence number, not by position: a cursor stays valid as
 * new changes arrive, which is what a client following the feed needs.
 */
export function changePageRequest(first: number | null | undefined, after: string | null | undefined): { afterSequence: number; limit: number } {
  const limit = checkPageSize(first);
  if (after === null || after === undefined) return { afterSequence: 0, limit };
  const decoded = /^change:(\d{1,15})$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
  if (!decoded) throw new BadUserInputError('`after` is not a cursor of a list of changes.', { argument: 'after' });
  return { afterSequence: Number(decoded[1]), limit };
}

export function changeCursor(change: Pick<ChangeRecord, 'sequence'>): string {
  return Buffer.from(`change:${change.sequence}`, 'utf8').toString('base64url');
}

/**
 * A connection from one more change than the page holds (the extra one only says a next page
 * exists). Its `endCursor` is never null: on an empty page it is the head of the feed when it is
 * known (the feed's own page: a `since` with nothing after it must not resume from change 0),
 * else the position asked from, so a client that found nothing new keeps a cursor to resume with. `totalCount` is a function, which the default resolver calls only when the field
 * is asked for (counting reads every change of the list).
 */
export function changeConnection(changes: ChangeRecord[], request: { afterSequence: number; limit: number }, count: () => Promise<number>, head?: number) {
  const page = changes.slice(0, request.limit);
  const edges = page.map((change) => ({ cursor: changeCursor(change), node: change }));
  return {
    edges,
    nodes: page,
    pageInfo: {
      hasNextPage: changes.length > request.limit,
      hasPreviousPage: request.afterSequence > 0,
      startCursor: edges[0]?.cursor ?? null,
      // Never null: an empty page (a feed with nothing new yet) gives the position to resume from.
      endCursor: edges.at(-1)?.cursor ?? changeCursor({ sequence: Math.max(request.afterSequence, head ?? 0) }),
    },
    totalCount: count as unknown as number,
  };
}
