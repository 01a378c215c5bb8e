import type { Citation, EntityDetails, PairData } from './api.js';
import type { Strings } from './i18n.js';
import { yearChart } from './yearChart.js';

/**
 * The side panel: an entity's details, its relationships with roles and dates, and the
 * sources of each fact with where in the document; or one pair's link (a click on an edge),
 * with the works per year and example works of a co-publication link. Built with DOM calls (text is never
 * parsed as HTML, so nothing from the data can inject markup).
 */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** A link that opens another site without giving it this page (rel noopener). */
function externalLink(text: string, href: string, className?: string): HTMLAnchorElement {
  const link = element('a', text, className);
  link.href = href;
  link.rel = 'noopener noreferrer';
  return link;
}

/**
 * A link to another entity of the graph: the explorer's own URL with that entity selected (so it
 * opens in a new tab too), selecting it in place on a plain click. A link, not a button, so that
 * a long name wraps with the sentence around it instead of jumping to a line of its own.
 */
function entityLink(name: string, key: string, onSelect: (key: string) => void): HTMLAnchorElement {
  const link = element('a', name, 'entity');
  const url = new URL(location.href);
  url.searchParams.set('node', key);
  link.href = `${url.pathname}${url.search}`;
  link.dataset.key = key;
  link.addEventListener('click', (event) => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    onSelect(key);
  });
  return link;
}

/** The "Sources" heading and list of an entity or a link. */
function appendSources(body: HTMLElement, citations: Citation[], strings: Strings): void {
  body.append(element('h4', strings.sources));
  const sources = element('ul');
  sources.className = 'sources';
  for (const citation of citations) sources.append(citationItem(citation, strings));
  body.append(sources);
}

/** A source with its title, publisher, date and where in it (the locator in the page's language). */
export function citationItem(citation: Citation, strings: Strings): HTMLLIElement {
  const item = element('li');
  const { source } = citation;
  if (source.url) {
    item.append(externalLink(source.title, source.url));
  } else {
    item.append(element('span', source.title));
  }
  const where = [source.publisher, source.published, strings.locator(citation.locator)].filter(Boolean).join(' · ');
  item.append(element('span', ` — ${where}`, 'cited'));
  return item;
}

export function renderDetails(
  body: HTMLElement,
  entity: EntityDetails,
  strings: Strings,
  onSelect: (key: string) => void,
  onPair: (relationshipId: string) => void,
): void {
  body.replaceChildren();
  body.append(element('h3', entity.name));
  const facts = [strings.kindOne[entity.__typename.toUpperCase()] ?? entity.__typename, entity.kind ? strings.kindName(entity.kind) : null, entity.city, entity.founded ?? entity.started ?? entity.date ?? entity.year?.toString()]
    .filter(Boolean)
    .join(' · ');
  body.append(element('p', facts, 'kind'));
  if (entity.themes && entity.themes.length > 0) body.append(element('p', entity.themes.map(strings.themeName).join(' · '), 'themes'));
  if (entity.description) body.append(element('p', entity.description));
  // The usual name is one of the other names when the page shows the entity's name in its language.
  const aliases = [...(entity.usualName && entity.usualName !== entity.name ? [entity.usualName] : []), ...entity.aliases.fr, ...entity.aliases.en].filter((alias) => alias !== entity.name);
  if (aliases.length > 0) body.append(element('p', `${strings.aliases}: ${[...new Set(aliases)].join(', ')}`));
  if (entity.website) {
    const paragraph = element('p');
    paragraph.append(externalLink(entity.website, entity.website));
    body.append(paragraph);
  }

  appendSources(body, entity.sources, strings);

  body.append(element('h4', `${strings.relationships} (${entity.relationships.totalCount})`));
  const list = element('ul');
  list.className = 'relationships';
  // Each source once, numbered, under the list; a relationship cites it as "[n] line 12".
  const numbers = new Map<string, { number: number; citation: Citation; locators: string[] }>();
  for (const edge of entity.relationships.edges) {
    const item = element('li');
    const { relationship } = edge;
    const dates = [relationship.since && `${strings.since} ${relationship.since}`, relationship.until && `${strings.until} ${relationship.until}`].filter(Boolean).join(', ');
    // Read in the relationship's direction: "→ takes part in AI Health Alliance" from its start,
    // "← Philippe Augé holds office in (President)" when the other entity is the start.
    const verb = `${strings.relationshipVerb[relationship.type] ?? relationship.type}${relationship.role ? ` (${strings.roleName(relationship.role)})` : ''}`;
    const other = entityLink(edge.node.name, edge.node.key, onSelect);
    if (edge.direction === 'INCOMING') item.append(element('span', `${strings.direction.INCOMING} `), other, element('span', ` ${verb}`));
    else item.append(element('span', `${strings.direction[edge.direction] ?? ''} ${verb} `), other);
    if (dates) item.append(element('span', ` — ${dates}`, 'cited'));
    // Stated as an intention (future tense), not as done: said so beside it.
    if (relationship.planned) item.append(element('span', ` — ${strings.planned}`, 'planned'));
    if (relationship.coPublication) {
      item.append(element('span', ` — ${strings.coPublished(relationship.coPublication.works)} `, 'cited'));
      const pair = element('button', strings.showPair, 'link pair');
      pair.type = 'button';
      pair.dataset.relationship = relationship.key;
      pair.addEventListener('click', () => onPair(relationship.id));
      item.append(pair);
    }
    const references = relationship.sources.map((citation) => {
      const known = numbers.get(citation.source.key) ?? { number: numbers.size + 1, citation, locators: [] };
      if (!known.locators.includes(citation.locator)) known.locators.push(citation.locator);
      numbers.set(citation.source.key, known);
      return `[${known.number}] ${strings.locator(citation.locator)}`;
    });
    if (references.length > 0) item.append(element('span', ` — ${references.join('; ')}`, 'cited references'));
    list.append(item);
  }
  body.append(list);
  if (numbers.size > 0) {
    body.append(element('h4', strings.relationshipSources));
    const sources = element('ol', undefined, 'sources numbered');
    for (const { citation, locators } of numbers.values()) sources.append(citationItem({ ...citation, locator: locators.join(', ') }, strings));
    body.append(sources);
  }
}

/** One link between two entities; for a co-publication link, the works per year as a chart, the topics and example works. */
export function renderPair(body: HTMLElement, pair: PairData, strings: Strings, onSelect: (key: string) => void): void {
  body.replaceChildren();
  const heading = element('h3');
  for (const [index, end] of [pair.from, pair.to].entries()) {
    const button = element('button', end.name, 'link');
    button.type = 'button';
    button.addEventListener('click', () => onSelect(end.key));
    heading.append(...(index === 1 ? [element('span', ' — ')] : []), button);
  }
  body.append(heading);
  const dates = [pair.since && `${strings.since} ${pair.since}`, pair.until && `${strings.until} ${pair.until}`].filter(Boolean).join(', ');
  body.append(element('p', [pair.type, dates].filter(Boolean).join(' · '), 'kind'));
  const copub = pair.coPublication;
  if (copub) {
    body.append(element('p', strings.coPublished(copub.works)));
    body.append(element('h4', strings.worksPerYear));
    body.append(yearChart(copub.byYear, strings.chartLabel(copub.byYear.map(({ year, works }) => `${year}: ${works}`).join(', '))));
    if (copub.topics.length > 0) {
      body.append(element('h4', strings.topics));
      const topics = element('ul');
      for (const topic of copub.topics) topics.append(element('li', `${topic.name} (${topic.works})`));
      body.append(topics);
    }
    body.append(element('h4', strings.exampleWorks));
    const works = element('ul');
    works.className = 'works';
    for (const work of copub.examples) {
      const item = element('li');
      item.append(externalLink(work.title ?? work.id, work.doi ? `https://doi.org/${work.doi}` : work.url), element('span', ` — ${work.year} · `, 'cited'), externalLink(work.id, work.url, 'cited'));
      works.append(item);
    }
    body.append(works);
  }
  appendSources(body, pair.sources, strings);
}

export function renderMessage(body: HTMLElement, message: string, isError = false): void {
  body.replaceChildren(element('p', message, isError ? 'error' : undefined));
}
