/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions themselves */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { DOMParser } from '@xmldom/xmldom';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { SCREENSHOTS, useExplorer } from '../helpers/browser.js';
import { useTestApi } from '../helpers/testApi.js';

/** The explorer page in a real browser, against the running server and the seed graph. */
const api = useTestApi({ RATE_LIMIT_PER_MINUTE: '0' });
const { open: openExplorer, newPage } = useExplorer(api);

/** Pixels the label layer (a 2D canvas) has drawn: non-zero once sigma has drawn the map. */
function drawnLabelPixels(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('#map canvas.sigma-labels')!;
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let drawn = 0;
    for (let index = 3; index < pixels.length; index += 4) if (pixels[index]! > 0) drawn += 1;
    return drawn;
  });
}

describe('the explorer page', () => {
  it('draws the ecosystem map from the API, with nothing loaded from elsewhere', async () => {
    const { page, problems, outside } = await openExplorer();
    const nodes = Number(await page.getAttribute('#map', 'data-nodes'));
    const edges = Number(await page.getAttribute('#map', 'data-edges'));
    expect(nodes).toBeGreaterThan(90);
    expect(edges).toBeGreaterThan(90);
    expect(await drawnLabelPixels(page)).toBeGreaterThan(500);
    expect(await page.locator('#node-list li').count()).toBe(nodes);
    expect(await page.textContent('#status')).toContain(String(nodes));
    await page.screenshot({ path: join(SCREENSHOTS, 'explorer-map.png') });
    expect(problems).toEqual([]);
    expect(outside).toEqual([]);
    await page.close();
  });

  it('focuses the entity a search finds and keeps it in the URL', async () => {
    const { page } = await openExplorer();
    await page.fill('#search', 'plantnet');
    await page.click('#search-form button[type=submit]');
    await page.locator('#search-results button', { hasText: 'Pl@ntNet' }).first().click();
    await page.waitForSelector('#map[data-selected=plantnet]');
    await expect.poll(() => page.textContent('#panel h3')).toBe('Pl@ntNet');
    expect(new URL(page.url()).searchParams.get('node')).toBe('plantnet');
    await page.close();
  });

  it('shows every search hit, a page at a time, and finds entities by their themes', async () => {
    const { data } = await api.current.graphql<any>('{ search(text: "health", first: 100) { totalCount edges { node { key } } } }');
    expect(data.search.totalCount).toBeGreaterThan(8);
    const { page } = await openExplorer();
    await page.fill('#search', 'health');
    await page.click('#search-form button[type=submit]');
    await page.waitForSelector('#search-results button.more');
    while ((await page.locator('#search-results button.more').count()) > 0) {
      const before = await page.locator('#search-results button[data-key]').count();
      await page.click('#search-results button.more');
      await page.waitForFunction((count) => document.querySelectorAll('#search-results button[data-key]').length > count, before);
    }
    const keys = await page.locator('#search-results button[data-key]').evaluateAll((buttons) => buttons.map((button) => (button as HTMLElement).dataset.key));
    expect(keys).toEqual(data.search.edges.map((edge: any) => edge.node.key));
    await page.close();
  });

  it('shows the sources of an entity clicked on the map', async () => {
    const { page } = await openExplorer();
    const box = (await page.locator('#map').boundingBox())!;
    const position = await page.evaluate(() => (window as unknown as { explorer: { view: { viewportPosition(key: string): { x: number; y: number } } } }).explorer.view.viewportPosition('university-of-montpellier'));
    await page.mouse.click(box.x + position.x, box.y + position.y);
    await expect.poll(() => page.textContent('#panel h3')).toBe('University of Montpellier');
    const sources = page.locator('#panel ul.sources li');
    expect(await sources.count()).toBeGreaterThan(0);
    expect(await sources.first().textContent()).toMatch(/line \d+/);
    expect(await page.locator('#panel ul.relationships > li').count()).toBeGreaterThan(3);
    // A relationship cites its sources by number; each source is listed once, under the list.
    const references = await page.locator('#panel ul.relationships .references').allTextContents();
    expect(references.every((text) => /^ — \[\d+\] \S/.test(text)), references.join(' | ')).toBe(true);
    const titles = await page.locator('#panel ol.numbered > li > :first-child').allTextContents();
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles.length).toBe(Math.max(...references.flatMap((text) => [...text.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1])))));
    await page.screenshot({ path: join(SCREENSHOTS, 'explorer-selected.png') });
    await page.close();
  });

  it('finds and highlights a path between two organisations that the sources connect', async () => {
    const { page } = await openExplorer();
    await page.fill('#path-from', 'Montpellier University Hospital Center');
    await page.fill('#path-to', 'Inria');
    await page.click('#path-form button[type=submit]');
    await page.waitForSelector('#path-result li[data-key]');
    const keys = await page.locator('#path-result li').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.key));
    expect(keys[0]).toBe('chu-montpellier');
    expect(keys.at(-1)).toBe('inria');
    expect(keys.length).toBeGreaterThanOrEqual(2);
    // Each step reads in its relationship's direction, with the relationship's sources.
    const { data } = await api.current.graphql<any>('{ shortestPath(from: "chu-montpellier", to: "inria", maxHops: 6) { nodes { key } relationships { type from { key } } } }');
    const steps = await page.locator('#path-result li .step').allTextContents();
    expect(steps).toHaveLength(data.shortestPath.relationships.length);
    data.shortestPath.relationships.forEach((relationship: any, index: number) => {
      expect(steps[index]).toMatch(relationship.from.key === data.shortestPath.nodes[index].key ? /^ — .+ →$/ : /^ ← .+ —$/);
    });
    expect(await page.locator('#path-result li .sources li').count()).toBeGreaterThanOrEqual(steps.length);
    const url = new URL(page.url());
    expect([url.searchParams.get('from'), url.searchParams.get('to')]).toEqual(['Montpellier University Hospital Center', 'Inria']);
    await page.screenshot({ path: join(SCREENSHOTS, 'explorer-path.png') });
    await page.close();
  });

  it('brings a path into view even when an entity is selected and zoomed on, and leaves it behind when an ego network opens', async () => {
    const { page } = await openExplorer('?lang=en&node=dell&from=Numalis&to=CINES');
    await page.waitForSelector('#path-result li[data-key]');
    const keys = await page.locator('#path-result > li[data-key]').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.key!));
    expect(keys.length).toBeGreaterThanOrEqual(2);
    // Once the camera has moved, every step of the path is inside the map.
    await page.waitForTimeout(700);
    const size = await page.evaluate(() => ({ width: document.querySelector('#map')!.clientWidth, height: document.querySelector('#map')!.clientHeight }));
    for (const key of keys) {
      const position = await page.evaluate((node) => (window as unknown as { explorer: { view: { viewportPosition(key: string): { x: number; y: number } | null } } }).explorer.view.viewportPosition(node), key);
      expect(position, key).not.toBeNull();
      expect(position!.x, key).toBeGreaterThanOrEqual(0);
      expect(position!.x, key).toBeLessThanOrEqual(size.width);
      expect(position!.y, key).toBeGreaterThanOrEqual(0);
      expect(position!.y, key).toBeLessThanOrEqual(size.height);
    }
    // The ego network of the selected entity: the map's path is not carried over.
    await page.click('#ego-show');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('view') === 'ego');
    await page.waitForSelector('#map[data-state=ready]');
    const url = new URL(page.url());
    expect([url.searchParams.get('from'), url.searchParams.get('to')]).toEqual([null, null]);
    expect(await page.locator('#path-result li').count()).toBe(0);
    await page.close();
  });

  it('downloads the view as a valid GEXF file', async () => {
    const { page } = await openExplorer('?kinds=ORGANIZATION,PROJECT');
    const nodes = Number(await page.getAttribute('#map', 'data-nodes'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-gexf')]);
    const text = readFileSync((await download.path())!, 'utf8');
    const document = new DOMParser().parseFromString(text, 'text/xml');
    expect(document.documentElement!.nodeName).toBe('gexf');
    expect(document.getElementsByTagName('node').length).toBe(nodes);
    expect(download.suggestedFilename()).toMatch(/\.gexf$/);
    await page.close();
  });

  it('shows the ego network of the selected entity at the chosen depth, and exports it as an image', async () => {
    const { page } = await openExplorer('?node=plantnet');
    const mapNodes = Number(await page.getAttribute('#map', 'data-nodes'));
    await expect.poll(() => page.textContent('#panel h3')).toBe('Pl@ntNet');
    await page.selectOption('#ego-depth', '2');
    await page.click('#ego-show');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('view') === 'ego');
    await page.waitForSelector('#map[data-state=ready]');
    const egoNodes = Number(await page.getAttribute('#map', 'data-nodes'));
    expect(egoNodes).toBeGreaterThan(1);
    expect(egoNodes).toBeLessThan(mapNodes);
    expect(new URL(page.url()).searchParams.get('depth')).toBe('2');
    expect(await page.getAttribute('#export-gexf', 'href')).toContain('/export/ego?');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    const png = readFileSync((await download.path())!);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(download.suggestedFilename()).toMatch(/^ego-.+\.png$/);
    writeFileSync(join(SCREENSHOTS, 'explorer-ego-export.png'), png);
    // A title band above the map and a legend below it: the image is taller than the map drawn.
    const mapHeight = await page.evaluate(() => Math.max(...[...document.querySelectorAll('#map canvas')].map((canvas) => (canvas as HTMLCanvasElement).height)));
    expect(png.readUInt32BE(20) - mapHeight).toBeGreaterThanOrEqual(100);
    await page.click('#ego-back');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('view') === null);
    await page.close();
  });

  it('colours by the API\'s communities of the whole graph, with a legend of the communities drawn, in the page and the PNG', async () => {
    const { data } = await api.current.graphql<any>(`{ ecosystemMap(filter: { entityTypes: [ORGANIZATION] }, limit: 500) { nodes { community entity { key } } }
      centralityRanking(entityTypes: [ORGANIZATION], first: 100) { nodes { community entity { key } } } communityRanking(first: 1) { modularity } }`);
    // One partition: the map's numbers are the ranking's.
    const ranked = new Map(data.centralityRanking.nodes.map((node: any) => [node.entity.key, node.community]));
    for (const node of data.ecosystemMap.nodes) if (ranked.has(node.entity.key)) expect(node.community, node.entity.key).toBe(ranked.get(node.entity.key));
    expect(data.communityRanking.modularity).toBeGreaterThan(0);
    const { page } = await openExplorer('?lang=en&kinds=ORGANIZATION&colour=community');
    await page.waitForSelector('#legend[data-colour=community] li');
    const onPage = await page.locator('#node-list button').evaluateAll((buttons) => buttons.map((button) => [(button as HTMLElement).dataset.key, Number((button as HTMLElement).dataset.community)] as [string, number]));
    expect(new Map(onPage)).toEqual(new Map(data.ecosystemMap.nodes.map((node: any) => [node.entity.key, node.community])));
    // The legend names the communities drawn (the largest each in its own colour, the rest together), not the kinds.
    const legend = await page.locator('#legend li').allTextContents();
    const drawn = new Set<number>(data.ecosystemMap.nodes.map((node: any) => node.community as number));
    const own = [...drawn].filter((community) => community < 20);
    expect(legend.filter((text) => /^community \d+ \(/.test(text)).map((text) => Number(/\d+/.exec(text)![0])).sort((a, b) => a - b)).toEqual(own.sort((a, b) => a - b));
    expect(legend.some((text) => text.includes('smaller communit'))).toBe(drawn.size > own.length);
    expect(legend).not.toContain('organisation');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    expect(readFileSync((await download.path())!).subarray(1, 4).toString('latin1')).toBe('PNG');
    // The figure for a paper: an SVG with every node drawn, the most connected named, and the communities' legend.
    const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
    expect(svgDownload.suggestedFilename()).toBe('montpellier-ai-map.svg');
    const svgText = readFileSync((await svgDownload.path())!, 'utf8');
    const svg = new DOMParser({ onError: (level, message) => { throw new Error(`${level}: ${message}`); } }).parseFromString(svgText, 'image/svg+xml');
    expect(svg.getElementsByTagName('g').length).toBeGreaterThan(0);
    const nodesDrawn = Number(await page.getAttribute('#map', 'data-nodes'));
    const circles = svg.getElementsByTagName('circle').length;
    expect(circles).toBeGreaterThanOrEqual(nodesDrawn);
    const texts = [...Array.from(svg.getElementsByTagName('text'))].map((text) => text.textContent ?? '');
    const hub = data.centralityRanking.nodes[0].entity.key;
    const { data: hubName } = await api.current.graphql<any>(`{ entity(key: "${hub}") { shortName } }`);
    expect(texts).toContain(hubName.entity.shortName);
    expect(texts.some((text) => /^community \d+ \(/.test(text))).toBe(true);
    // And the same figure at print size: an A4 page's width at 300 dpi.
    const [print] = await Promise.all([page.waitForEvent('download'), page.click('#export-print')]);
    const printed = readFileSync((await print.path())!);
    expect(printed.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(printed.readUInt32BE(16)).toBe(3508);
    expect(print.suggestedFilename()).toBe('montpellier-ai-map-print.png');
    writeFileSync(join(SCREENSHOTS, 'explorer-communities-print.png'), printed);
    await page.close();
  });

  it("draws the organisations' partnership network, coloured by its own communities, a link as strong as the pair, and says what a pair did together", async () => {
    const { data } = await api.current.graphql<any>(`{ partnershipMap(limit: 500) { truncated nodes { community strength entity { key } } links { key strength from { key } to { key } } }
      communityRanking(network: PARTNERSHIPS, first: 1) { modularity } }`);
    const map = data.partnershipMap;
    const { page } = await openExplorer('?lang=en&network=partnerships&colour=community');
    expect(Number(await page.getAttribute('#map', 'data-nodes'))).toBe(map.nodes.length);
    expect(Number(await page.getAttribute('#map', 'data-edges'))).toBe(map.links.length);
    expect(await page.textContent('#status')).toContain(`${map.nodes.length} organisations and ${map.links.length} pairs of partners shown.`);
    // Organisations only, each in its community of the partnership network (not the whole graph's).
    const onPage = await page.locator('#node-list button').evaluateAll((buttons) => buttons.map((button) => [(button as HTMLElement).dataset.key, Number((button as HTMLElement).dataset.community)] as [string, number]));
    expect(new Map(onPage)).toEqual(new Map(map.nodes.map((node: any) => [node.entity.key, node.community])));
    // The strongest pair whose link can be clicked (not under another link or a node): the click says what the two did together, with sources.
    const box = (await page.locator('#map').boundingBox())!;
    let strongest: any = null;
    let point: { x: number; y: number } | null = null;
    for (const link of [...map.links].sort((a: any, b: any) => b.strength - a.strength)) {
      point = await page.evaluate((key) => (window as unknown as { explorer: { view: { edgeViewportPoint(key: string): { x: number; y: number } | null } } }).explorer.view.edgeViewportPoint(key), link.key);
      strongest = link;
      if (point) break;
    }
    expect(point).not.toBeNull();
    await page.mouse.click(box.x + point!.x, box.y + point!.y);
    await page.waitForSelector(`#panel[data-pair="${strongest.key}"]`);
    expect(await page.textContent('#panel')).toContain(`Partners of strength ${strongest.strength}`);
    expect(await page.locator('#panel ul.joint-work li').count()).toBeGreaterThan(0);
    expect(await page.locator('#panel ul.joint-work ul.sources li').count()).toBeGreaterThan(0);
    // The exports are the same network, with the same limit.
    expect(await page.getAttribute('#export-gexf', 'href')).toBe('/export/partnerships?format=gexf&limit=500');
    // The figure's caption names the partition's network.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
    const svg = new DOMParser().parseFromString(readFileSync((await download.path())!, 'utf8'), 'image/svg+xml');
    // The caption's lines, read as one text (it wraps to the figure's width).
    const caption = Array.from(svg.getElementsByTagName('text')).filter((text) => text.getAttribute('font-size') === '14').map((text) => text.textContent).join(' ');
    expect(caption).toContain(`communities of the partnership network (Louvain, weighted by strength, resolution 1; modularity ${data.communityRanking.modularity.toFixed(3)})`);
    await page.close();
  });

  it('draws only the links a source dates when asked, kept in the URL, the caption and the exports', async () => {
    const { data } = await api.current.graphql<any>('{ dated: ecosystemMap(filter: { datedOnly: true }, limit: 500) { edges { key } } all: ecosystemMap(limit: 500) { edges { key } } }');
    expect(data.dated.edges.length).toBeLessThan(data.all.edges.length);
    const { page } = await openExplorer('?lang=en');
    expect(Number(await page.getAttribute('#map', 'data-edges'))).toBe(data.all.edges.length);
    await page.check('#dated-only');
    await page.click('#filters button[type=submit]');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('datedOnly') === 'true');
    await page.waitForSelector('#map[data-state=ready]');
    expect(Number(await page.getAttribute('#map', 'data-edges'))).toBe(data.dated.edges.length);
    expect(await page.getAttribute('#export-gexf', 'href')).toContain('datedOnly=true');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
    expect(readFileSync((await download.path())!, 'utf8')).toContain('dated links only');
    await page.close();
  });

  it('restores a shared view from its URL, in French', async () => {
    const { page } = await openExplorer('?lang=fr&kinds=ORGANIZATION&node=inria&colour=community');
    expect(await page.textContent('h1')).toBe('Écosystème IA de Montpellier');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.isChecked('input[name=kind][value=ORGANIZATION]')).toBe(true);
    expect(await page.isChecked('input[name=colour][value=community]')).toBe(true);
    await expect.poll(() => page.textContent('#panel h3')).toBe('Inria');
    await page.close();
  });

  it('names entities in French in French, the usual name among the other names, and in English in English', async () => {
    const { data } = await api.current.graphql<{ entity: { name: string; names: { fr: string | null } } }>('{ entity(key: "university-of-montpellier") { name names { fr } } }');
    expect(data!.entity).toEqual({ name: 'University of Montpellier', names: { fr: 'Université de Montpellier' } });
    const french = (await openExplorer('?lang=fr&node=university-of-montpellier')).page;
    await expect.poll(() => french.textContent('#panel h3')).toBe('Université de Montpellier');
    expect(await french.textContent('#panel')).toContain('University of Montpellier');
    expect(await french.locator('#node-list button[data-key="university-of-montpellier"]').textContent()).toBe('Université de Montpellier');
    // An entity the graph knows no French name of keeps its usual name.
    expect(await french.locator('#node-list button[data-key="dell"]').textContent()).toBe('Dell');
    await french.close();
    const english = (await openExplorer('?lang=en&node=university-of-montpellier')).page;
    await expect.poll(() => english.textContent('#panel h3')).toBe('University of Montpellier');
    expect(await english.locator('#node-list button[data-key="university-of-montpellier"]').textContent()).toBe('University of Montpellier');
    await english.close();
  });

  it('takes a theme typed in French and shows themes and roles in French', async () => {
    const { data } = await api.current.graphql<any>('{ ecosystemMap(filter: { themes: ["health"] }, limit: 500) { nodes { entity { key } } } }');
    const { page } = await openExplorer('?lang=fr');
    await page.fill('#theme', 'Santé');
    await page.click('#filters button[type=submit]');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('theme') === 'health');
    await page.waitForSelector('#map[data-state=ready]');
    expect(Number(await page.getAttribute('#map', 'data-nodes'))).toBe(data.ecosystemMap.nodes.length);
    await page.goto(`${api.current.url}/explore?lang=fr&theme=health&node=chu-montpellier`);
    await page.waitForSelector('#map[data-state=ready]');
    expect(await page.inputValue('#theme')).toBe('santé');
    await expect.poll(() => page.textContent('#panel .themes')).toContain('santé');
    expect(await page.locator('#panel ul.sources li').first().textContent()).toMatch(/ligne \d+/);
    // Roles in French too: the hospital leads the AI Health Alliance ("lead" in the data).
    await expect.poll(() => page.textContent('#panel')).toContain('(chef de file)');
    expect(await page.textContent('#panel')).not.toContain('(lead)');
    // What the deliberation says the Metropole will do is shown as planned, beside it.
    await page.goto(`${api.current.url}/explore?lang=fr&node=montpellier-metropole`);
    await page.waitForSelector('#panel .relationships .planned');
    const planned = await page.locator('#panel .relationships li:has(.planned)').count();
    const { data: metropole } = await api.current.graphql<any>('{ entity(key: "montpellier-metropole") { relationships(first: 100) { edges { relationship { planned } } } } }');
    expect(planned).toBe(metropole.entity.relationships.edges.filter((edge: any) => edge.relationship.planned).length);
    expect(await page.locator('#panel .relationships .planned').first().textContent()).toContain('prévu');
    await page.close();
  });

  it('can be used from the keyboard: every control has a label and entities are reachable in the list', async () => {
    const { page } = await openExplorer();
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select')].filter((input) => {
        const element = input as HTMLInputElement;
        return element.type !== 'hidden' && element.labels?.length === 0 && !element.getAttribute('aria-label');
      }).length,
    );
    expect(unlabelled).toBe(0);
    await page.click('#node-list-box summary');
    await page.locator('#node-list button').first().focus();
    await page.keyboard.press('Enter');
    const first = await page.locator('#node-list button').first().getAttribute('data-key');
    await page.waitForSelector(`#map[data-selected="${first}"]`);
    await page.close();
  });

  it('keeps every text readable: at least 4.5:1 contrast against what is behind it (WCAG AA)', async () => {
    const { page } = await openExplorer('?node=university-of-montpellier');
    await expect.poll(() => page.textContent('#panel h3')).toBe('University of Montpellier');
    await page.click('#node-list-box summary');
    const unreadable = await page.evaluate(() => {
      const channels = (colour: string) => (colour.match(/[\d.]+/g) ?? []).map(Number);
      const luminance = ([red, green, blue]: number[]) =>
        [red!, green!, blue!]
          .map((value) => value / 255)
          .map((value) => (value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4))
          .reduce((sum, value, index) => sum + value * [0.2126, 0.7152, 0.0722][index]!, 0);
      // The first opaque background behind an element (the page is white).
      const behind = (element: Element | null): number[] => {
        for (let current = element; current; current = current.parentElement) {
          const background = channels(getComputedStyle(current).backgroundColor);
          if (background.length === 3 || (background.length === 4 && background[3]! > 0.5)) return background.slice(0, 3);
        }
        return [255, 255, 255];
      };
      const problems: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement!;
        if (!node.textContent!.trim() || !element.checkVisibility() || element.closest('button:disabled')) continue;
        const [lighter, darker] = [luminance(channels(getComputedStyle(element).color)), luminance(behind(element))].sort((a, b) => b - a);
        const ratio = (lighter! + 0.05) / (darker! + 0.05);
        if (ratio < 4.5) problems.push(`${node.textContent!.trim().slice(0, 40)}: ${ratio.toFixed(2)}`);
      }
      return problems;
    });
    expect(unreadable).toEqual([]);
    await page.close();
  });

  it('serves GraphiQL from the server itself, with the schema documentation', async () => {
    const { page, outside, problems } = await newPage();
    const introspected = page.waitForResponse((response) => response.url().endsWith('/graphql') && response.request().postData()?.includes('__schema') === true);
    await page.goto(`${api.current.url}/graphiql`);
    await page.waitForSelector('.graphiql-container', { timeout: 30_000 });
    const introspection = await introspected;
    expect(introspection.status()).toBe(200);
    expect(JSON.stringify(await introspection.json())).toContain('Organization');
    await page.screenshot({ path: join(SCREENSHOTS, 'graphiql.png') });
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
