import { CANDIDATES_QUERY, CONSORTIUM_QUERY, graphql, sharedThemes, type ConsortiumData, type SubgraphData } from './api.js';
import { renderConsortium } from './consortiumPanel.js';
import type { Strings } from './i18n.js';
import { renderMessage } from './panel.js';
import { consortiumExportUrl, PARTNER_KINDS, type PartnerKind, type ViewState } from './viewState.js';

/**
 * The consortium builder: members picked by name (from the map or the search) or added from
 * the candidates with one click, kept in the URL (`members=`); with two or more, the panel
 * shows what they did together and who could complete them, the map keeps only them, what
 * they share and the candidates, and the proposal table can be downloaded.
 */
export interface ConsortiumDeps {
  state: ViewState;
  strings: Strings;
  panel: HTMLElement;
  panelBody: HTMLElement;
  saveState(): void;
  /** The organisation a typed name means; the choices when several fit and none has exactly that name; null when none. */
  resolveOrganization(text: string): Promise<{ key: string; name: string } | Array<{ key: string; name: string; city?: string | null }> | null>;
  select(key: string): void;
  /** Shows only these entities of the map (and the links among them). */
  restrictMap(keys: Set<string>, emphasised?: string[]): void;
  shown(): SubgraphData | null;
}

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

export function setUpConsortium(deps: ConsortiumDeps): { show(): Promise<void> } {
  const { state, strings } = deps;
  const names = new Map<string, string>();
  const nameOf = (key: string) => names.get(key) ?? deps.shown()?.nodes.find(({ entity }) => entity.key === key)?.entity.name ?? key;

  function renderMembers(): void {
    byId('consortium-members').replaceChildren(
      ...state.members.map((key) => {
        const item = document.createElement('li');
        item.dataset.key = key;
        item.append(nameOf(key), ' ');
        const remove = Object.assign(document.createElement('button'), { type: 'button', className: 'remove', textContent: '×' });
        remove.setAttribute('aria-label', strings.consortiumRemove(nameOf(key)));
        remove.addEventListener('click', () => {
          state.members = state.members.filter((member) => member !== key);
          changed();
        });
        item.append(remove);
        return item;
      }),
    );
    const ready = state.members.length >= 2;
    byId<HTMLButtonElement>('consortium-show').disabled = !ready;
    byId('consortium-exports').hidden = !ready;
    for (const format of ['csv', 'xlsx', 'md'] as const) byId<HTMLAnchorElement>(`consortium-${format}`).href = consortiumExportUrl(state, format, document.documentElement.lang === 'fr' ? 'fr' : 'en');
  }

  function changed(): void {
    deps.saveState();
    renderMembers();
    if (state.members.length >= 2) void show();
  }

  function add(key: string, name?: string): void {
    if (name) names.set(key, name);
    if (!state.members.includes(key) && state.members.length < 20) state.members = [...state.members, key];
    changed();
  }

  // A member added while the previous answer is on its way: only the latest answer is shown.
  let asked = 0;
  async function show(): Promise<void> {
    const request = ++asked;
    if (state.members.length < 2) {
      renderMessage(deps.panelBody, strings.consortiumEmpty);
      return;
    }
    renderMessage(deps.panelBody, strings.loading);
    try {
      // The kind of partner looked for, and the theme filtered on: candidates on target.
      const kinds = PARTNER_KINDS[state.partners] ? [...PARTNER_KINDS[state.partners]!] : null;
      const asOf = state.asOf || null;
      const data = await graphql<ConsortiumData>(CONSORTIUM_QUERY, { organizations: state.members, asOf });
      // Candidates follow the consortium's theme: the one picked on the map, else those its members share.
      const membersShare = state.theme ? [] : sharedThemes(data.consortiumTable?.members ?? []);
      const themes = state.theme ? [state.theme] : membersShare.length > 0 ? membersShare : null;
      Object.assign(data, await graphql<Pick<ConsortiumData, 'candidatePartners' | 'unconnectedCandidates'>>(CANDIDATES_QUERY, { organizations: state.members, asOf, kinds, themes, withUnconnected: themes !== null }));
      data.sharedThemes = membersShare;
      if (request !== asked) return;
      for (const member of data.consortiumTable?.members ?? []) names.set(member.key, member.name);
      renderMembers();
      renderConsortium(deps.panelBody, data, strings, (key) => add(key), (key) => deps.select(key));
      deps.panel.dataset.consortium = state.members.join(',');
      // The members, what they share (so the links between them show) and the candidates.
      const shared = (data.consortiumTable?.jointWork ?? []).flatMap((work) => (work.via ? [work.via.key] : []));
      // The members drawn apart from the candidates (ringed, larger, named).
      deps.restrictMap(new Set([...state.members, ...shared, ...(data.candidatePartners ?? []).map((candidate) => candidate.organization.key)]), state.members);
    } catch (error) {
      renderMessage(deps.panelBody, `${strings.error} ${(error as Error).message}`, true);
    }
  }

  byId('consortium-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = byId<HTMLInputElement>('consortium-add');
    const text = input.value.trim();
    if (!text) return;
    const found = await deps.resolveOrganization(text);
    const message = byId('consortium-message');
    message.replaceChildren(found ? '' : strings.consortiumNotOrganisation(text));
    if (!found) return;
    if (Array.isArray(found)) {
      // Several organisations fit and none has exactly that name: ask, never pick one silently.
      const choices = document.createElement('ul');
      choices.className = 'choices';
      for (const choice of found) {
        const item = document.createElement('li');
        const pick = Object.assign(document.createElement('button'), { type: 'button', className: 'link', textContent: choice.city ? `${choice.name} (${choice.city})` : choice.name });
        pick.dataset.key = choice.key;
        pick.addEventListener('click', () => {
          message.replaceChildren();
          input.value = '';
          add(choice.key, choice.name);
        });
        item.append(pick);
        choices.append(item);
      }
      message.replaceChildren(strings.consortiumWhich(text), choices);
      return;
    }
    input.value = '';
    add(found.key, found.name);
  });
  byId('consortium-show').addEventListener('click', () => void show());
  const partners = byId<HTMLSelectElement>('consortium-partners');
  partners.value = state.partners;
  partners.addEventListener('change', () => {
    state.partners = partners.value as PartnerKind;
    changed();
  });
  renderMembers();
  return { show };
}
