import { ENTITY_LABELS, RELATIONSHIP_TYPES, type EntityLabel, type RelationshipTypeName } from '../domains/entity/relationshipTypes.js';

import { runQuery, type CypherQuery, type QueryRunner, type Row } from '../database/runQuery.js';
import { changedFields, writeRecordedBatch, type ImportedChange, type ImportOrigin } from '../domains/curation/importChangeLog.js';
import {
  anyApiChange, bumpGraphVersion, curatedEntities, curatedRelationships, existingEntityLabels, existingSources, mergeClaims, mergeEntities,
  mergeRelationships, mergeSources, retiredRelationshipKeys, retireRelationships, retypedRelationships,
} from './graphWriter.cypher.js';
import { checkReferences, type SeedProblem } from './graphReferences.js';
import type { Progress } from './progress.js';
import type { RelationshipSeed, SeedGraph, WithdrawnSeed } from './importFormat.js';
import { claimRow, entityRows, relationshipRow, sourceRow, type ImportRow } from './graphRows.js';

export type Outcome = 'created' | 'updated' | 'unchanged';
/** What a kind of entry came to; `retired`: stored relationships a folder renamed or withdrew. */
export type Tally = Record<Outcome, number> & { retired?: number };
/** What an import did, per kind of entry. */
export type ImportReport = Record<string, Tally>;

export class ImportRejectedError extends Error {
  constructor(readonly problems: SeedProblem[]) {
    super(`The import was refused: ${problems.length} problem(s); nothing was written.\n${formatProblems(problems)}`);
  }
}

export function formatProblems(problems: SeedProblem[]): string {
  return problems.map((p) => `  ${p.file} › ${p.entry}: ${p.reason}`).join('\n');
}

/** Writes a graph after checking its references; `earlier` carries problems already found. */
export async function importGraph(
  runner: QueryRunner,
  graph: SeedGraph,
  batchSize = 5_000,
  earlier: { problems: SeedProblem[]; invalidIds: Set<string> } = { problems: [], invalidIds: new Set() },
  progress?: Progress,
  origin: ImportOrigin = 'import',
): Promise<ImportReport> {
  const problems = await checkGraph(runner, graph, batchSize, earlier);
  // A folder (seeds, a curator's) may change a relationship's type by mistake: the writer would keep both. Connectors never do.
  problems.push(...(await retypedProblems(runner, graph, batchSize)));
  if (problems.length > 0) throw new ImportRejectedError(problems);
  return writeGraph(runner, graph, batchSize, progress, true, origin);
}

/** Entries another part of the same import defines (a connector checks its relationships in chunks, after its entities). */
export interface DefinedElsewhere {
  entities: Map<string, EntityLabel>;
  sources: Set<string>;
}

/**
 * Every problem of a graph, nothing written: schema problems found earlier, references to
 * unknown or retired entries, and entries that would undo an edit made through the API.
 */
export async function checkGraph(
  runner: QueryRunner,
  graph: SeedGraph,
  batchSize = 5_000,
  earlier: { problems: SeedProblem[]; invalidIds: Set<string> } = { problems: [], invalidIds: new Set() },
  alsoDefined?: DefinedElsewhere,
): Promise<SeedProblem[]> {
  const known = await knownInDatabase(runner, graph);
  for (const [id, label] of alsoDefined?.entities ?? []) known.entities.set(id, label);
  for (const id of alsoDefined?.sources ?? []) known.sources.add(id);
  const problems = [
    ...earlier.problems,
    ...retiredProblems(graph, known.retired),
    ...(await retiredRelationshipProblems(runner, graph, batchSize)),
    ...checkReferences(graph, { ...known, invalidIds: earlier.invalidIds }),
  ];
  if (problems.length === 0) problems.push(...(await curatedProblems(runner, rowsOf(graph), relationshipsByType(graph), batchSize)));
  return problems;
}

/**
 * Writes a checked graph in batches and reports what it created, updated and left unchanged.
 * Every entry written is a change in the change feed, by `origin` (importChangeLog.ts).
 * `progress` ticks with every batch; with `finish` false the caller ends it (more writes follow).
 */
export async function writeGraph(
  runner: QueryRunner,
  graph: SeedGraph,
  batchSize = 5_000,
  progress?: Progress,
  finish = true,
  origin: ImportOrigin = 'import',
): Promise<ImportReport> {
  const rows = rowsOf(graph);
  const relationships = relationshipsByType(graph);
  const total = graph.sources.length + Object.values(rows).flat().length + graph.relationships.length + graph.claims.length;
  const written = { count: 0 };
  const write = <T>(query: CypherQuery, subject: Subject, entries: T[], toRow: (entry: T) => ImportRow = (entry) => entry as ImportRow) =>
    writeBatches(runner, origin, query, subject, entries, toRow, batchSize, (count) => {
      written.count += count;
      progress?.tick(count, written.count, total);
    });
  const report: ImportReport = {};
  report.sources = await write(mergeSources, { kind: 'SOURCE', label: null }, graph.sources.map(sourceRow));
  for (const label of ENTITY_LABELS) report[pluralOf(label)] = await write(mergeEntities[label], { kind: 'ENTITY', label }, rows[label]);
  report.relationships = emptyTally();
  const retired = await retireWithdrawn(runner, origin, graph.withdrawn ?? []);
  for (const [type, ofType] of relationships) {
    addTally(report.relationships, await write(mergeRelationships[type], { kind: 'RELATIONSHIP', label: null }, ofType, relationshipRow));
  }
  if (retired > 0) report.relationships.retired = (report.relationships.retired ?? 0) + retired;
  report.claims = await write(mergeClaims, { kind: 'ENTITY', label: null, claims: true }, graph.claims.map(claimRow));
  if (finish) progress?.finish();
  if (Object.values(report).some((tally) => tally.created + tally.updated > 0)) await runQuery(runner, bumpGraphVersion);
  return report;
}

/**
 * The stored rows of a graph's entities (with their content hashes), made once per graph:
 * checking and writing the same graph read them both, and hashing 100,000 entries is not free.
 */
const entityRowsOf = new WeakMap<SeedGraph, Record<EntityLabel, ImportRow[]>>();
function rowsOf(graph: SeedGraph): Record<EntityLabel, ImportRow[]> {
  let rows = entityRowsOf.get(graph);
  if (!rows) {
    rows = entityRows(graph);
    entityRowsOf.set(graph, rows);
  }
  return rows;
}

/** Relationship entries by type; their rows are made a batch at a time (a connector may give a million). */
function relationshipsByType(graph: SeedGraph): Map<RelationshipTypeName, RelationshipSeed[]> {
  const relationships = new Map<RelationshipTypeName, RelationshipSeed[]>();
  for (const type of RELATIONSHIP_TYPES) {
    const ofType = graph.relationships.filter((seed) => seed.type === type);
    if (ofType.length > 0) relationships.set(type, ofType);
  }
  return relationships;
}

/** Ids the folder refers to without defining them, looked up in the database. */
async function knownInDatabase(runner: QueryRunner, graph: SeedGraph) {
  const defined = new Set<string>([graph.organizations, graph.people, graph.projects, graph.labels, graph.events].flat().map((e) => e.id));
  const referenced = new Set<string>(graph.claims.map((c) => c.subject));
  for (const relationship of graph.relationships) referenced.add(relationship.from).add(relationship.to);
  const lookUp = [...referenced].filter((id) => !defined.has(id));
  const entities = new Map<string, EntityLabel>();
  const retired = new Map<string, string | null>();
  const rows = await runQuery(runner, existingEntityLabels, { ids: [...lookUp, ...defined] });
  for (const row of rows) {
    if (row.label) entities.set(row.id as string, row.label as EntityLabel);
    else if (row.retired) retired.set(row.id as string, (row.mergedInto as string | null) ?? null);
  }
  const definedSources = new Set(graph.sources.map((s) => s.id));
  // Loops rather than flattened copies: a connector's graph may hold millions of citations.
  const citedSources = new Set<string>();
  for (const entries of [graph.organizations, graph.people, graph.projects, graph.labels, graph.events, graph.relationships, graph.claims]) {
    for (const entry of entries) for (const citation of entry.sources) citedSources.add(citation.slice(0, citation.indexOf('#')));
  }
  const sourceRows = await runQuery(runner, existingSources, { ids: [...citedSources].filter((id) => !definedSources.has(id)) });
  return { entities, retired, sources: new Set(sourceRows.map((row) => row.id as string)) };
}

/**
 * Entries whose id curation retired or merged: importing them would bring back, as a new
 * entity, what a curator took out (whose history is kept), so the import refuses them.
 */
function retiredProblems(graph: SeedGraph, retired: Map<string, string | null>): SeedProblem[] {
  const problems: SeedProblem[] = [];
  const files = { organizations: 'organizations.yaml', people: 'people.yaml', projects: 'projects.yaml', labels: 'labels.yaml', events: 'events.yaml' } as const;
  for (const [name, file] of Object.entries(files)) {
    for (const entity of graph[name as keyof typeof files]) {
      if (!retired.has(entity.id)) continue;
      const mergedInto = retired.get(entity.id);
      const reason = mergedInto ? `was merged into "${mergedInto}" through the API; edit that entry instead` : 'was retired through the API; restore it (restoreEntity) before importing it again';
      problems.push({ file, entry: entity.id, reason });
    }
  }
  return problems;
}

/** Relationships the folder gives another type than the stored one: a key keeps its type; a new type is a new key with `formerIds`. */
async function retypedProblems(runner: QueryRunner, graph: SeedGraph, batchSize: number): Promise<SeedProblem[]> {
  const problems: SeedProblem[] = [];
  for (let start = 0; start < graph.relationships.length; start += batchSize) {
    const rows = graph.relationships.slice(start, start + batchSize).map((relationship) => ({ id: relationship.id, type: relationship.type }));
    for (const row of await runQuery(runner, retypedRelationships, { rows })) {
      const id = row.id as string;
      problems.push({ file: 'relationships.yaml', entry: id, reason: `is stored as a ${row.stored as string} relationship; an import cannot change a relationship's type: give it a new id with formerIds: [${id}]` });
    }
  }
  return problems;
}

/** Relationships under a key an import retired: written, they would stand beside the one that key now leads to (or the one withdrawn). */
async function retiredRelationshipProblems(runner: QueryRunner, graph: SeedGraph, batchSize: number): Promise<SeedProblem[]> {
  const problems: SeedProblem[] = [];
  for (let start = 0; start < graph.relationships.length; start += batchSize) {
    const ids = graph.relationships.slice(start, start + batchSize).map((relationship) => relationship.id);
    for (const row of await runQuery(runner, retiredRelationshipKeys, { ids })) {
      const reason = row.replacedBy ? `was renamed to "${row.replacedBy as string}"; edit that entry instead` : `was withdrawn (${row.reason as string}); give the relationship a new id if a source now states it`;
      problems.push({ file: 'relationships.yaml', entry: row.id as string, reason });
    }
  }
  return problems;
}

/**
 * Entries that the folder would change and that were edited through the API since the import
 * last wrote them: writing them would silently undo a curator's edit (which the history
 * would not show as undone), so the import refuses them. An entry the folder leaves as the
 * import last wrote it is no problem: it is not written again.
 */
async function curatedProblems(runner: QueryRunner, rows: Record<EntityLabel, ImportRow[]>, relationships: Map<RelationshipTypeName, RelationshipSeed[]>, batchSize: number): Promise<SeedProblem[]> {
  const [changed] = await runQuery(runner, anyApiChange);
  if (!changed?.any) return [];
  const reason = (row: Record<string, unknown>) =>
    `was changed through the API since it was last imported (change ${row.sequence as number}); importing it would undo that edit: make the change through the API, or take the entry out of the folder`;
  const problems: SeedProblem[] = [];
  const check = async <T>(query: CypherQuery, file: string, checked: T[], toRow: (entry: T) => ImportRow) => {
    for (let start = 0; start < checked.length; start += batchSize) {
      const batch = checked.slice(start, start + batchSize).map(toRow).map((row) => ({ id: row.id, contentHash: row.props.contentHash }));
      for (const row of await runQuery(runner, query, { rows: batch })) problems.push({ file, entry: row.id as string, reason: reason(row) });
    }
  };
  for (const label of ENTITY_LABELS) await check(curatedEntities, `${pluralOf(label)}.yaml`, rows[label], (row) => row);
  for (const [type, ofType] of relationships) await check(curatedRelationships[type], 'relationships.yaml', ofType, relationshipRow);
  return problems;
}

/** What a batch writes, for its changes: a claim's change is an update of the entity it is about. */
interface Subject {
  kind: 'ENTITY' | 'RELATIONSHIP' | 'SOURCE';
  label: EntityLabel | null;
  claims?: boolean;
}

async function writeBatches<T>(
  runner: QueryRunner,
  origin: ImportOrigin,
  query: CypherQuery,
  subject: Subject,
  entries: T[],
  toRow: (entry: T) => ImportRow,
  batchSize: number,
  wrote: (count: number) => void,
): Promise<Tally> {
  const tally = emptyTally();
  for (let start = 0; start < entries.length; start += batchSize) {
    const entriesOfBatch = entries.slice(start, start + batchSize);
    const batch = entriesOfBatch.map(toRow);
    const renamed = subject.kind === 'RELATIONSHIP' ? formerKeysOf(entriesOfBatch as RelationshipSeed[]) : [];
    const result = await writeRecordedBatch(runner, origin, renamed.length > 0 ? [retireRelationships, query] : [query], async (run) => {
      // A renamed relationship's former key is retired in the transaction that writes the new one: no reader sees neither.
      const retiredRows = renamed.length > 0 ? await run(retireRelationships, { rows: renamed, at: new Date().toISOString() }) : [];
      const rows = await run(query, { rows: batch });
      return { result: { rows, retired: retiredRows.length }, changes: [...retiredChanges(retiredRows), ...changesOf(subject, batch, rows)] };
    });
    for (const row of result.rows) tally[row.outcome as Outcome] += row.count as number;
    if (result.retired > 0) tally.retired = (tally.retired ?? 0) + result.retired;
    wrote(batch.length);
  }
  return tally;
}

/** The stored keys a batch of relationships replaces (their former ids), as rows of retireRelationships. */
function formerKeysOf(relationships: RelationshipSeed[]): Row[] {
  return relationships.flatMap((relationship) =>
    (relationship.formerIds ?? []).map((former) => ({ id: former, replacedBy: relationship.id, reason: `renamed to "${relationship.id}"` })),
  );
}

/** Retires the stored relationships a folder withdraws, recording each; returns how many were stored. */
async function retireWithdrawn(runner: QueryRunner, origin: ImportOrigin, withdrawn: WithdrawnSeed[]): Promise<number> {
  if (withdrawn.length === 0) return 0;
  const rows = withdrawn.map((entry) => ({ id: entry.id, replacedBy: null, reason: entry.reason }));
  return writeRecordedBatch(runner, origin, [retireRelationships], async (run) => {
    const retired = await run(retireRelationships, { rows, at: new Date().toISOString() });
    return { result: retired.length, changes: retiredChanges(retired) };
  });
}

function retiredChanges(rows: Row[]): ImportedChange[] {
  return rows.map((row) => ({
    action: 'RETIRED',
    targetKind: 'RELATIONSHIP',
    target: row.id as string,
    fields: [],
    related: (row.replacedBy as string | null) ?? null,
    note: row.reason as string,
  }));
}

/** The feed's changes for a batch's written entries (`changed`: id and stored properties before, null when created). */
function changesOf(subject: Subject, batch: ImportRow[], rows: Row[]): ImportedChange[] {
  const byId = new Map(batch.map((row) => [row.id, row]));
  const changes: ImportedChange[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const written of row.changed as Array<{ id: string; before: Row | null }>) {
      if (subject.claims) {
        if (seen.has(written.id)) continue;
        seen.add(written.id);
        changes.push({ action: 'UPDATED', targetKind: 'ENTITY', target: written.id, fields: ['claims'] });
        continue;
      }
      const entry = byId.get(written.id)!;
      changes.push({
        action: written.before === null ? 'CREATED' : 'UPDATED',
        targetKind: subject.kind,
        target: written.id,
        fields: changedFields(subject.label, written.before, entry.props)
      });
    }
  }
  return changes;
}

function emptyTally(): Tally {
  return { created: 0, updated: 0, unchanged: 0 };
}

function addTally(into: Tally, add: Tally): void {
  for (const key of ['created', 'updated', 'unchanged'] as Outcome[]) into[key] += add[key];
  if (add.retired) into.retired = (into.retired ?? 0) + add.retired;
}

function pluralOf(label: EntityLabel): string {
  return { Organization: 'organizations', Person: 'people', Project: 'projects', Label: 'labels', Event: 'events' }[label];
}

