import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

export type SelectionInfo = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>;

/**
 * The names of the fields the operation asks for at `path` below the field being resolved
 * (e.g. `['edges', 'node']`), through inline and named fragments, whatever their type
 * condition (so the answer may name fields of several types). Lets a resolver skip work
 * nobody asked for.
 */
export function selectedFields(info: SelectionInfo, path: readonly string[] = []): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined, depth: number): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, depth);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const key = `${selection.name.value}@${depth}`;
        if (seen.has(key)) continue;
        seen.add(key);
        visit(info.fragments[selection.name.value]?.selectionSet, depth);
      } else if (depth === path.length) {
        names.add(selection.name.value);
      } else if (selection.name.value === path[depth]) {
        visit(selection.selectionSet, depth + 1);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, 0);
  return names;
}

/** Whether the operation asks for `name` directly under the field being resolved (e.g. to count every match only when totalCount is asked). */
export function selectsField(info: SelectionInfo, name: string): boolean {
  return selectedFields(info).has(name);
}
