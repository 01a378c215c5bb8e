/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions themselves */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { SCREENSHOTS, useExplorer } from '../helpers/browser.js';
import { useTestApi } from '../helpers/testApi.js';

/**
 * The explorer's consortium builder, in a real browser: a bid writer picks three members by
 * name, reads what they did together and the candidates with their sources, adds a candidate
 * with one click, reloads the page from its address, and downloads the proposal table.
 */
const api = useTestApi({ RATE_LIMIT_PER_MINUTE: '0' });
const explorer = useExplorer(api);
const openExplorer = async (search: string): Promise<Page> => (await explorer.open(search)).page;

async function addMember(page: Page, name: string): Promise<void> {
  await page.fill('#consortium-add', name);
  await page.click('#consortium-form button[type=submit]');
}

const MEMBERS = ['inria', 'university-of-montpellier', 'chu-montpellier'];
/** The themes at least two of the three members work on: the consortium's, which candidates follow when no theme is picked. */
const SHARED = ['health', 'research'];

describe('the consortium builder in the explorer', () => {
  it('shows what three members did together and the candidates with sources, adds one, keeps the set in the URL and exports the table', async () => {
    const { data } = await api.current.graphql<any>(
      `query($o: [ID!]!, $t: [String!]) { consortiumTable(organizations: $o) { members { name themes } jointWork { via { name } } }
         candidatePartners(organizations: $o, themes: $t, first: 10) { organization { key name } } }`,
      { o: MEMBERS, t: SHARED },
    );
    const held = (theme: string) => data.consortiumTable.members.filter((member: any) => member.themes.includes(theme)).length;
    expect(SHARED.map(held).every((count) => count >= 2)).toBe(true);
    const page = await openExplorer('?lang=en');
    for (const member of data.consortiumTable.members) await addMember(page, member.name);
    await page.waitForFunction((count) => new URL(location.href).searchParams.get('members')?.split(',').length === count, MEMBERS.length);
    expect(new URL(page.url()).searchParams.get('members')).toBe(MEMBERS.join(','));

    // Joint work and candidates, each item with its sources, as the API gives them.
    await page.waitForSelector(`#panel[data-consortium="${MEMBERS.join(',')}"] .joint-work li`);
    const joint = await page.locator('#panel .joint-work .joint-title').allTextContents();
    for (const work of data.consortiumTable.jointWork.filter((item: any) => item.via)) expect(joint.some((text) => text.includes(work.via.name))).toBe(true);
    expect(await page.locator('#panel .joint-work li >> .sources li').count()).toBeGreaterThan(0);
    const candidates = await page.locator('#panel .candidates > ol > li').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.key));
    expect(candidates).toEqual(data.candidatePartners.map((candidate: any) => candidate.organization.key));
    expect(await page.locator('#panel .candidates .evidence .sources li').count()).toBeGreaterThan(0);
    // Candidates follow the themes the members share, and the panel says which.
    expect(await page.locator('#panel .candidates .shared-themes').textContent()).toMatch(/health, research/);
    // Organisations of those themes with no link to them yet, listed apart, as the API gives them.
    const unconnected = (await api.current.graphql<any>('query($o: [ID!]!, $t: [String!]) { unconnectedCandidates(organizations: $o, themes: $t, first: 10) { key } }', { o: MEMBERS, t: SHARED })).data.unconnectedCandidates;
    expect(await page.locator('#panel .unconnected > li').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.key))).toEqual(unconnected.map((organization: any) => organization.key));
    // The map keeps only the members and the candidates on it.
    const onMap = await page.locator('#node-list button').count();
    expect(Number(await page.getAttribute('#map', 'data-nodes'))).toBeLessThan(onMap);
    // The members are drawn apart from the candidates (ringed, larger, named); the candidates are not.
    const emphasised = (key: string) => page.evaluate((node) => (window as unknown as { explorer: { view: { isEmphasised(key: string): boolean } } }).explorer.view.isEmphasised(node), key);
    for (const member of MEMBERS) expect(await emphasised(member), member).toBe(true);
    expect(await emphasised(data.candidatePartners[0].organization.key)).toBe(false);

    // One click adds the first candidate.
    const first = data.candidatePartners[0].organization;
    await page.click(`#panel .candidates li[data-key="${first.key}"] button.add`);
    await page.waitForSelector(`#panel[data-consortium="${[...MEMBERS, first.key].join(',')}"]`);
    expect(await page.locator('#consortium-members li').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.key))).toEqual([...MEMBERS, first.key]);

    // The address alone brings the same consortium back.
    const reloaded = await openExplorer(new URL(page.url()).search);
    await reloaded.waitForSelector('#panel .joint-work li');
    expect(await reloaded.locator('#consortium-members li').count()).toBe(4);
    expect(await reloaded.getAttribute('#panel', 'data-consortium')).toBe([...MEMBERS, first.key].join(','));

    // The proposal table of that consortium, as the page links it.
    const href = await reloaded.getAttribute('#consortium-csv', 'href');
    expect(href).toBe(`/export/consortium?members=${encodeURIComponent([...MEMBERS, first.key].join(','))}&format=csv`);
    const csv = await (await fetch(`${api.current.url}${href}`)).text();
    expect(csv.trim().split('\r\n')).toHaveLength(1 + 4);
  });

  it('looks for the kind of partner asked (research, industry, public bodies), kept in the URL', async () => {
    const research = ['university', 'research-institute', 'research-unit', 'hospital', 'school'];
    const { data } = await api.current.graphql<any>('query($o: [ID!]!, $k: [String!], $t: [String!]) { candidatePartners(organizations: $o, kinds: $k, themes: $t, first: 10) { organization { key ... on Organization { kind } } } }', { o: MEMBERS, k: research, t: SHARED });
    const page = await openExplorer(`?lang=en&members=${MEMBERS.join(',')}`);
    await page.waitForSelector(`#panel[data-consortium="${MEMBERS.join(',')}"]`);
    await page.selectOption('#consortium-partners', 'research');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('partners') === 'research');
    await expect
      .poll(() => page.locator('#panel .candidates > ol > li').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.key)))
      .toEqual(data.candidatePartners.map((candidate: any) => candidate.organization.key));
    for (const candidate of data.candidatePartners) expect(research).toContain(candidate.organization.kind);
    // The address brings the same choice back.
    const reloaded = await openExplorer(new URL(page.url()).search);
    expect(await reloaded.inputValue('#consortium-partners')).toBe('research');
  });

  it('asks which organisation is meant when several fit a typed name and none has exactly it, and adds the one chosen', async () => {
    const page = await openExplorer('?lang=en');
    await addMember(page, 'Montpellier');
    await page.waitForSelector('#consortium-message .choices button');
    expect(await page.textContent('#consortium-message')).toContain('Several organisations fit "Montpellier"');
    const choices = await page.locator('#consortium-message .choices button').evaluateAll((buttons) => buttons.map((button) => (button as HTMLElement).dataset.key));
    expect(choices.length).toBeGreaterThan(1);
    expect(choices).toContain('university-of-montpellier');
    // Nothing was added before the choice.
    expect(await page.locator('#consortium-members li').count()).toBe(0);
    await page.click('#consortium-message .choices button[data-key="university-of-montpellier"]');
    await expect.poll(() => page.locator('#consortium-members li').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.key))).toEqual(['university-of-montpellier']);
    // A name that is exactly an organisation's is taken at once.
    await addMember(page, 'inria');
    await expect.poll(() => page.locator('#consortium-members li').count()).toBe(2);
  });

  it('says so when a typed name is no organisation, and adds nothing', async () => {
    const page = await openExplorer('?lang=fr');
    await addMember(page, 'Zzz organisation inconnue');
    await page.waitForSelector('#consortium-message:not(:empty)');
    expect(await page.textContent('#consortium-message')).toContain('Aucune organisation');
    expect(await page.locator('#consortium-members li').count()).toBe(0);

    // In French, a consortium from its address, for the README's screenshot.
    const french = await openExplorer(`?lang=fr&members=${MEMBERS.join(',')}`);
    await french.waitForSelector('#panel .candidates li');
    expect(await french.textContent('#panel h3')).toBe('Construire un consortium');
    // The proposal table downloads in the page's language.
    expect(await french.getAttribute('#consortium-md', 'href')).toBe(`/export/consortium?members=${encodeURIComponent(MEMBERS.join(','))}&format=md&lang=fr`);
    await french.screenshot({ path: join(SCREENSHOTS, 'explorer-consortium-fr.png') });
    // Its figure is titled and named by its members, and comes at print size too.
    const [figure] = await Promise.all([french.waitForEvent('download'), french.click('#export-svg')]);
    expect(figure.suggestedFilename()).toBe(`consortium-${MEMBERS.join('-')}.svg`);
    expect(readFileSync((await figure.path())!, 'utf8')).toMatch(/<title>Consortium: Inria, [^<]*Montpellier[^<]*<\/title>/);
    const [print] = await Promise.all([french.waitForEvent('download'), french.click('#export-print')]);
    expect(print.suggestedFilename()).toBe(`consortium-${MEMBERS.join('-')}-print.png`);
    expect(readFileSync((await print.path())!).readUInt32BE(16)).toBe(3508);
    // And an ego network in French, seen whole and labelled.
    const ego = await openExplorer('?lang=fr&view=ego&center=inria&depth=2&node=inria');
    await expect.poll(() => ego.textContent('#panel h3')).toBe('Inria');
    await ego.screenshot({ path: join(SCREENSHOTS, 'explorer-ego-fr.png') });
  });
});
