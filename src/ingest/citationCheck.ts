import { foldForSearch } from '../domains/shared/foldForSearch.js';
import type { SeedGraph } from './importFormat.js';

/**
 * A cheap guard against citations that drift from what they cite: for every citation of a
 * folder, the cited line (or lines, `lines 5-7`) must exist in the stored text of its source
 * and name each entity the fact is about (an entity by itself; both ends of a relationship;
 * the subject of a figure or a claim), by its name, an alias, a former name, or, for a
 * person, the family name. It does not prove that the line states the fact; it catches a
 * locator that points at the wrong line, which is how facts come to say more than their source.
 * An entity that no stored text names at all (an event or a ranking the graph describes in its
 * own words, such as "Launch of the association") cannot be checked this way and is left out.
 * An official act's own text names the act on every line: a source with an official `number`
 * names, everywhere in it, the entity that has that number as an alias.
 */
export interface CitationViolation {
  /** Where the citation is: `relationships.yaml founder-digital-113`. */
  entry: string;
  citation: string;
  reason: string;
}

interface Named {
  id: string;
  name: string;
  aliases?: { fr?: string[]; en?: string[] };
  formerNames?: string[];
}

const LOCATOR = /^lines? (\d+)(?:-(\d+))?$/;
/** A range may span a paragraph (a sentence broken over lines), not a page. */
export const MAX_RANGE = 8;

function normalise(text: string): string {
  return ` ${foldForSearch(text).replace(/[^a-z0-9@#]+/g, ' ').trim()} `;
}

/** The forms an entity may be named by in a line, normalised. */
function namesOf(entity: Named, person: boolean): string[] {
  const names = [entity.name, ...(entity.aliases?.fr ?? []), ...(entity.aliases?.en ?? []), ...(entity.formerNames ?? [])];
  const forms = names.flatMap((name) => [name, name.replace(/\s*\(.*\)\s*$/, '')]);
  if (person) forms.push(entity.name.split(/\s+/).at(-1)!);
  return [...new Set(forms.map(normalise).filter((form) => form.trim().length > 1))];
}

/**
 * Every violation of a folder's citations; `textOf(sourceId)` gives the stored text of a
 * source, or null when none is stored (its citations are then not checked).
 */
export function citationViolations(graph: SeedGraph, textOf: (sourceId: string) => string | null): CitationViolation[] {
  const lines = new Map<string, string[] | null>();
  const linesOf = (sourceId: string) => {
    if (!lines.has(sourceId)) {
      const file = graph.sources.find((source) => source.id === sourceId)?.file;
      const text = file ? textOf(sourceId) : null;
      lines.set(sourceId, text === null ? null : text.split('\n'));
    }
    return lines.get(sourceId)!;
  };
  const named = new Map<string, string[]>();
  for (const entity of [...graph.organizations, ...graph.projects, ...graph.labels, ...graph.events]) named.set(entity.id, namesOf(entity, false));
  for (const person of graph.people) named.set(person.id, namesOf(person, true));

  const texts = graph.sources.map((source) => linesOf(source.id)).filter((text): text is string[] => text !== null);
  const everything = normalise(texts.map((text) => text.join(' ')).join(' '));
  for (const [id, forms] of named) if (!forms.some((form) => everything.includes(form))) named.delete(id);

  const actOf = new Map<string, string>();
  for (const source of graph.sources) {
    if (!source.number) continue;
    const number = normalise(source.number);
    for (const [id, forms] of named) if (forms.includes(number)) actOf.set(source.id, id);
  }

  const violations: CitationViolation[] = [];
  const check = (entry: string, citations: string[], about: string[]) => {
    for (const citation of citations) {
      const [sourceId, locator] = [citation.slice(0, citation.indexOf('#')), citation.slice(citation.indexOf('#') + 1)];
      const text = linesOf(sourceId);
      if (text === null) continue;
      const match = LOCATOR.exec(locator);
      if (!match) {
        violations.push({ entry, citation, reason: 'the locator is not "line N" or "lines N-M"' });
        continue;
      }
      const first = Number(match[1]);
      const last = match[2] ? Number(match[2]) : first;
      if (last < first || last - first >= MAX_RANGE || first < 1 || last > text.length) {
        violations.push({ entry, citation, reason: `no such line range in a text of ${text.length} lines (at most ${MAX_RANGE} lines)` });
        continue;
      }
      const cited = normalise(text.slice(first - 1, last).join(' '));
      for (const id of about) {
        if (actOf.get(sourceId) === id) continue;
        const forms = named.get(id);
        if (forms && !forms.some((form) => cited.includes(form))) violations.push({ entry, citation, reason: `the cited text does not name "${id}"` });
      }
    }
  };

  for (const [file, entities] of [
    ['organizations', graph.organizations],
    ['people', graph.people],
    ['projects', graph.projects],
    ['labels', graph.labels],
    ['events', graph.events],
  ] as const) {
    for (const entity of entities as Array<Named & { sources: string[]; figures?: Array<{ name: string; sources: string[] }> }>) {
      check(`${file}.yaml ${entity.id}`, entity.sources, [entity.id]);
      for (const figure of entity.figures ?? []) check(`${file}.yaml ${entity.id} figure "${figure.name}"`, figure.sources, [entity.id]);
    }
  }
  for (const relationship of graph.relationships) check(`relationships.yaml ${relationship.id}`, relationship.sources, [relationship.from, relationship.to]);
  for (const claim of graph.claims) check(`claims.yaml ${claim.id}`, claim.sources, [claim.subject]);
  return violations;
}
