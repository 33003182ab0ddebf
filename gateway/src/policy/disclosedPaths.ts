import {
  getNamedType,
  type GraphQLCompositeType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { RESERVED_ALIAS_PREFIX } from './operationPlan';

/** The field paths a record's selection set discloses (see createDisclosedPaths). */
export type DisclosedPaths = (selections: readonly SelectionNode[], type: GraphQLCompositeType, prefix?: string) => string[];

/**
 * The field paths a record's selection set discloses: its own fields, and through value
 * types (a notice's `subject.name.familyName`), but not into other records (`recordTypes`),
 * which are disclosures of their own. Fragments on the record are audited as selection sets
 * of their own; the walk merges them per record. `fragment` gives a named fragment's
 * selection set as the operation now reads (rewritten for the policy). One per decision.
 */
export function createDisclosedPaths(
  recordTypes: ReadonlyMap<string, string>,
  fragment: (name: string) => SelectionSetNode | undefined,
): DisclosedPaths {
  const fragmentPaths = new Map<string, string[]>();
  const disclosedPaths: DisclosedPaths = (selections, type, prefix = '') => [
    ...new Set(
      selections.flatMap((selection) => {
        if (selection.kind !== Kind.FIELD) {
          if (prefix === '') return [];
          if (selection.kind === Kind.INLINE_FRAGMENT) return disclosedPaths(selection.selectionSet.selections, type, prefix);
          // Each fragment's paths are found once per place: a fragment spread again and again costs one walk.
          const key = `${type.name}\n${prefix}\n${selection.name.value}`;
          let paths = fragmentPaths.get(key);
          if (!paths) {
            const nested = fragment(selection.name.value);
            paths = nested ? disclosedPaths(nested.selections, type, prefix) : [];
            fragmentPaths.set(key, paths);
          }
          return paths;
        }
        const name = selection.name.value;
        if (name.startsWith('__') || selection.alias?.value.startsWith(RESERVED_ALIAS_PREFIX)) return [];
        const definition = isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
        const childType = definition ? getNamedType(definition.type) : undefined;
        const below =
          selection.selectionSet && isCompositeType(childType) && !recordTypes.has(childType.name)
            ? disclosedPaths(selection.selectionSet.selections, childType, `${prefix}${name}.`)
            : [];
        return [`${prefix}${name}`, ...below];
      }),
    ),
  ];
  return disclosedPaths;
}
