import { graphql, SEARCH_QUERY, type SearchData } from './api.js';
import type { Strings } from './i18n.js';

/**
 * The search box's results: every hit reachable, a page at a time ("More results" reads the
 * next page), each with its kind; nothing found says so; a single hit is opened at once.
 */
export async function showSearchResults(results: HTMLElement, text: string, strings: Strings, open: (key: string) => void): Promise<void> {
  results.replaceChildren();
  if (!text) return;
  const showPage = async (after: string | null): Promise<SearchData['search']> => {
    const { search } = await graphql<SearchData>(SEARCH_QUERY, { text, after });
    for (const { node } of search.edges) {
      const item = document.createElement('li');
      const button = Object.assign(document.createElement('button'), { type: 'button', className: 'link', textContent: `${node.name} (${strings.kindOne[node.__typename.toUpperCase()]})` });
      button.dataset.key = node.key;
      button.addEventListener('click', () => open(node.key));
      item.append(button);
      results.append(item);
    }
    if (search.pageInfo.hasNextPage) {
      const item = document.createElement('li');
      const shownCount = results.querySelectorAll('button[data-key]').length;
      const more = Object.assign(document.createElement('button'), { type: 'button', className: 'more', textContent: strings.moreResults(search.totalCount - shownCount) });
      more.addEventListener('click', () => {
        item.remove();
        void showPage(search.pageInfo.endCursor);
      });
      item.append(more);
      results.append(item);
    }
    return search;
  };
  const first = await showPage(null);
  if (first.edges.length === 0) results.append(Object.assign(document.createElement('li'), { textContent: strings.noResult }));
  if (first.totalCount === 1) open(first.edges[0]!.node.key);
}
