/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions themselves */
import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/database/projectRoot.js';
import { importOpenAlex } from '../../src/ingest/openalex/importOpenAlex.js';
import { SCREENSHOTS, useExplorer } from '../helpers/browser.js';
import { removeDatasetTestData } from '../helpers/datasetTraces.js';
import { useTestApi } from '../helpers/testApi.js';

/**
 * The explorer's co-publication network, in a real browser, over the seed graph plus the
 * OpenAlex test fixture (imported here, removed afterwards). What the page shows is compared
 * with what the API answers for the same question.
 */
const api = useTestApi({ RATE_LIMIT_PER_MINUTE: '0' });
const FIXTURES = join(projectRoot, 'test', 'fixtures', 'openalex');
const explorer = useExplorer(api);
const openExplorer = async (search: string): Promise<Page> => (await explorer.open(search)).page;

beforeAll(async () => {
  await importOpenAlex({ db: api.current.db }, [join(FIXTURES, 'snapshot'), join(FIXTURES, 'api', 'works-page-1.json')]);
}, 120_000);

afterAll(async () => {
  if (api.current) await removeDatasetTestData(api.current.db);
});

async function coPublicationMap(): Promise<{ nodes: string[]; edges: number }> {
  const { data } = await api.current.graphql<any>('{ ecosystemMap(filter: { types: [CO_PUBLISHED_WITH] }, limit: 500) { nodes { entity { key } } edges { key } } }');
  return { nodes: data.ecosystemMap.nodes.map((node: any) => node.entity.key).sort(), edges: data.ecosystemMap.edges.length };
}

const shownKeys = (page: Page) => page.locator('#node-list button').evaluateAll((buttons) => buttons.map((button) => (button as HTMLElement).dataset.key!).sort());

describe('the co-publication network in the explorer', () => {
  it('switches the map to co-publication links, kept in the URL and in the exports', async () => {
    const page = await openExplorer('');
    const whole = Number(await page.getAttribute('#map', 'data-nodes'));
    await page.selectOption('#network', 'copub');
    await page.click('#filters button[type=submit]');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('network') === 'copub');
    await page.waitForSelector('#map[data-state=ready]');
    const expected = await coPublicationMap();
    expect(expected.nodes.length).toBeGreaterThan(3);
    expect(expected.nodes.length).toBeLessThan(whole);
    expect(await shownKeys(page)).toEqual(expected.nodes);
    expect(Number(await page.getAttribute('#map', 'data-edges'))).toBe(expected.edges);
    expect(await page.getAttribute('#export-gexf', 'href')).toContain('types=CO_PUBLISHED_WITH');
    await page.close();
  });

  it('shows a pair’s works per year as a chart, with example works linked, from a click on the link or from the panel', async () => {
    const { data } = await api.current.graphql<any>(`{ coPublications(organization: "cirad", first: 20) { edges { node { organization { key }
      relationship { key } coPublication { works byYear { year works } examples { id title doi } } } } } }`);
    const withUm = data.coPublications.edges.map((edge: any) => edge.node).find((node: any) => node.organization.key === 'university-of-montpellier');

    // A click on the link between CIRAD and the University of Montpellier.
    const page = await openExplorer('?network=copub&lang=fr');
    const box = (await page.locator('#map').boundingBox())!;
    const point = await page.evaluate(
      (key) => (window as unknown as { explorer: { view: { edgeViewportPoint(key: string): { x: number; y: number } | null } } }).explorer.view.edgeViewportPoint(key),
      withUm.relationship.key,
    );
    expect(point).not.toBeNull();
    await page.mouse.click(box.x + point!.x, box.y + point!.y);
    await page.waitForSelector(`#panel[data-pair="${withUm.relationship.key}"]`);

    const bars = await page.locator('#panel svg.year-chart rect').evaluateAll((rects) =>
      rects.map((rect) => ({ year: Number(rect.getAttribute('data-year')), works: Number(rect.getAttribute('data-works')) })).filter((bar) => bar.works > 0),
    );
    expect(bars).toEqual(withUm.coPublication.byYear);
    expect(await page.getAttribute('#panel svg.year-chart', 'aria-label')).toContain('Publications en commun par année');
    expect(await page.textContent('#panel')).toContain(`${withUm.coPublication.works} publications en commun`);
    const links = await page.locator('#panel ul.works li > a:first-child').evaluateAll((anchors) => anchors.map((anchor) => [anchor.textContent, (anchor as HTMLAnchorElement).href]));
    expect(links).toEqual(withUm.coPublication.examples.map((work: any) => [work.title, `https://doi.org/${work.doi}`]));
    await page.screenshot({ path: join(SCREENSHOTS, 'explorer-copublications.png') });

    // The same pair from CIRAD's panel.
    await page.locator('#panel h3 button', { hasText: 'CIRAD' }).click();
    await expect.poll(() => page.getAttribute('#panel', 'data-entity')).toBe('cirad');
    await page.click(`#panel button.pair[data-relationship="${withUm.relationship.key}"]`);
    await page.waitForSelector(`#panel[data-pair="${withUm.relationship.key}"] svg.year-chart`);
    await page.close();
  });
});
