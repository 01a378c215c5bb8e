import { describe, expect, it } from 'vitest';

import { cursorAt, pageFrom, scopeFor, toConnection } from '../../src/domains/shared/connection.js';
import { dayRange, isPartialDate } from '../../src/domains/shared/partialDate.js';

describe('cursor pagination', () => {
  const scope = scopeFor('organizations', { filter: { kinds: ['startup'] } });

  it('continues after the cursor of the last item', () => {
    const first = toConnection(pageFrom(2, null, scope), ['a', 'b'], 5);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const next = pageFrom(2, first.pageInfo.endCursor, scope);
    expect(next).toMatchObject({ offset: 2, limit: 2 });
  });

  it('refuses a cursor of another list or of the same list with other filters', () => {
    const other = scopeFor('organizations', { filter: { kinds: ['university'] } });
    expect(() => pageFrom(2, cursorAt(other, 3), scope)).toThrowError(/cursor of another list/);
    expect(() => pageFrom(2, 'bm90IGEgY3Vyc29y', scope)).toThrowError(/not a cursor of this API/);
  });

  it('bounds the page size to 1..100', () => {
    expect(() => pageFrom(0, null, scope)).toThrowError(/between 1 and 100/);
    expect(() => pageFrom(101, null, scope)).toThrowError(/between 1 and 100/);
    expect(pageFrom(100, null, scope).limit).toBe(100);
  });
});

describe('partial dates', () => {
  it('stand for every day they may mean', () => {
    expect(dayRange('2024')).toEqual({ first: '2024-01-01', last: '2024-12-31' });
    expect(dayRange('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29' });
    expect(dayRange('2025-02-17')).toEqual({ first: '2025-02-17', last: '2025-02-17' });
  });

  it('are real calendar dates', () => {
    expect(isPartialDate('2025-02-29')).toBe(false);
    expect(isPartialDate('2024-02-29')).toBe(true);
    expect(isPartialDate('2024-2')).toBe(false);
  });
});
