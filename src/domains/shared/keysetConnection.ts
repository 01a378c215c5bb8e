import { BadUserInputError } from '../../errors.js';
import { checkPageSize, type Connection } from './connection.js';

/**
 * Relay pagination by key for lists ordered by a key (entity lists by name, start date or
 * degree). A cursor carries the sort key of its row (its sort values, then its id) and the
 * digest of the list it came from, not a position: a page starts right after (or ends right
 * before) that key, so rows added or removed elsewhere in the list never shift a page, and a
 * cursor past the end gives an empty page, not a wrong one.
 *
 * `first`/`after` read forward; `last`/`before` read backward from the end (or from `before`)
 * and give the rows in list order. `first` and `last` together are refused.
 */
export interface KeysetRequest {
  scope: string;
  limit: number;
  direction: 'FORWARD' | 'BACKWARD';
  /** The key to start after (forward) or end before (backward); null from either end of the list. */
  key: unknown[] | null;
}

/** What a repository needs to read a page by key (one more row than the page, to know whether more follow). */
export type KeysetRead = Pick<KeysetRequest, 'direction' | 'key' | 'limit'>;

/** The parameters of a query built with keysetSliceOf (database/keysetCypher.ts). */
export function keysetParameters(read: KeysetRead): { key: unknown[] | null; limit: number; backward: boolean } {
  return { key: read.key, limit: read.limit, backward: read.direction === 'BACKWARD' };
}

/** A page request as a repository takes it: one more row than the page. */
export function readOf(request: KeysetRequest): KeysetRead {
  return { direction: request.direction, key: request.key, limit: request.limit + 1 };
}

export interface KeysetArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;

export function keysetPageFrom(args: KeysetArgs, scope: string): KeysetRequest {
  const backward = args.last !== null && args.last !== undefined;
  if (backward && args.first !== null && args.first !== undefined) {
    throw new BadUserInputError('Give `first` (with `after`) or `last` (with `before`), not both.', { argument: 'last' });
  }
  if (backward && args.after) throw new BadUserInputError('`after` goes with `first`; with `last`, give `before`.', { argument: 'after' });
  if (!backward && args.before) throw new BadUserInputError('`before` goes with `last`; with `first`, give `after`.', { argument: 'before' });
  if (backward) {
    const limit = checkSize(args.last, 'last');
    return { scope, limit, direction: 'BACKWARD', key: args.before ? decode(args.before, scope, 'before') : null };
  }
  return { scope, limit: checkPageSize(args.first ?? DEFAULT_PAGE_SIZE), direction: 'FORWARD', key: args.after ? decode(args.after, scope, 'after') : null };
}

function checkSize(size: number | null | undefined, argument: 'last'): number {
  try {
    return checkPageSize(size);
  } catch {
    throw new BadUserInputError(`\`${argument}\` must be between 1 and 100 (got ${size}).`, { argument, max: 100 });
  }
}

export function keysetCursor(scope: string, key: unknown[]): string {
  return Buffer.from(`${scope}:${JSON.stringify(key)}`, 'utf8').toString('base64url');
}

function decode(cursor: string, scope: string, argument: 'after' | 'before'): unknown[] {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const separator = text.indexOf(':');
  let key: unknown = null;
  try {
    key = JSON.parse(text.slice(separator + 1));
  } catch {
    key = null;
  }
  // A cursor of a ranking (a position: connection.ts) is a cursor of another list.
  if (separator === 10 && /^\d{1,9}$/.test(text.slice(11))) {
    throw new BadUserInputError(`\`${argument}\` is a cursor of another list (or of this list with other arguments).`, { argument });
  }
  if (separator !== 10 || !Array.isArray(key) || key.length === 0 || key.length > 4) {
    throw new BadUserInputError(`\`${argument}\` is not a cursor of this list.`, { argument });
  }
  if (text.slice(0, separator) !== scope) {
    throw new BadUserInputError(`\`${argument}\` is a cursor of another list (or of this list with other arguments).`, { argument });
  }
  return key;
}

/**
 * An edge whose cursor is encoded when it is read, not before: a nested read holds thousands of
 * edges whose cursors nobody asks for (20,000 of them were 4 % of the API's CPU on one read, and
 * as many strings for the garbage collector).
 */
class KeysetEdge<T> {
  constructor(
    private readonly scope: string,
    private readonly key: unknown[],
    readonly node: T,
  ) {}

  get cursor(): string {
    return keysetCursor(this.scope, this.key);
  }
}

/**
 * Builds the page from the rows read (in the direction read, one more than the page when there
 * are more) and their keys; `totalCount` is the list's size when it was counted, else null.
 */
export function toKeysetConnection<T>(request: KeysetRequest, rows: Array<{ item: T; key: unknown[] }>, totalCount: number | null): Connection<T> {
  const more = rows.length > request.limit;
  const page = rows.slice(0, request.limit);
  if (request.direction === 'BACKWARD') page.reverse();
  const edges = page.map((row) => new KeysetEdge(request.scope, row.key, row.item));
  const fromCursor = request.key !== null;
  return {
    edges,
    nodes: page.map((row) => row.item),
    pageInfo: {
      hasNextPage: request.direction === 'FORWARD' ? more : fromCursor,
      hasPreviousPage: request.direction === 'BACKWARD' ? more : fromCursor,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: totalCount ?? 0,
  };
}
