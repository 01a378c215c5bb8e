import { runQuery, type QueryRunner } from '../../database/runQuery.js';
import { writeRecordedBatch, type ImportedChange, type ImportOrigin } from '../../domains/curation/importChangeLog.js';
import type { RelationshipSeed } from '../importFormat.js';
import { citeRelationships, relationshipsStatedElsewhere } from './resolution.cypher.js';

/**
 * A fact two sources state is one relationship citing both. When a dataset record states a
 * relationship that another source already put in the graph (the same type between the same
 * two entities, under another key: a press article says the unit is part of the university,
 * and so does ROR), the connector does not write a second relationship: it adds the record's
 * citation to the existing one. Only the citation is added: the other source's role, dates and
 * amount stay as they are.
 */
export interface StatedElsewhere {
  /** The relationships still to write, as their own entries. */
  own: RelationshipSeed[];
  /** The existing relationships that get a citation. */
  cited: Array<{ existing: string; from: string; to: string; citations: string[] }>;
}

export async function findStatedElsewhere(runner: QueryRunner, relationships: RelationshipSeed[], batch: number): Promise<StatedElsewhere> {
  const existingOf = new Map<string, string>();
  for (let start = 0; start < relationships.length; start += batch) {
    const rows = relationships.slice(start, start + batch).map(({ id, type, from, to }) => ({ id, type, from, to }));
    for (const row of await runQuery(runner, relationshipsStatedElsewhere, { rows })) existingOf.set(row.entry as string, row.existing as string);
  }
  const own: RelationshipSeed[] = [];
  const cited = new Map<string, StatedElsewhere['cited'][number]>();
  for (const relationship of relationships) {
    const existing = existingOf.get(relationship.id);
    if (!existing) {
      own.push(relationship);
      continue;
    }
    const entry = cited.get(existing) ?? { existing, from: relationship.from, to: relationship.to, citations: [] };
    for (const citation of relationship.sources) if (!entry.citations.includes(citation)) entry.citations.push(citation);
    cited.set(existing, entry);
  }
  return { own, cited: [...cited.values()] };
}

/** Adds the citations (changes of `origin` in the feed); returns how many relationships gained one. */
export async function citeStatedElsewhere(runner: QueryRunner, cited: StatedElsewhere['cited'], batch: number, origin: ImportOrigin): Promise<number> {
  let count = 0;
  for (let start = 0; start < cited.length; start += batch) {
    const [row] = await writeRecordedBatch(runner, origin, [citeRelationships], async (run) => {
      const rows = await run(citeRelationships, { rows: cited.slice(start, start + batch) });
      const changes = ((rows[0]?.changes ?? []) as Array<{ id: string }>).map(
        (change): ImportedChange => ({ action: 'UPDATED', targetKind: 'RELATIONSHIP', target: change.id, fields: ['sources'] }),
      );
      return { result: rows, changes };
    });
    count += (row?.cited as number) ?? 0;
  }
  return count;
}
