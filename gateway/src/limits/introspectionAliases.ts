import { type FragmentDefinitionNode, Kind, type SelectionSetNode } from 'graphql';

/**
 * The fields that open introspection. What is below them is not counted by depth or cost: a
 * type reference nests `ofType` eight deep, and graphql-js's validation already bounds how
 * deep introspection's lists nest (MaxIntrospectionDepthRule). Only their aliases are counted.
 */
export const INTROSPECTION_ROOTS: ReadonlySet<string> = new Set(['__schema', '__type']);

/**
 * Counts the aliases in an introspection selection set, through its fragments (`fragments`,
 * by name), for one document. Linear: each fragment is walked once, its count reused at
 * every spread.
 */
export function createIntrospectionAliasCounter(
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): (selectionSet: SelectionSetNode | undefined) => number {
  const known = new Map<string, number | 'walking'>();
  const count = (selectionSet: SelectionSetNode | undefined): number => {
    let aliases = 0;
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.INLINE_FRAGMENT) aliases += count(selection.selectionSet);
      else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        let counted = known.get(name);
        if (counted === 'walking') continue; // A cycle; validation refuses these before measuring.
        if (counted === undefined) {
          known.set(name, 'walking');
          counted = count(fragments.get(name)?.selectionSet);
          known.set(name, counted);
        }
        aliases += counted;
      } else aliases += (selection.alias ? 1 : 0) + count(selection.selectionSet);
    }
    return aliases;
  };
  return count;
}
