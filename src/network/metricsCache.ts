import { LRUCache } from 'lru-cache';

import type { Database } from '../database/database.js';
import type { QueryRunner } from '../database/runQuery.js';
import { Adjacency } from './adjacency.js';
import { computeMetrics, computePartnershipMetrics, type GraphMetrics, type PartitionOptions } from './analytics.js';
import { NOW, type EvidenceKind, type TimeSlice } from './network.model.js';
import { findGraphVersion, findPartnershipGraph, findWholeGraph, type PartnerRanking } from './network.repository.js';

/** The graphs metrics are computed on (docs/method.md): every entity and relationship, or the organisations' partnerships (all evidence, or co-publications alone). */
export type MeasuredNetwork = 'WHOLE_GRAPH' | 'PARTNERSHIPS' | 'CO_PUBLICATIONS';
const EVIDENCE_OF: Record<Exclude<MeasuredNetwork, 'WHOLE_GRAPH'>, EvidenceKind[] | null> = { PARTNERSHIPS: null, CO_PUBLICATIONS: ['CO_PUBLICATION'] };

/**
 * Graph metrics computed once per data version and shared by all requests of the process.
 * Each use costs one small read (the version); the whole graph is read and the metrics
 * recomputed only when an import or edit has bumped the version. Concurrent requests that
 * find the cache stale share one computation.
 */
export class MetricsCache {
  /** Map rankings (the most connected entities of a filter), by filter and limit; the least recently used go first. */
  private rankings = new LRUCache<string, MapRanking>({ max: MAX_RANKINGS });
  /** Partner rankings of organisations with many partners (partnerRanking.ts), bounded by their size. */
  private partnerRankings = new LRUCache<string, PartnerRanking>({ maxSize: PARTNER_RANKINGS_BYTES, sizeCalculation: (ranking) => 64 + ranking.ids.length * 48 });
  /** The whole graph's metrics as it is now: what maps, rankings and exports read most; kept apart so that other variants never push it out. */
  private whole: MetricsSlot | null = null;
  /** Other networks', days' and partitions' metrics, by variant; the least recently used go first. */
  private projected = new LRUCache<string, MetricsSlot>({ max: MAX_PROJECTIONS });
  computations = 0;
  /** The graph's structure in memory (adjacency.ts) at the version it was read, and the read under way, if any (one at a time). */
  private structure: Adjacency | null = null;
  private reading: Promise<Adjacency> | null = null;
  /** How many times the structure was read, and how long the last read took. */
  structureReads = 0;
  private lastReadSeconds: number | null = null;

  /** The whole graph's metrics at the current data version. */
  get(runner: QueryRunner): Promise<GraphMetrics> {
    return this.of(runner, 'WHOLE_GRAPH');
  }

  /**
   * The metrics of one of the measured networks at the current data version, as it is now or in
   * a slice of time (only the relationships held on its day, or dated; entities are all kept).
   * Each variant is computed once per version; concurrent requests share the computation, and a
   * failed one is not kept (the next request tries again).
   */
  async of(runner: QueryRunner, network: MeasuredNetwork, slice: TimeSlice = NOW, partition: PartitionOptions = {}): Promise<GraphMetrics> {
    const version = await findGraphVersion(runner);
    const { asOf, datedOnly } = slice;
    const standard = network === 'WHOLE_GRAPH' && asOf === null && !datedOnly && (partition.resolution ?? 1) === 1 && partition.weighted !== false;
    const key = standard ? null : `${network}|${asOf ?? ''}|${datedOnly}|${partition.resolution ?? 1}|${partition.weighted ?? true}`;
    const slotOf = () => (key === null ? this.whole : this.projected.get(key));
    const keep = (slot: MetricsSlot | null) => {
      if (key === null) this.whole = slot;
      else if (slot) this.projected.set(key, slot);
      else this.projected.delete(key);
    };
    const known = slotOf();
    if (known?.version === version) return known.promise;
    const promise = (
      network === 'WHOLE_GRAPH'
        ? findWholeGraph(runner, slice).then((graph) => computeMetrics(graph, partition))
        : findPartnershipGraph(runner, EVIDENCE_OF[network], slice).then((graph) => computePartnershipMetrics(graph, partition))
    ).then((metrics) => {
      this.computations += 1;
      return metrics;
    });
    keep({ version, promise });
    promise.catch(() => {
      if (slotOf()?.promise === promise) keep(null);
    });
    return promise;
  }

  /**
   * The graph's structure in memory at `version` (the current data version, read by the caller),
   * or null when it is not there: then a read of it starts in the background (one at a time, never
   * waited for by a request), and the caller answers with Cypher meanwhile. A structure is never
   * handed out for a version other than its own.
   */
  structureAt(db: Database, version: number): Adjacency | null {
    if (this.structure?.version === version) return this.structure;
    void this.readStructure(db).catch(() => {});
    return null;
  }

  /** The structure at the current data version, read now if needed (tests and benchmarks, which compare it with Cypher). */
  async structureNow(runner: QueryRunner): Promise<Adjacency> {
    for (;;) {
      const version = await findGraphVersion(runner);
      if (this.structure?.version === version) return this.structure;
      await this.readStructure(runner.db);
    }
  }

  /** What /metrics says of the structure: its version (null: none yet), reads, the last read's time, its size. */
  structureState(): StructureState {
    return { version: this.structure?.version ?? null, reads: this.structureReads, lastReadSeconds: this.lastReadSeconds, relationships: this.structure?.relationshipCount ?? 0 };
  }

  private readStructure(db: Database): Promise<Adjacency> {
    const started = performance.now();
    // A read that never ends (a hung database) must not keep every later one from starting.
    this.reading ??= Adjacency.read({ db, signal: AbortSignal.timeout(STRUCTURE_READ_TIMEOUT_MS) })
      .then((read) => {
        this.structureReads += 1;
        this.lastReadSeconds = (performance.now() - started) / 1000;
        // A slower read of an older version never replaces a newer one.
        if (!this.structure || read.version >= this.structure.version) this.structure = read;
        return read;
      })
      .finally(() => {
        this.reading = null;
      });
    return this.reading;
  }

  /** The ranking of a map filter read earlier, whatever the version it was read at (callers compare). */
  ranking(key: string): MapRanking | undefined {
    return this.rankings.get(key);
  }

  keepRanking(key: string, ranking: MapRanking): void {
    this.rankings.set(key, ranking);
  }

  /** The partner ranking of a question read earlier, whatever the version it was read at (callers compare). */
  partnerRanking(key: string): PartnerRanking | undefined {
    return this.partnerRankings.get(key);
  }

  keepPartnerRanking(key: string, ranking: PartnerRanking): void {
    this.partnerRankings.set(key, ranking);
  }
}

/** The graph's structure in memory as /metrics gives it. */
export interface StructureState {
  version: number | null;
  reads: number;
  lastReadSeconds: number | null;
  relationships: number;
}

/** Metrics computed (or being computed) at a data version. */
interface MetricsSlot {
  version: number;
  promise: Promise<GraphMetrics>;
}

/** How long a read of the graph's structure may take (100,000 organisations: a few seconds). */
const STRUCTURE_READ_TIMEOUT_MS = 120_000;
/** How many networks' or days' metrics are kept beside the whole graph's (each holds a ranking of every entity measured). */
const MAX_PROJECTIONS = 12;
/** How many map rankings are kept (filters differ by kinds, themes, labels and limit). */
const MAX_RANKINGS = 100;
/** About what the partner rankings may hold (a ranking of 20,000 partners takes about 1 MiB). */
const PARTNER_RANKINGS_BYTES = 32 * 1024 * 1024;

/** The keys of the most connected entities of a map filter, best first, at a data version. */
export interface MapRanking {
  version: number;
  ids: string[];
}
