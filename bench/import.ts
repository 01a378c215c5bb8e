import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { projectRoot } from '../src/database/projectRoot.js';
import { importGraph } from '../src/ingest/graphWriter.js';
import { openBenchDatabase } from './benchDatabase.js';
import { syntheticGraph } from './syntheticGraph.js';

/**
 * `npm run bench:import -- --organizations 100000 --relationships 1000000`: imports a
 * synthetic graph twice (first run creates, second finds everything unchanged) and writes
 * the timings to bench/results/import-<organizations>.json.
 */
const { values } = parseArgs({
  options: {
    organizations: { type: 'string', default: '100000' },
    relationships: { type: 'string' },
    seed: { type: 'string', default: '42' },
  },
});
const organizations = Number(values.organizations);
const relationships = Number(values.relationships ?? organizations * 10);
const graph = syntheticGraph({ organizations, relationships, seed: Number(values.seed) });
const { db, close } = await openBenchDatabase();
try {
  const timed = async () => {
    const started = performance.now();
    const report = await importGraph({ db }, graph);
    return { seconds: Math.round((performance.now() - started) / 100) / 10, report };
  };
  const create = await timed();
  console.log(`created in ${create.seconds} s`, create.report.relationships);
  const again = await timed();
  console.log(`re-imported (unchanged) in ${again.seconds} s`, again.report.relationships);
  const result = {
    date: new Date().toISOString(),
    organizations,
    projects: graph.projects.length,
    relationships,
    createSeconds: create.seconds,
    unchangedSeconds: again.seconds,
    relationshipsPerSecond: Math.round(relationships / create.seconds),
    machine: 'see README (2 cores, embedded Neo4j, 4g heap, 2 GiB page cache unless BENCH_HEAP/BENCH_PAGECACHE_MIB)',
  };
  const file = join(projectRoot, 'bench', 'results', `import-${organizations}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${file}`);
} finally {
  await close();
}
