import {
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  type GraphQLObjectType,
  isNonNullType,
  Kind,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { type MarkingType, type OperationDecision, TYPENAME_ALIAS } from './operationPlan';

const MARKING_TYPES: ReadonlySet<string> = new Set<MarkingType>(['HandlingCode', 'Handling', 'Tlp']);
const INTROSPECTION_ROOT_FIELDS = new Set(['__schema', '__type']);

/** The same field under the gateway's alias. */
export function aliasField(alias: string, field: FieldNode): FieldNode {
  return { ...field, alias: { kind: Kind.NAME, value: alias } };
}

/** `__typename` under the gateway's alias. */
export const typenameField = (): FieldNode => ({
  kind: Kind.FIELD,
  alias: { kind: Kind.NAME, value: TYPENAME_ALIAS },
  name: { kind: Kind.NAME, value: '__typename' },
});
/** A field by name, no alias, arguments or selection. */
export const plainField = (name: string): FieldNode => ({ kind: Kind.FIELD, name: { kind: Kind.NAME, value: name } });
/** A field by name selecting these leaves. */
export const withFields = (name: string, fields: string[]): FieldNode => ({
  ...plainField(name),
  selectionSet: { kind: Kind.SELECTION_SET, selections: fields.map(plainField) },
});
/**
 * `provenance { owner tlp handling { … } retainUntil purposes classification restrictions { … } }`: whose the
 * record is, how it must be handled, and what the gateway needs to check its release again.
 */
export const recordProvenanceField = (): FieldNode => ({
  ...plainField('provenance'),
  selectionSet: {
    kind: Kind.SELECTION_SET,
    selections: [
      plainField('owner'),
      plainField('tlp'),
      withFields('handling', ['code', 'conditions']),
      plainField('retainUntil'),
      plainField('purposes'),
      plainField('classification'),
      withFields('restrictions', ['allowedAgencies', 'deniedAgencies', 'existenceOnlyAgencies']),
    ],
  },
});

/** Whether a selection is `name` itself: no alias, arguments or directives, so its value can be read as is. */
export function isPlainField(selection: SelectionNode, name: string): boolean {
  return (
    selection.kind === Kind.FIELD &&
    selection.name.value === name &&
    (!selection.alias || selection.alias.value === name) &&
    !selection.arguments?.length &&
    !selection.directives?.length
  );
}

const markingFields = new WeakMap<GraphQLObjectType, { name: string; type: MarkingType }[]>();
/** The fields of a record type, besides `provenance`, whose type is a handling marking (and that take no required argument). */
export function markingFieldsOf(type: GraphQLObjectType): { name: string; type: MarkingType }[] {
  let found = markingFields.get(type);
  if (!found) {
    found = Object.values(type.getFields())
      .filter(
        (field) =>
          field.name !== 'provenance' &&
          MARKING_TYPES.has(getNamedType(field.type).name) &&
          !field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined),
      )
      .map((field) => ({ name: field.name, type: getNamedType(field.type).name as MarkingType }));
    markingFields.set(type, found);
  }
  return found;
}
/** Whether the operation's root reads introspection (`__schema`, `__type`) only, not at all, or mixed with data. */
export function classifyIntrospection(
  set: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): OperationDecision['introspection'] {
  let introspection = false;
  let data = false;
  const visit = (selections: readonly SelectionNode[], seen: Set<string>) => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) {
        if (INTROSPECTION_ROOT_FIELDS.has(selection.name.value)) introspection = true;
        else if (selection.name.value !== '__typename') data = true;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet.selections, seen);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        visit(fragments.get(selection.name.value)?.selectionSet.selections ?? [], seen);
      }
    }
  };
  visit(set.selections, new Set());
  return introspection ? (data ? 'mixed' : 'only') : 'none';
}
