import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js';

import { buildWeb } from '../src/cli/buildWeb.js';
import { projectRoot } from '../src/database/projectRoot.js';
import { WEB_OUTPUT } from '../src/http/webRoutes.js';
import { importGraph } from '../src/ingest/graphWriter.js';
import { launchChromium, openPage } from '../test/helpers/browser.js';
import { freePort } from '../test/helpers/neo4jForTests.js';
import { openBenchDatabase } from './benchDatabase.js';
import { cpuByOwner, ownerOf, type CpuProfile } from './cpuProfile.js';
import { round } from './measure.js';
import { startServerProcess } from './processes.js';
import { syntheticGraph } from './syntheticGraph.js';

/**
 * `npx tsx bench/explorerRedraw.ts [--out name]`: how long the explorer takes, in a real
 * Chromium (WebGL on SwiftShader, as in the tests), from a user's action to a map that has
 * settled: the first map, a filter applied (one kind left out), the filter taken back, an ego
 * network opened. Beside each, how long the API took to answer (the request's own timing in
 * the page) and a measure of the layout it settled on: the mean length of a link over the mean
 * distance between two random nodes (lower: linked entities sit closer together than chance),
 * so that a faster layout is not bought with a worse one. Each step five times, on the seed
 * graph and on 1,000 synthetic organisations (the map's 500 best connected). Writes
 * bench/results/explorer-redraw-<name, or the date>.md (explorer-redraw.md tells the story of the runs).
 */
const log = (line: string) => process.stderr.write(`[explorer redraw] ${line}\n`);
const outArgument = process.argv.indexOf('--out');
const outName = `explorer-redraw-${outArgument > 0 ? process.argv[outArgument + 1] : new Date().toISOString().slice(0, 10)}`;
const REPEATS = 5;

interface Step {
  readyMs: number;
  apiMs: number;
  linkRatio: number;
  nodes: number;
}

/** Runs `action` in the page and resolves when the map says it is ready again, with the API's time and the layout's link ratio. */
async function timed(page: Page, action: string): Promise<Step> {
  return page.evaluate(async (actionText) => {
    const map = document.getElementById('map')!;
    const before = performance.getEntriesByType('resource').length;
    const start = performance.now();
    const ready = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        if (map.dataset.state === 'ready') {
          observer.disconnect();
          resolve(performance.now() - start);
        }
      });
      observer.observe(map, { attributes: true, attributeFilter: ['data-state'] });
    });
    new Function(actionText)();
    const readyMs = await ready;
    const requests = performance.getEntriesByType('resource').slice(before) as PerformanceResourceTiming[];
    const apiMs = requests.filter((entry) => entry.name.endsWith('/graphql')).reduce((longest, entry) => Math.max(longest, entry.responseEnd - entry.startTime), 0);
    const { graph } = (window as unknown as { explorer: { view: { graph: { forEachEdge(f: (e: string, a: unknown, s: string, t: string) => void): void; getNodeAttributes(n: string): { x: number; y: number }; nodes(): string[] } } } }).explorer.view;
    const distance = (a: string, b: string) => {
      const p = graph.getNodeAttributes(a);
      const q = graph.getNodeAttributes(b);
      return Math.hypot(p.x - q.x, p.y - q.y);
    };
    let linkTotal = 0;
    let links = 0;
    graph.forEachEdge((_edge, _attributes, source, target) => {
      linkTotal += distance(source, target);
      links += 1;
    });
    const nodes = graph.nodes();
    let pairTotal = 0;
    let pairs = 0;
    for (let index = 0; index < nodes.length; index += 1) {
      const other = nodes[(index * 7919 + 13) % nodes.length]!;
      if (other === nodes[index]) continue;
      pairTotal += distance(nodes[index]!, other);
      pairs += 1;
    }
    return { readyMs, apiMs, linkRatio: links && pairs ? linkTotal / links / (pairTotal / pairs) : Number.NaN, nodes: nodes.length };
  }, action);
}

/**
 * The page's main-thread CPU while `action` runs to a settled map, per package or folder: the
 * bundle's frames are read back to their sources through its source map (the layout worker
 * runs on its own thread and is not in it).
 */
async function profiled(page: Page, action: string): Promise<Array<{ owner: string; milliseconds: number }>> {
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
  await timed(page, action);
  const { profile } = (await session.send('Profiler.stop')) as unknown as { profile: CpuProfile & { nodes: Array<{ callFrame: { lineNumber: number; columnNumber: number } }> } };
  const sourceMap = new SourceMapConsumer(JSON.parse(readFileSync(join(WEB_OUTPUT, 'explorer', 'app.js.map'), 'utf8')) as RawSourceMap);
  for (const { callFrame } of profile.nodes) {
    if (!callFrame.url.endsWith('/app.js')) continue;
    const original = sourceMap.originalPositionFor({ line: callFrame.lineNumber + 1, column: callFrame.columnNumber });
    callFrame.url = original.source ? `/${original.source.replace(/^(\.\.\/)+/, '')}` : callFrame.url;
  }
  await session.detach();
  // Browser built-ins (WebGL calls above all) by name: "native" alone would hide which.
  return cpuByOwner(profile, 0, (url, functionName) => (!url && !functionName.startsWith('(') ? `browser: ${functionName}` : ownerOf(url, functionName)));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const steps: Array<{ name: string; action: string }> = [
  {
    name: 'filter applied (organisations and projects only)',
    action: "for (const kind of ['ORGANIZATION', 'PROJECT']) document.querySelector(`input[name=kind][value=${kind}]`).checked = true; document.querySelector('#filters button[type=submit]').click();",
  },
  {
    name: 'filter taken back (all kinds)',
    action: "for (const box of document.querySelectorAll('input[name=kind]')) box.checked = false; document.querySelector('#filters button[type=submit]').click();",
  },
];

async function measure(url: string, egoKey: string): Promise<{ results: Array<{ name: string; runs: Step[] }>; profile: Array<{ owner: string; milliseconds: number }> }> {
  const browser = await launchChromium();
  try {
    const results: Array<{ name: string; runs: Step[] }> = [{ name: 'first map', runs: [] }, ...steps.map(({ name }) => ({ name, runs: [] as Step[] })), { name: 'ego network opened (depth 2)', runs: [] }];
    for (let repeat = 0; repeat < REPEATS; repeat += 1) {
      const { page } = await openPage(browser, url);
      // tsx keeps function names with a helper the page does not have: give it one.
      await page.addInitScript({ content: 'window.__name = (f) => f;' });
      // The first map: from the start of navigation to the first ready state, read in the page.
      await page.addInitScript(() => {
        const observer = new MutationObserver(() => {
          const map = document.getElementById('map');
          if (map?.dataset.state === 'ready') {
            (window as unknown as { firstReadyMs: number }).firstReadyMs = performance.now();
            observer.disconnect();
          }
        });
        observer.observe(document, { attributes: true, subtree: true, attributeFilter: ['data-state'] });
      });
      await page.goto(`${url}/explore`);
      await page.waitForSelector('#map[data-state=ready]', { timeout: 60_000 });
      results[0]!.runs.push(
        await page.evaluate(() => {
          const graphql = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((entry) => entry.name.endsWith('/graphql'));
          return { readyMs: (window as unknown as { firstReadyMs: number }).firstReadyMs, apiMs: Math.max(0, ...graphql.map((entry) => entry.responseEnd - entry.startTime)), linkRatio: Number.NaN, nodes: Number(document.getElementById('map')!.dataset.nodes) };
        }),
      );
      for (const [index, step] of steps.entries()) results[index + 1]!.runs.push(await timed(page, step.action));
      results.at(-1)!.runs.push(await timed(page, `document.getElementById('ego-show').disabled = false; window.explorer.state.node = ${JSON.stringify(egoKey)}; document.getElementById('ego-show').click();`));
      await page.close();
      log(`run ${repeat + 1}/${REPEATS}: ${results.map(({ runs }) => `${round(runs.at(-1)!.readyMs)} ms, ${runs.at(-1)!.nodes} nodes, ratio ${round(runs.at(-1)!.linkRatio)}`).join('; ')}`);
    }
    // One more filter applied, profiled.
    const { page } = await openPage(browser, url);
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.goto(`${url}/explore`);
    await page.waitForSelector('#map[data-state=ready]', { timeout: 60_000 });
    const profile = await profiled(page, steps[0]!.action);
    await page.close();
    return { results, profile };
  } finally {
    await browser.close();
  }
}

await buildWeb();
const database = await openBenchDatabase({ heap: '1g', pageCacheMiB: 512 });
const lines = [
  `# The explorer's redraw, ${new Date().toISOString().slice(0, 10)}`,
  '',
  '`npx tsx bench/explorerRedraw.ts`: from a user\'s action to a settled map (`#map[data-state=ready]`) in headless Chromium (WebGL on SwiftShader), median of five; the API\'s answer time as the page saw it; the layout\'s mean link length over the mean distance of two random nodes (lower is tighter).',
  '',
];
try {
  for (const size of ['seed graph', '1,000 organisations'] as const) {
    if (size === '1,000 organisations') {
      log('importing 1,000 synthetic organisations');
      await importGraph({ db: database.db }, syntheticGraph({ organizations: 1_000, relationships: 10_000, seed: 42 }));
    }
    const port = await freePort();
    const settings = { ...database.environment, HOST: '127.0.0.1', PORT: String(port), SEED_ON_START: size === 'seed graph' ? 'true' : 'false', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'silent', NODE_ENV: 'production' };
    const api = await startServerProcess('src/main.ts', settings, /API ready at/);
    try {
      log(size);
      const { results, profile } = await measure(`http://127.0.0.1:${port}`, size === 'seed graph' ? 'university-of-montpellier' : 'org-1');
      lines.push(`## ${size}`, '', '| step | nodes | ready ms (median) | API ms (median) | link length / random distance |', '| --- | ---: | ---: | ---: | ---: |');
      for (const { name, runs } of results) {
        const ratio = median(runs.map((run) => run.linkRatio));
        lines.push(`| ${name} | ${runs[0]!.nodes} | ${round(median(runs.map((run) => run.readyMs)))} | ${round(median(runs.map((run) => run.apiMs)))} | ${Number.isFinite(ratio) ? round(ratio) : '(still moving: see the next steps)'} |`);
      }
      const total = profile.reduce((sum, part) => sum + part.milliseconds, 0);
      lines.push('', `The page's main thread while a filter is applied (profiled once, ${round(total)} ms of CPU, idle left out):`, '', '| part of the page | CPU ms | share |', '| --- | ---: | ---: |');
      for (const { owner, milliseconds } of profile.slice(0, 12)) lines.push(`| ${owner} | ${round(milliseconds)} | ${Math.round((milliseconds / total) * 100)} % |`);
      lines.push('');
    } finally {
      await api.stop();
    }
  }
} finally {
  await database.close();
}
const file = join(projectRoot, 'bench', 'results', `${outName}.md`);
writeFileSync(file, `${lines.join('\n')}\n`);
log(`wrote ${file}`);
