/**
 * Cypher fragments for pages by key (see domains/shared/keysetConnection.ts): a page starts
 * after, or ends before, the sort key `$key` of a row (a list of values ending with an id),
 * never at a position. Only constant text: the values come in as `$key`, `$limit` and
 * `$backward`.
 */

/** `left(0), left(1), ... > $key` (or `<`) written out, since Cypher compares values, not tuples. */
export function keyBeyond(size: number, operator: '>' | '<', left: (index: number) => string = (index) => `s${index}`, index = 0): string {
  const here = `${left(index)} ${operator} $key[${index}]`;
  return index === size - 1 ? here : `(${here} OR (${left(index)} = $key[${index}] AND ${keyBeyond(size, operator, left, index + 1)}))`;
}

/**
 * For a list `rows` already sorted by its elements' `key` (of `size` values), ascending: the
 * clauses that keep it and set `page` to the `$limit` rows after `$key` (from the start when
 * null), or, when `$backward`, the `$limit` rows before it (from the end), nearest first.
 * For lists a query reads whole anyway (to count them); `total` is their size.
 */
export function keysetSliceOf(rows: string, size: number): string {
  const key = (index: number) => `r.key[${index}]`;
  return `WITH ${rows},
        CASE WHEN $backward
          THEN CASE WHEN $key IS NULL THEN size(${rows}) ELSE size([r IN ${rows} WHERE ${keyBeyond(size, '<', key)}]) END
          ELSE CASE WHEN $key IS NULL THEN 0 ELSE size([r IN ${rows} WHERE NOT (${keyBeyond(size, '>', key)})]) END
        END AS edge
   WITH ${rows}, CASE WHEN $backward THEN CASE WHEN edge < $limit THEN 0 ELSE edge - $limit END ELSE edge END AS low,
        CASE WHEN $backward THEN edge ELSE edge + $limit END AS high
   WITH size(${rows}) AS total, CASE WHEN $backward THEN reverse(${rows}[low..high]) ELSE ${rows}[low..high] END AS page`;
}
