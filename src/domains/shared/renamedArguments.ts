import { BadUserInputError } from '../../errors.js';

/**
 * Arguments renamed with the old name kept for a while (`@deprecated` in the schema): the new
 * name or the old one answers, never both at once.
 */
export function renamed<T>(current: T | null | undefined, former: T | null | undefined, names: { current: string; former: string }): T | null {
  const given = (value: T | null | undefined) => value !== null && value !== undefined;
  if (given(current) && given(former)) throw new BadUserInputError(`Give \`${names.current}\` or its former name \`${names.former}\`, not both.`, { argument: names.current });
  return given(current) ? current! : given(former) ? former! : null;
}

/** The entity types asked (`entityTypes`, formerly `kinds`). */
export function entityTypesOf<T>(args: { entityTypes?: T[] | null; kinds?: T[] | null }, path = ''): T[] | null {
  return renamed(args.entityTypes, args.kinds, { current: `${path}entityTypes`, former: `${path}kinds` });
}

/** The two organisations of a pair question (`organizations: [a, b]`, formerly `first` and `second`). */
export function pairOf(args: { organizations?: string[] | null; first?: string | null; second?: string | null }): [string, string] {
  if (args.organizations !== null && args.organizations !== undefined) {
    if ((args.first ?? args.second) !== undefined && (args.first ?? args.second) !== null) {
      throw new BadUserInputError('Give `organizations` or its former form `first` and `second`, not both.', { argument: 'organizations' });
    }
    if (args.organizations.length !== 2) throw new BadUserInputError(`\`organizations\`: give exactly two organisations (got ${args.organizations.length}).`, { argument: 'organizations' });
    return [args.organizations[0]!, args.organizations[1]!];
  }
  if (!args.first || !args.second) throw new BadUserInputError('Give the two organisations: `organizations: [a, b]`.', { argument: 'organizations' });
  return [args.first, args.second];
}
