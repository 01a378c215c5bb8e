/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions themselves */
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/database/projectRoot.js';
import { importCordis } from '../../src/ingest/cordis/importCordis.js';
import { SCREENSHOTS, useExplorer } from '../helpers/browser.js';
import { ADMIN_TOKEN } from '../helpers/curation.js';
import { removeDatasetTestData } from '../helpers/datasetTraces.js';
import { useTestApi } from '../helpers/testApi.js';

/**
 * The review queue in the explorer, in a real browser: a curator reads the records that wait
 * (what each says, its source, its candidates with the reason), cannot decide without a key,
 * enters one, accepts a candidate and creates a new organisation; each decision is written at
 * once, as the API then shows.
 */
const api = useTestApi({ ADMIN_API_KEY: ADMIN_TOKEN, RATE_LIMIT_PER_MINUTE: '0' });
const explorer = useExplorer(api);

afterAll(async () => {
  if (api.current) await removeDatasetTestData(api.current.db);
});

describe('the review queue in the explorer', () => {
  it('shows each waiting record with its source and candidates, and writes a curator\'s decisions at once', async () => {
    // A CORDIS export written for the tests: Inria under its legal name and a CIRAD named only by a near acronym wait for a curator.
    await importCordis({ db: api.current.db }, join(projectRoot, 'test', 'fixtures', 'cordis', 'release-1'));
    const { data } = await api.current.graphql<any>('{ pendingMatches(first: 20) { totalCount nodes { id record } } }');
    expect(data.pendingMatches.totalCount).toBe(2);

    const { page, problems } = await explorer.open('?lang=en');
    await page.click('#review-open');
    await page.waitForSelector('#panel .review-list > li.review');
    expect(await page.getAttribute('#panel', 'data-reviews')).toBe('2');
    expect(await page.locator('#panel .review-list > li.review').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.id))).toEqual(
      data.pendingMatches.nodes.map((node: any) => node.id),
    );
    const inriaRecord = page.locator('#panel li.review[data-id="cordis:999000002"]');
    expect(await inriaRecord.locator('h4').textContent()).toBe('INSTITUT NATIONAL DE RECHERCHE EN INFORMATIQUE ET AUTOMATIQUE');
    expect(await inriaRecord.locator('.record').textContent()).toContain('INRIA');
    expect(await inriaRecord.locator('.sources li').textContent()).toContain('project 100000001 / organisation 999000002');
    expect(await inriaRecord.locator('.candidates li[data-key="inria"] .why').textContent()).toMatch(/^\d+ % similar: /);

    // Without a key, nothing is decided: the page says what is missing.
    await inriaRecord.locator('.candidates li[data-key="inria"] button.accept').click();
    await expect.poll(() => inriaRecord.locator('.review-message').textContent()).toContain("curator's API key");
    expect((await api.current.graphql<any>('{ pendingMatches { totalCount } }')).data.pendingMatches.totalCount).toBe(2);

    // With the key: accept Inria, then create an organisation for the other record.
    await page.fill('#review-key', ADMIN_TOKEN);
    await inriaRecord.locator('.review-note').fill('The PIC of Inria.');
    await inriaRecord.locator('.candidates li[data-key="inria"] button.accept').click();
    await page.waitForSelector('#panel li.review[data-id="cordis:999000002"][data-status=ACCEPTED]');
    expect(await inriaRecord.locator('.review-decided').textContent()).toContain('Inria');
    const other = page.locator('#panel li.review[data-id="cordis:999000009"]');
    await other.locator('button.create').click();
    await page.waitForSelector('#panel li.review[data-id="cordis:999000009"][data-status=CREATED]');
    expect(await page.getAttribute('#panel', 'data-reviews')).toBe('0');
    await page.screenshot({ path: join(SCREENSHOTS, 'explorer-review-queue.png') });

    // Written at once: Inria holds the record's PIC and its project; the new organisation exists.
    const after = await api.current.graphql<any>(`{
      inria: organization(key: "inria") { cordisId projects(first: 50) { edges { node { key } } } }
      created: organization(key: "cordis-org-999000009") { name }
      decided: pendingMatches(status: ACCEPTED) { nodes { id decidedBy } }
    }`);
    expect(after.data.inria.cordisId).toBe('999000002');
    expect(after.data.inria.projects.edges.map((edge: any) => edge.node.key)).toContain('cordis-100000001');
    expect(after.data.created).not.toBeNull();
    expect(after.data.decided.nodes).toEqual([{ id: 'cordis:999000002', decidedBy: expect.stringContaining('ADMIN_API_KEY') }]);
    expect(problems).toEqual([]);

    // In French, the queue's words are French.
    const french = (await explorer.open('?lang=fr')).page;
    await french.click('#review-open');
    await french.waitForSelector('#panel .review-count');
    await expect.poll(() => french.textContent('#panel .review-count')).toBe('Aucun enregistrement en attente de décision.');
    expect(await french.textContent('#panel h3')).toBe('File de vérification (curateurs)');
  });
});
