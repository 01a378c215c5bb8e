import type { QueryRunner } from '../database/runQuery.js';
import { runTransaction, streamInTransaction } from '../database/runQuery.js';
import type { EntityRecord, RelationshipRecord } from '../domains/entity/entity.model.js';
import type { EntityLabel, RelationshipTypeName } from '../domains/entity/relationshipTypes.js';
import { adjacencyNodes, adjacencyRelationships, graphVersion } from './network.cypher.js';
import type { EgoFilter } from './network.repository.js';

/**
 * The graph's structure in memory, per data version: every entity (key, label, sort name) and
 * every relationship between entities (key, type, ends, the days it holds, whether a source
 * dates it), in typed arrays. Ego networks and maps walk it instead of expanding relationships
 * in Neo4j, as Neo4j's graph-data-science library projects a graph before its algorithms; what
 * they show of entities and relationships (names, sources...) is still read from Neo4j, by key.
 *
 * It answers exactly as the Cypher of network.cypher.ts (egoStep, egoReachesBeyond,
 * relationshipsAmong): the same filters, and each entity's relationships in the same order
 * (type, then the other end's sort name, then the relationship's key), kept sorted once here.
 * test/integration/adjacency.test.ts compares the two on generated graphs, after writes too.
 */
export class Adjacency {
  private readonly index = new Map<string, number>();
  /** Each entity's relationships (both directions), as indices into the relationship arrays, in egoStep's order. */
  private readonly incidentStart: Int32Array;
  private readonly incident: Int32Array;
  /** Each entity's outgoing relationships. */
  private readonly outgoingStart: Int32Array;
  private readonly outgoing: Int32Array;

  private constructor(
    /** The data version it was read at (read before the graph: never newer than the data it holds). */
    readonly version: number,
    private readonly ids: string[],
    private readonly labels: Uint8Array,
    private readonly relationshipIds: string[],
    private readonly from: Int32Array,
    private readonly to: Int32Array,
    private readonly types: Uint8Array,
    /** First and last day held, as yyyymmdd (0: open); whether a source dates it (TimeSlice.datedOnly). */
    private readonly heldFrom: Int32Array,
    private readonly heldTo: Int32Array,
    private readonly dated: Uint8Array,
    private readonly typeNames: string[],
    sortNames: Array<string | null>,
  ) {
    ids.forEach((id, position) => this.index.set(id, position));
    const count = ids.length;
    const relationships = from.length;
    this.outgoingStart = new Int32Array(count + 1);
    this.incidentStart = new Int32Array(count + 1);
    for (let r = 0; r < relationships; r += 1) {
      this.outgoingStart[from[r]! + 1]! += 1;
      this.incidentStart[from[r]! + 1]! += 1;
      this.incidentStart[to[r]! + 1]! += 1;
    }
    for (let n = 0; n < count; n += 1) {
      this.outgoingStart[n + 1]! += this.outgoingStart[n]!;
      this.incidentStart[n + 1]! += this.incidentStart[n]!;
    }
    this.outgoing = new Int32Array(relationships);
    this.incident = new Int32Array(relationships * 2);
    const outgoingFill = this.outgoingStart.slice(0, count);
    const incidentFill = this.incidentStart.slice(0, count);
    for (let r = 0; r < relationships; r += 1) {
      this.outgoing[outgoingFill[from[r]!]!++] = r;
      this.incident[incidentFill[from[r]!]!++] = r;
      // A relationship of an entity to itself is listed once (Cypher's undirected pattern finds it once).
      if (to[r] !== from[r]) this.incident[incidentFill[to[r]!]!++] = r;
    }
    // egoStep's order: type, the other end's sort name (null last), the relationship's key; as Cypher compares strings.
    const compare = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
    for (let n = 0; n < count; n += 1) {
      const start = this.incidentStart[n]!;
      const end = incidentFill[n]!;
      if (end - start < 2) continue;
      const other = (r: number) => (from[r] === n ? to[r]! : from[r]!);
      const sorted = Array.from(this.incident.subarray(start, end)).sort(
        (a, b) => compare(typeNames[types[a]!]!, typeNames[types[b]!]!) || compare(sortNames[other(a)]!, sortNames[other(b)]!) || compare(relationshipIds[a]!, relationshipIds[b]!),
      );
      this.incident.set(sorted, start);
    }
    // Self-relationships listed once leave the end of a list unused: the lists end where they were filled.
    this.incidentEnd = incidentFill;
  }

  private readonly incidentEnd: Int32Array;

  /** Reads the graph's structure, the version first (so that it never claims data newer than it holds), streaming its rows into typed arrays. */
  static async read(runner: QueryRunner): Promise<Adjacency> {
    return runTransaction(
      runner,
      'READ',
      async (tx) => {
        let version = 0;
        await streamInTransaction(tx, graphVersion, {}, (get) => {
          version = Number(get('version') ?? 0);
        });
        const ids: string[] = [];
        const labels: number[] = [];
        const sortNames: Array<string | null> = [];
        await streamInTransaction(tx, adjacencyNodes, {}, (get) => {
          ids.push(get('id') as string);
          labels.push(LABELS.indexOf(get('label') as EntityLabel));
          sortNames.push((get('sortName') as string | null) ?? null);
        });
        const index = new Map(ids.map((id, position) => [id, position]));
        const typeNames: string[] = [];
        const typeCode = new Map<string, number>();
        // Typed arrays that grow as rows come: a million relationships never sit in plain arrays of numbers.
        const relationshipIds: string[] = [];
        const from = new Growing(Int32Array);
        const to = new Growing(Int32Array);
        const types = new Growing(Uint8Array);
        const heldFrom = new Growing(Int32Array);
        const heldTo = new Growing(Int32Array);
        const dated = new Growing(Uint8Array);
        await streamInTransaction(tx, adjacencyRelationships, {}, (get) => {
          const a = index.get(get('fromId') as string);
          const b = index.get(get('toId') as string);
          if (a === undefined || b === undefined) return;
          const type = get('type') as string;
          let code = typeCode.get(type);
          if (code === undefined) {
            code = typeNames.push(type) - 1;
            typeCode.set(type, code);
          }
          relationshipIds.push(get('id') as string);
          from.push(a);
          to.push(b);
          types.push(code);
          heldFrom.push(dayNumber(get('heldFrom') as string | null));
          heldTo.push(dayNumber(get('heldTo') as string | null));
          dated.push(get('dated') ? 1 : 0);
        });
        return new Adjacency(version, ids, Uint8Array.from(labels), relationshipIds, from.done(), to.done(), types.done(), heldFrom.done(), heldTo.done(), dated.done(), typeNames, sortNames);
      },
      [graphVersion, adjacencyNodes, adjacencyRelationships],
    );
  }

  get entityCount(): number {
    return this.ids.length;
  }

  get relationshipCount(): number {
    return this.from.length;
  }

  /** Whether relationship r passes the filters on relationships (types, the slice of time). */
  private passes(r: number, types: Set<number> | null, asOf: number, datedOnly: boolean): boolean {
    if (types && !types.has(this.types[r]!)) return false;
    if (asOf && ((this.heldFrom[r]! && this.heldFrom[r]! > asOf) || (this.heldTo[r]! && this.heldTo[r]! < asOf))) return false;
    return !datedOnly || this.dated[r] === 1;
  }

  private typeSet(types: readonly string[] | null): Set<number> | null {
    if (!types) return null;
    return new Set(types.flatMap((type) => {
      const code = this.typeNames.indexOf(type);
      return code < 0 ? [] : [code];
    }));
  }

  private labelSet(labels: readonly EntityLabel[] | null): Set<number> | null {
    return labels ? new Set(labels.map((label) => LABELS.indexOf(label))) : null;
  }

  /** egoStep: for each of `ids`, the keys at the other ends of at most `cap` matching relationships leading outside `kept`, in its order. */
  step(ids: readonly string[], cap: number, kept: readonly string[], filter: EgoFilter): string[][] {
    const keptSet = new Set(kept);
    const types = this.typeSet(filter.types);
    const labels = this.labelSet(filter.labels);
    const asOf = dayNumber(filter.asOf);
    return ids.map((id) => {
      const n = this.index.get(id);
      if (n === undefined) return [];
      const others: string[] = [];
      for (let i = this.incidentStart[n]!; i < this.incidentEnd[n]! && others.length < cap; i += 1) {
        const r = this.incident[i]!;
        const m = this.from[r] === n ? this.to[r]! : this.from[r]!;
        const other = this.ids[m]!;
        if (keptSet.has(other) || (labels && !labels.has(this.labels[m]!)) || !this.passes(r, types, asOf, filter.datedOnly)) continue;
        others.push(other);
      }
      return others;
    });
  }

  /** egoReachesBeyond: whether any of `ids` has a matching relationship to an entity outside `kept`. */
  reachesBeyond(ids: readonly string[], kept: readonly string[], filter: EgoFilter): boolean {
    return this.step(ids, 1, kept, filter).some((others) => others.length > 0);
  }

  /**
   * relationshipsAmong without properties: the entities of `ids` that exist (key and label), and
   * the matching relationships between two of them (key, type and ends), each once.
   */
  among(ids: readonly string[], filter: Pick<EgoFilter, 'types' | 'asOf' | 'datedOnly'>): { entities: EntityRecord[]; relationships: RelationshipRecord[] } {
    const members = new Set<number>();
    const entities: EntityRecord[] = [];
    for (const id of ids) {
      const n = this.index.get(id);
      if (n === undefined || members.has(n)) continue;
      members.add(n);
      entities.push({ id, label: LABELS[this.labels[n]!]! } as EntityRecord);
    }
    const types = this.typeSet(filter.types);
    const asOf = dayNumber(filter.asOf);
    const relationships: RelationshipRecord[] = [];
    for (const n of members) {
      for (let i = this.outgoingStart[n]!; i < this.outgoingStart[n + 1]!; i += 1) {
        const r = this.outgoing[i]!;
        if (!members.has(this.to[r]!) || !this.passes(r, types, asOf, filter.datedOnly)) continue;
        relationships.push({ id: this.relationshipIds[r]!, type: this.typeNames[this.types[r]!] as RelationshipTypeName, fromId: this.ids[n]!, toId: this.ids[this.to[r]!]! } as RelationshipRecord);
      }
    }
    return { entities, relationships };
  }
}

const LABELS: readonly EntityLabel[] = ['Organization', 'Person', 'Project', 'Label', 'Event'];

/** A typed array filled one value at a time, doubling its room when full; `done` gives the values, at their size. */
class Growing<T extends Int32Array | Uint8Array> {
  private values: T;
  private size = 0;

  constructor(private readonly kind: { new (length: number): T }) {
    this.values = new kind(1024);
  }

  push(value: number): void {
    if (this.size === this.values.length) {
      const larger = new this.kind(this.values.length * 2);
      larger.set(this.values);
      this.values = larger;
    }
    this.values[this.size++] = value;
  }

  done(): T {
    return this.values.slice(0, this.size) as T;
  }
}

/** `2024-06-01` as 20240601; 0 for none. */
function dayNumber(day: string | null | undefined): number {
  return day ? Number(day.slice(0, 10).replace(/-/g, '')) : 0;
}
