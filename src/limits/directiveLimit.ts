import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';

/**
 * The directives of an operation, counted whole: on its fields, on its inline fragments, on
 * each fragment spread and inside the fragment every time it is spread. graphql-armor's own
 * count drops the directives of a spread whose fragment it has already visited, so 200
 * `...F @include(if: true)` passed a limit of 20. Its message is armor's, so the rejection is
 * typed the same way (armor.ts).
 */
export function maxDirectivesRule(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    // A fragment's count, once (fragments cannot spread themselves: graphql-js refuses cycles).
    const fragmentCounts = new Map<string, number>();
    const countSet = (selectionSet: SelectionSetNode | undefined, visiting: Set<string>): number => {
      let count = 0;
      for (const selection of selectionSet?.selections ?? []) {
        count += selection.directives?.length ?? 0;
        if (selection.kind === Kind.FRAGMENT_SPREAD) count += countFragment(context.getFragment(selection.name.value), visiting);
        else count += countSet(selection.selectionSet, visiting);
      }
      return count;
    };
    const countFragment = (fragment: FragmentDefinitionNode | null | undefined, visiting: Set<string>): number => {
      if (!fragment || visiting.has(fragment.name.value)) return 0;
      const known = fragmentCounts.get(fragment.name.value);
      if (known !== undefined) return known;
      visiting.add(fragment.name.value);
      const count = (fragment.directives?.length ?? 0) + countSet(fragment.selectionSet, visiting);
      visiting.delete(fragment.name.value);
      fragmentCounts.set(fragment.name.value, count);
      return count;
    };
    return {
      OperationDefinition(operation) {
        const found = (operation.directives?.length ?? 0) + countSet(operation.selectionSet, new Set());
        if (found > max) context.reportError(new GraphQLError(`Directives limit of ${max} exceeded, found ${found}.`, { nodes: [operation] }));
      },
    };
  };
}
