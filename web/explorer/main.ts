import './style.css';

import {
  CONSORTIUM_QUERY, DETAILS_QUERY, EGO_QUERY, graphql, readNamesIn, LABELS_QUERY, MAP_QUERY, PAIR_QUERY, PARTNERSHIP_MAP_QUERY, partnershipSubgraph, PATH_QUERY, SEARCH_QUERY, NAMES_QUERY,
  type ConsortiumData, type EntityDetails, type EntitySummary, type PairData, type PathData, type SubgraphData,
} from './api.js';
import { communityColour, COMMUNITY_COLOURS, GraphView, KIND_COLOURS, OTHER_COMMUNITIES } from './graphView.js';
import { folded, learnNames, pickLanguage, STRINGS, themeTag, type Strings } from './i18n.js';
import { setUpConsortium } from './consortium.js';
import { setUpReviewQueue } from './reviewQueue.js';
import { renderPartnership } from './consortiumPanel.js';
import { renderDetails, renderMessage, renderPair } from './panel.js';
import { pathSteps } from './pathSteps.js';
import { showSearchResults } from './searchResults.js';
import { exportUrl, KINDS, readViewState, typesOf, writeViewState, type ViewState } from './viewState.js';

/**
 * The explorer page: reads its state from the URL, loads the map (or an ego network) from
 * the GraphQL API, and keeps the URL in step with every change so a view can be shared.
 */
const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

const state: ViewState = readViewState(location.search);
const language = pickLanguage(state.lang, navigator.language);
const strings: Strings = STRINGS[language];
readNamesIn(language);
const mapElement = byId('map');
const status = byId('status');
const panelBody = byId('panel-body');
let shown: SubgraphData | null = null;
/** True while the map shows only a consortium and its candidates. */
let restricted = false;

const view = new GraphView(mapElement, {
  onSelect: (key) => void select(key, { focus: false }),
  onSelectEdge: (id) => void showPair(id),
  onLayoutDone: () => {
    mapElement.dataset.state = 'ready';
  },
});

function translatePage(): void {
  document.documentElement.lang = language;
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const value = strings[node.dataset.i18n as keyof Strings];
    if (typeof value === 'string') node.textContent = value;
  }
  for (const node of document.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]')) {
    const value = strings[node.dataset.i18nPlaceholder as keyof Strings];
    if (typeof value === 'string') node.placeholder = value;
  }
  document.title = `${strings.title} — ${strings.subtitle}`;
  const kinds = byId('kinds');
  kinds.replaceChildren(
    ...KINDS.map((kind) => {
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.name = 'kind';
      box.value = kind;
      box.checked = state.kinds.includes(kind);
      label.append(box, ` ${strings.kind[kind]}`);
      return label;
    }),
  );
  renderLegend();
}

/**
 * What the colours mean, for the page and the PNG alike: the kinds, or the communities drawn
 * (the API's numbers, the largest of the whole graph each in its colour, the smaller ones grey).
 */
function legendEntries(): Array<{ colour: string; label: string }> {
  if (state.colour !== 'community') return Object.entries(KIND_COLOURS).map(([typename, colour]) => ({ colour, label: strings.kind[typename.toUpperCase()] ?? typename }));
  const drawn = view.communitiesShown();
  const own = drawn.filter(({ community }) => community >= 0 && community < COMMUNITY_COLOURS.length);
  const others = drawn.filter((entry) => !own.includes(entry));
  const othersCount = others.reduce((sum, entry) => sum + entry.nodes, 0);
  return [
    ...own.map(({ community, example, nodes }) => ({ colour: communityColour(community), label: strings.communityLegend(community, example, nodes) })),
    ...(others.length > 0 ? [{ colour: OTHER_COMMUNITIES, label: strings.otherCommunities(others.length, othersCount) }] : []),
  ];
}

function renderLegend(): void {
  const legend = byId('legend');
  legend.dataset.colour = state.colour;
  legend.replaceChildren(
    ...legendEntries().map(({ colour, label }) => {
      const item = document.createElement('li');
      const dot = document.createElement('span');
      dot.style.background = colour;
      item.append(dot, label);
      return item;
    }),
  );
}

/** The modularity of the API's partition (of the whole graph, or of the partnership network), read once each, for the figures' caption in community mode. */
const modularities = new Map<string, number | null>();
const partitionedNetwork = () => (partnershipView() ? 'PARTNERSHIPS' : 'WHOLE_GRAPH');
async function readModularity(): Promise<void> {
  const network = partitionedNetwork();
  if (modularities.has(network)) return;
  try {
    const query = `{ communityRanking(network: ${network}, first: 1) { modularity } }`;
    modularities.set(network, (await graphql<{ communityRanking: { modularity: number | null } }>(query)).communityRanking.modularity);
  } catch {
    modularities.set(network, null);
  }
}

/** What the map shows, in words: entities and relationships, or organisations and pairs of partners. */
function shownText(): string {
  return partnershipView() ? strings.readyPartnerships(view.order, view.size) : strings.ready(view.order, view.size);
}

/** True when the map shows only a consortium being built (its members and candidates). */
function consortiumShown(): boolean {
  return restricted && state.members.length >= 2;
}

/** True when the map shows the organisations' partnership network (an ego network always shows relationships). */
function partnershipView(): boolean {
  return state.network === 'partnerships' && state.view !== 'ego';
}

function saveState(): void {
  history.replaceState(null, '', `${location.pathname}${writeViewState(state)}`);
  for (const [id, format] of [['export-gexf', 'gexf'], ['export-graphml', 'graphml'], ['export-nodes', 'nodes.csv'], ['export-edges', 'edges.csv']] as const) {
    byId<HTMLAnchorElement>(id).href = exportUrl(state, format);
  }
  byId('ego-back').hidden = state.view !== 'ego' && !restricted;
  byId<HTMLButtonElement>('ego-show').disabled = !state.node;
}

function fillControls(): void {
  byId<HTMLInputElement>('theme').value = state.theme ? strings.themeName(state.theme) : '';
  byId<HTMLInputElement>('as-of').value = state.asOf;
  byId<HTMLInputElement>('dated-only').checked = state.datedOnly;
  byId<HTMLInputElement>('limit').value = String(state.limit);
  byId<HTMLSelectElement>('network').value = state.network;
  byId<HTMLSelectElement>('ego-depth').value = String(state.depth);
  byId<HTMLInputElement>('path-from').value = state.from;
  byId<HTMLInputElement>('path-to').value = state.to;
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name=colour]')) radio.checked = radio.value === state.colour;
}

async function load(): Promise<void> {
  restricted = false;
  mapElement.dataset.state = 'loading';
  status.textContent = strings.loading;
  try {
    const entityTypes = state.kinds.length > 0 ? state.kinds : null;
    const asOf = state.asOf || null;
    const datedOnly = state.datedOnly;
    const types = typesOf(state.network);
    shown =
      state.view === 'ego'
        ? ((await graphql<{ egoNetwork: SubgraphData | null }>(EGO_QUERY, { center: state.center, depth: state.depth, entityTypes, types, asOf, datedOnly })).egoNetwork ?? { truncated: false, nodes: [], edges: [] })
        : partnershipView()
          ? partnershipSubgraph((await graphql<{ partnershipMap: Parameters<typeof partnershipSubgraph>[0] }>(PARTNERSHIP_MAP_QUERY, { asOf, datedOnly, limit: Math.min(state.limit, 2000) })).partnershipMap)
          : (
            await graphql<{ ecosystemMap: SubgraphData }>(MAP_QUERY, {
              filter: { entityTypes, themes: state.theme ? [state.theme] : null, labels: state.label ? [state.label] : null, types, asOf, datedOnly },
              limit: state.limit,
            })
          ).ecosystemMap;
  } catch (error) {
    status.textContent = `${strings.error} ${(error as Error).message}`;
    status.classList.add('error');
    mapElement.dataset.state = 'error';
    return;
  }
  status.classList.remove('error');
  view.show(shown, state.view === 'ego' ? state.center : undefined);
  view.setColour(state.colour);
  renderLegend();
  mapElement.dataset.nodes = String(view.order);
  mapElement.dataset.edges = String(view.size);
  mapElement.setAttribute('aria-label', strings.mapLabel(view.order, view.size));
  status.textContent = `${shownText()}${shown.truncated ? ` ${strings.truncated}` : ''}`;
  fillLists(shown);
  // An ego network is seen whole (its centre is selected, not zoomed on); on the map, the selection is brought into view.
  if (state.node) await select(state.node, { focus: state.view !== 'ego', highlight: state.view !== 'ego' || state.node !== state.center });
  if (state.from && state.to) await findPath();
}

function fillLists(data: SubgraphData): void {
  const sorted = [...data.nodes].sort((a, b) => b.degree - a.degree || a.entity.name.localeCompare(b.entity.name));
  byId('node-list').replaceChildren(
    ...sorted.map(({ entity, community }) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'link';
      button.textContent = entity.name;
      button.dataset.key = entity.key;
      // The API's community of the entity: what "colour by community" shows, readable without the map.
      if (typeof community === 'number') button.dataset.community = String(community);
      button.addEventListener('click', () => void select(entity.key, { focus: true }));
      item.append(button);
      return item;
    }),
  );
  byId('known-entities').replaceChildren(...sorted.map(({ entity }) => Object.assign(document.createElement('option'), { value: entity.name })));
  const themes = new Set(data.nodes.flatMap(({ entity }) => entity.themes ?? []));
  byId('themes').replaceChildren(...[...themes].map((theme) => strings.themeName(theme)).sort().map((theme) => Object.assign(document.createElement('option'), { value: theme })));
}

async function select(key: string | null, options: { focus: boolean; highlight?: boolean }): Promise<void> {
  state.node = key ?? '';
  saveState();
  // The centre of an ego network opened from the URL is not highlighted: its whole network stays in colour.
  view.select(options.highlight === false ? null : key);
  mapElement.dataset.selected = key ?? '';
  if (!key) {
    renderMessage(panelBody, strings.nothingSelected);
    return;
  }
  if (options.focus) view.focus(key);
  renderMessage(panelBody, strings.loading);
  try {
    const { entity } = await graphql<{ entity: EntityDetails | null }>(DETAILS_QUERY, { key, asOf: state.asOf || null, types: typesOf(state.network) });
    if (!entity) {
      renderMessage(panelBody, strings.noResult);
      return;
    }
    renderDetails(panelBody, entity, strings, (other) => void select(other, { focus: true }), (id) => void showPair(id));
    byId('panel').dataset.entity = entity.key;
    delete byId('panel').dataset.pair;
  } catch (error) {
    renderMessage(panelBody, `${strings.error} ${(error as Error).message}`, true);
  }
}

/** One link in the panel: the pair it joins and, for a co-publication link, its works per year and examples. */
async function showPair(id: string): Promise<void> {
  renderMessage(panelBody, strings.loading);
  if (partnershipView()) {
    await showPartnership(id);
    return;
  }
  try {
    const { node } = await graphql<{ node: PairData | null }>(PAIR_QUERY, { id });
    if (!node) {
      renderMessage(panelBody, strings.noResult);
      return;
    }
    renderPair(panelBody, node, strings, (key) => void select(key, { focus: true }));
    byId('panel').dataset.pair = node.key;
    byId('panel').focus();
  } catch (error) {
    renderMessage(panelBody, `${strings.error} ${(error as Error).message}`, true);
  }
}

/** A link of the partnership network (`<key>~<key>`): what the two organisations did together. */
async function showPartnership(pair: string): Promise<void> {
  const link = shown?.edges.find((edge) => edge.key === pair);
  if (!link) return;
  try {
    const data = await graphql<ConsortiumData>(CONSORTIUM_QUERY, { organizations: [link.from.key, link.to.key], asOf: state.asOf || null });
    renderPartnership(panelBody, data, link.strength ?? 0, strings, (key) => void select(key, { focus: true }));
    byId('panel').dataset.pair = pair;
    byId('panel').focus();
  } catch (error) {
    renderMessage(panelBody, `${strings.error} ${(error as Error).message}`, true);
  }
}

/**
 * An entity named (or keyed) so, of one type when `typename` is given: on the map, else the best
 * search hit; null when none. A typed path end falls back to the text itself as a key.
 */
async function findNamed(text: string, typename?: string): Promise<{ key: string; name: string } | null> {
  const fits = (entity: EntitySummary) => !typename || entity.__typename === typename;
  const onMap = shown?.nodes.find(({ entity }) => fits(entity) && (entity.name === text || entity.key === text))?.entity;
  if (onMap) return { key: onMap.key, name: onMap.name };
  const hits = await graphql<{ search: { edges: Array<{ node: EntitySummary }> } }>(SEARCH_QUERY, { text });
  const hit = hits.search.edges.find(({ node }) => fits(node))?.node;
  return hit ? { key: hit.key, name: hit.name } : null;
}

/**
 * The organisation a typed name means, for the consortium builder: one on the map or in the
 * search with exactly that name (or key, case and accents aside), or the only organisation
 * found; when several organisations fit and none has exactly that name, the choices, best
 * first, so that the page asks instead of picking one.
 */
async function findOrganization(text: string): Promise<{ key: string; name: string } | Array<{ key: string; name: string; city?: string | null }> | null> {
  const typed = folded(text);
  const onMap = shown?.nodes.find(({ entity }) => entity.__typename === 'Organization' && (folded(entity.name) === typed || entity.key === text))?.entity;
  if (onMap) return { key: onMap.key, name: onMap.name };
  const hits = await graphql<{ search: { edges: Array<{ node: EntitySummary & { city?: string | null } }> } }>(SEARCH_QUERY, { text });
  const organizations = hits.search.edges.map(({ node }) => node).filter((node) => node.__typename === 'Organization');
  const exact = organizations.find((node) => [node.name, node.usualName ?? '', node.key].some((name) => folded(name) === typed));
  if (exact) return { key: exact.key, name: exact.name };
  if (organizations.length === 1) return { key: organizations[0]!.key, name: organizations[0]!.name };
  return organizations.length > 0 ? organizations.slice(0, 6).map((node) => ({ key: node.key, name: node.name, city: node.city })) : null;
}

async function findPath(): Promise<void> {
  const result = byId('path-result');
  result.replaceChildren();
  if (!state.from || !state.to) return;
  try {
    const [from, to] = await Promise.all([state.from, state.to].map(async (text) => (await findNamed(text))?.key ?? text));
    const { shortestPath } = await graphql<{ shortestPath: PathData | null }>(PATH_QUERY, { from, to, asOf: state.asOf || null });
    if (!shortestPath) {
      result.append(Object.assign(document.createElement('li'), { textContent: strings.pathNone }));
      view.highlightPath(null);
      return;
    }
    view.addPath(shortestPath.nodes, shortestPath.relationships);
    view.highlightPath(
      shortestPath.nodes.map((node) => node.key),
      shortestPath.relationships.map((relationship) => relationship.key),
    );
    result.append(...pathSteps(shortestPath, strings));
  } catch (error) {
    result.append(Object.assign(document.createElement('li'), { textContent: `${strings.error} ${(error as Error).message}`, className: 'error' }));
  }
}

function wireControls(): void {
  byId('review-open').addEventListener('click', () => void reviewQueue.open());
  byId('language').addEventListener('click', () => {
    state.lang = strings.languageCode;
    location.search = writeViewState(state);
  });
  byId('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void showSearchResults(byId('search-results'), byId<HTMLInputElement>('search').value.trim(), strings, (key) => void showEntity(key));
  });
  byId('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    state.kinds = [...document.querySelectorAll<HTMLInputElement>('input[name=kind]:checked')].map((box) => box.value);
    state.theme = themeTag(byId<HTMLInputElement>('theme').value);
    state.label = byId<HTMLSelectElement>('label-filter').value;
    state.asOf = byId<HTMLInputElement>('as-of').value;
    state.datedOnly = byId<HTMLInputElement>('dated-only').checked;
    state.limit = Math.min(2000, Math.max(1, Number(byId<HTMLInputElement>('limit').value) || 500));
    const network = byId<HTMLSelectElement>('network').value;
    state.network = network === 'copub' || network === 'partnerships' ? network : 'all';
    state.colour = document.querySelector<HTMLInputElement>('input[name=colour]:checked')?.value === 'community' ? 'community' : 'kind';
    saveState();
    void load();
  });
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name=colour]')) {
    radio.addEventListener('change', () => {
      state.colour = radio.value === 'community' ? 'community' : 'kind';
      view.setColour(state.colour);
      renderLegend();
      saveState();
    });
  }
  byId('path-form').addEventListener('submit', (event) => {
    event.preventDefault();
    state.from = byId<HTMLInputElement>('path-from').value.trim();
    state.to = byId<HTMLInputElement>('path-to').value.trim();
    saveState();
    void findPath();
  });
  byId('path-clear').addEventListener('click', () => {
    state.from = state.to = '';
    fillControls();
    saveState();
    byId('path-result').replaceChildren();
    view.highlightPath(null);
  });
  byId('ego-show').addEventListener('click', () => {
    if (!state.node) return;
    state.view = 'ego';
    state.center = state.node;
    state.depth = Number(byId<HTMLSelectElement>('ego-depth').value);
    // A path found on the map is not the ego network's: left on, it would grey the whole network out.
    state.from = state.to = '';
    byId('path-result').replaceChildren();
    view.highlightPath(null);
    fillControls();
    saveState();
    void load();
  });
  byId('ego-back').addEventListener('click', () => {
    state.view = 'map';
    state.center = '';
    saveState();
    void load();
  });
  // The file says what it shows: an ego network's centre, a consortium's members, or the map.
  const figureName = () =>
    state.view === 'ego' ? `ego-${state.center}` : consortiumShown() ? `consortium-${state.members.join('-')}`.slice(0, 120) : partnershipView() ? 'montpellier-ai-partnerships' : 'montpellier-ai-map';
  // The image, the figure and the print: each with its caption (the modularity read first in community mode).
  const exports: Record<string, (name: string, caption: ReturnType<typeof pngCaption>) => unknown> = {
    'export-png': (name, caption) => view.exportPng(name, caption),
    'export-svg': (name, caption) => view.exportSvg(name, caption),
    'export-print': (name, caption) => view.exportPrintPng(name, caption),
  };
  for (const [id, exportAs] of Object.entries(exports)) {
    byId(id).addEventListener('click', () => {
      void (async () => {
        if (state.colour === 'community') await readModularity();
        await exportAs(figureName(), pngCaption());
      })();
    });
  }
}

/** The PNG's title (the view), its filters and its legend, in the page's language. */
function pngCaption(): { title: string; filters: string; legend: Array<{ colour: string; label: string }> } {
  const centre = state.view === 'ego' ? shown?.nodes.find(({ entity }) => entity.key === state.center)?.entity.name ?? state.center : null;
  const nameOf = (key: string) => shown?.nodes.find(({ entity }) => entity.key === key)?.entity.name ?? key;
  // A consortium's map is titled by its members, not by the explorer.
  const title = consortiumShown()
    ? `${strings.consortiumFigure}: ${state.members.map(nameOf).join(', ')}`
    : `${strings.title} — ${centre ? `${strings.ego}: ${centre}` : strings.subtitle}`;
  const filters = [
    state.kinds.length > 0 ? `${strings.kinds}: ${state.kinds.map((kind) => strings.kind[kind]).join(', ')}` : null,
    state.theme ? `${strings.theme}: ${state.theme}` : null,
    state.label ? `${strings.label}: ${state.label}` : null,
    state.asOf ? `${strings.asOf} ${state.asOf}` : null,
    state.datedOnly ? strings.datedOnly : null,
    state.network === 'copub' ? `${strings.network}: ${strings.networkCoPublications}` : null,
    partnershipView() ? `${strings.network}: ${strings.networkPartnerships}` : null,
    shownText(),
    state.colour === 'community' ? strings.communityMethod(modularities.get(partitionedNetwork())?.toFixed(3) ?? '?', partnershipView()) : null,
  ].filter(Boolean).join(' · ');
  return { title, filters, legend: legendEntries() };
}

/** Keeps on the map only these entities and the links among them ("Back to the whole map" undoes it). */
function restrictMap(keys: Set<string>, emphasised: string[] = []): void {
  if (!shown) return;
  restricted = true;
  const nodes = shown.nodes.filter(({ entity }) => keys.has(entity.key));
  const kept = new Set(nodes.map(({ entity }) => entity.key));
  view.show({ truncated: false, nodes, edges: shown.edges.filter((edge) => kept.has(edge.from.key) && kept.has(edge.to.key)) });
  view.emphasise(emphasised);
  view.setColour(state.colour);
  renderLegend();
  mapElement.dataset.nodes = String(view.order);
  mapElement.dataset.edges = String(view.size);
  status.textContent = strings.ready(view.order, view.size);
  byId('ego-back').hidden = false;
}

const consortium = setUpConsortium({
  state,
  strings,
  panel: byId('panel'),
  panelBody,
  saveState,
  resolveOrganization: (text) => findOrganization(text),
  select: (key) => void select(key, { focus: true }),
  restrictMap,
  shown: () => shown,
});

const reviewQueue = setUpReviewQueue({ strings, panel: byId('panel'), panelBody, select: (key) => void showEntity(key) });

/** Selects an entity found by the search; when it is not on the map, shows its ego network. */
async function showEntity(key: string): Promise<void> {
  if (!view.graph.hasNode(key)) {
    state.view = 'ego';
    state.center = key;
    state.node = key;
    saveState();
    await load();
    return;
  }
  await select(key, { focus: true });
  byId('panel').focus();
}

async function loadLabels(): Promise<void> {
  const { labels } = await graphql<{ labels: { edges: Array<{ node: { key: string; name: string } }> } }>(LABELS_QUERY);
  const select = byId<HTMLSelectElement>('label-filter');
  for (const { node } of labels.edges) select.append(Object.assign(document.createElement('option'), { value: node.key, textContent: node.name }));
  select.value = state.label;
}

type Terms = Array<{ value: string; en: string; fr: string }>;

/** The names of themes and kinds in both languages, before anything shows one (a page without them shows the values). */
async function loadNames(): Promise<void> {
  const names = await graphql<{ themes: Terms; organizations: Terms; projects: Terms; labels: Terms; events: Terms; roles: Terms }>(NAMES_QUERY);
  learnNames({ themes: names.themes, kinds: [...names.organizations, ...names.projects, ...names.labels, ...names.events], roles: names.roles });
}

translatePage();
wireControls();
saveState();
(window as unknown as { explorer: unknown }).explorer = { view, state };
void loadLabels().catch(() => undefined);
void loadNames()
  .catch(() => undefined)
  .then(async () => {
    fillControls();
    await load();
    if (state.members.length >= 2 && !state.node) void consortium.show();
  });
