import type { PathData } from './api.js';
import type { Strings } from './i18n.js';
import { citationItem } from './panel.js';

/**
 * The steps of a shortest path as list items: each entity, then the relationship to the next
 * one read in its own direction ("University of Montpellier — takes part in → AI Health
 * Alliance", or "← … —" when the next entity is its start), with the relationship's sources.
 */
export function pathSteps(path: PathData, strings: Strings): HTMLLIElement[] {
  return path.nodes.map((node, index) => {
    const item = document.createElement('li');
    item.dataset.key = node.key;
    item.append(Object.assign(document.createElement('strong'), { textContent: node.name }));
    const relationship = path.relationships[index];
    if (relationship) {
      const verb = `${strings.relationshipVerb[relationship.type] ?? relationship.type}${relationship.role ? ` (${strings.roleName(relationship.role)})` : ''}`;
      const forward = relationship.from.key === node.key;
      item.append(Object.assign(document.createElement('span'), { className: 'step', textContent: forward ? ` — ${verb} →` : ` ← ${verb} —` }));
      const sources = Object.assign(document.createElement('ul'), { className: 'sources' });
      for (const citation of relationship.sources) sources.append(citationItem(citation, strings));
      item.append(sources);
    }
    return item;
  });
}
