import type { CandidateData, Citation, ConsortiumData, JointWorkData } from './api.js';
import type { Strings } from './i18n.js';
import { citationItem, element } from './panel.js';

/**
 * The consortium being built, side by side in the panel: what its members already did
 * together (each item with the members it involves, their roles and the sources), and the
 * candidates to complete it with their evidence and sources, each with a button that adds it.
 */
export function renderConsortium(body: HTMLElement, data: ConsortiumData, strings: Strings, onAdd: (key: string) => void, onSelect: (key: string) => void): void {
  body.replaceChildren();
  body.append(element('h3', strings.consortium));
  const columns = element('div', undefined, 'consortium-columns');
  const joint = element('section', undefined, 'joint-work');
  joint.append(element('h4', strings.consortiumJointWork));
  const work = data.consortiumTable?.jointWork ?? [];
  if (work.length === 0) joint.append(element('p', strings.consortiumNothingJoint));
  const jointList = element('ul');
  for (const item of work) jointList.append(jointWorkItem(item, strings, onSelect));
  joint.append(jointList);

  const candidates = element('section', undefined, 'candidates');
  candidates.append(element('h4', strings.consortiumCandidates));
  if (data.sharedThemes?.length) candidates.append(element('p', strings.consortiumSharedThemes(data.sharedThemes.map(strings.themeName).join(', ')), 'shared-themes'));
  const list = data.candidatePartners ?? [];
  if (list.length === 0) candidates.append(element('p', strings.consortiumNoCandidate));
  const candidateList = element('ol');
  for (const candidate of list) candidateList.append(candidateItem(candidate, strings, onAdd, onSelect));
  candidates.append(candidateList);
  const unconnected = data.unconnectedCandidates ?? [];
  if (unconnected.length > 0) {
    // Actors of the same themes with no link to the set yet: new actors are not invisible.
    candidates.append(element('h4', strings.consortiumUnconnected));
    const list = element('ul', undefined, 'unconnected');
    for (const organization of unconnected) {
      const item = element('li');
      item.dataset.key = organization.key;
      item.append(entityButton(organization.name, organization.key, onSelect), ' ');
      const add = element('button', '+', 'add');
      add.type = 'button';
      add.setAttribute('aria-label', strings.consortiumAddCandidate(organization.name));
      add.addEventListener('click', () => onAdd(organization.key));
      item.append(add, element('span', ` ${[organization.kind ? strings.kindName(organization.kind) : null, ...organization.themes.map(strings.themeName)].filter(Boolean).join(' · ')}`, 'kind'));
      list.append(item);
    }
    candidates.append(list);
  }
  columns.append(joint, candidates);
  body.append(columns);
}

/** The sources of some relationships, each citation once. */
function sourcesOf(relationships: Array<{ sources: Citation[] }>, strings: Strings): HTMLUListElement {
  const list = element('ul', undefined, 'sources');
  const seen = new Set<string>();
  for (const citation of relationships.flatMap((relationship) => relationship.sources)) {
    const id = `${citation.source.key}#${citation.locator}`;
    if (!seen.has(id)) list.append(citationItem(citation, strings));
    seen.add(id);
  }
  return list;
}

function entityButton(name: string, key: string, onSelect: (key: string) => void): HTMLButtonElement {
  const button = element('button', name, 'link');
  button.type = 'button';
  button.addEventListener('click', () => onSelect(key));
  return button;
}

export function jointWorkItem(item: JointWorkData, strings: Strings, onSelect: (key: string) => void): HTMLLIElement {
  const entry = element('li');
  entry.dataset.kind = item.kind;
  const title = element('p', undefined, 'joint-title');
  if (item.via) title.append(entityButton(item.via.name, item.via.key, onSelect), ' ');
  title.append(element('span', `(${strings.evidenceKind[item.kind] ?? item.kind})`, 'kind'));
  entry.append(title);
  const roles = item.members.map((member) => {
    const own = item.relationships.filter((relationship) => relationship.from.key === member.key && relationship.role).map((relationship) => strings.roleName(relationship.role!));
    return own.length > 0 ? `${member.name} (${own.join(', ')})` : member.name;
  });
  entry.append(element('p', roles.join(' · '), 'members'));
  entry.append(sourcesOf(item.relationships, strings));
  return entry;
}

function candidateItem(candidate: CandidateData, strings: Strings, onAdd: (key: string) => void, onSelect: (key: string) => void): HTMLLIElement {
  const entry = element('li');
  entry.dataset.key = candidate.organization.key;
  const title = element('p', undefined, 'candidate-title');
  title.append(entityButton(candidate.organization.name, candidate.organization.key, onSelect), ' ');
  const add = element('button', '+', 'add');
  add.type = 'button';
  add.setAttribute('aria-label', strings.consortiumAddCandidate(candidate.organization.name));
  add.title = strings.consortiumAddCandidate(candidate.organization.name);
  add.addEventListener('click', () => onAdd(candidate.organization.key));
  title.append(add);
  entry.append(title, element('p', strings.consortiumStrength(candidate.strength, candidate.connectedTo), 'kind'));
  const evidence = element('ul', undefined, 'evidence');
  for (const link of candidate.evidence) {
    for (const piece of link.evidence) {
      const item = element('li', `${strings.consortiumWith(link.with.name)}: ${strings.evidenceKind[piece.kind] ?? piece.kind}${piece.via ? ` — ${piece.via.name}` : ''} (${piece.weight})`);
      item.append(sourcesOf(piece.relationships, strings));
      evidence.append(item);
    }
  }
  entry.append(evidence);
  return entry;
}

/**
 * A link of the partnership network: the two organisations, the pair's strength, and what they
 * did together (the consortium table of the two, each item with its roles and sources).
 */
export function renderPartnership(body: HTMLElement, data: ConsortiumData, strength: number, strings: Strings, onSelect: (key: string) => void): void {
  body.replaceChildren();
  const heading = element('h3');
  for (const [index, member] of (data.consortiumTable?.members ?? []).entries()) heading.append(...(index > 0 ? [element('span', ' — ')] : []), entityButton(member.name, member.key, onSelect));
  body.append(heading, element('p', strings.partnershipStrength(strength), 'kind'));
  const list = element('ul');
  list.className = 'joint-work';
  for (const item of data.consortiumTable?.jointWork ?? []) list.append(jointWorkItem(item, strings, onSelect));
  body.append(list);
}
