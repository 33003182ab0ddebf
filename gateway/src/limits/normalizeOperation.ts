import type { GraphQLSchema } from 'graphql';
import {
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  type GraphQLCompositeType,
  type InlineFragmentNode,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type NamedTypeNode,
  type OperationDefinitionNode,
  print,
  SchemaMetaFieldDef,
  type SelectionNode,
  type SelectionSetNode,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
} from 'graphql';

/** Thrown when merging would visit more selections than allowed; `visited` is where it stopped. */
export class OperationTooLarge extends Error {
  constructor(readonly visited: number) {
    super(`merging the operation's fragments visited more than ${visited - 1} selections`);
  }
}

type Entry =
  | { kind: 'field'; node: FieldNode; type: GraphQLCompositeType | undefined; sets: SelectionSetNode[] }
  | {
      kind: 'group';
      condition: NamedTypeNode | undefined;
      directives: readonly DirectiveNode[] | undefined;
      type: GraphQLCompositeType;
      sets: SelectionSetNode[];
      loc: InlineFragmentNode['loc'];
    };

/**
 * The operation with its fragments merged the way GraphQL collects fields: no named fragments;
 * a fragment that always applies where it is spread is merged into the selection around it;
 * same-named fields without directives are merged at their first place (when nothing that
 * could hold the same name comes between); a repeated identical
 * fragment, inline fragment or field is kept once. The answer is the same, field order
 * included, and a part that can never apply (a fragment on B merged into a selection on A) is
 * dropped, as GraphQL would skip it. Every later stage (policy decision, planning, result
 * shaping, record rules) sees a document whose size is what it asks for, not what its
 * fragments expand to: a chain of fragments each spreading the next twice becomes one field.
 * `@include`/`@skip` and other directives are kept as written, since their effect depends on
 * the variables and the result is shared by every request with this document.
 *
 * Linear in the selections visited, which are counted: past `maxVisited` it throws
 * OperationTooLarge instead of going on. Returns the document unchanged if it names a field or
 * type the schema does not have (validation refuses such a document first).
 */
export function normalizeOperation(schema: GraphQLSchema, document: DocumentNode, maxVisited: number): DocumentNode {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const keys = new StructuralKeys();
  let visited = 0;

  const typeNamed = (node: NamedTypeNode | undefined, around: GraphQLCompositeType): GraphQLCompositeType | undefined => {
    if (!node) return around;
    const type = schema.getType(node.name.value);
    return type && isCompositeType(type) ? type : undefined;
  };
  /** Whether a fragment on `type` applies to every object `around` can be. */
  const alwaysApplies = (type: GraphQLCompositeType, around: GraphQLCompositeType) =>
    type === around || (isAbstractType(type) && (isObjectType(around) || isInterfaceType(around)) && schema.isSubType(type, around));

  /** Whether no object can be both: a fragment merged into a narrower type may hold such a part, which GraphQL would skip. */
  const neverApplies = (type: GraphQLCompositeType, around: GraphQLCompositeType) => {
    const possible = new Set(isAbstractType(around) ? schema.getPossibleTypes(around) : [around]);
    return !(isAbstractType(type) ? schema.getPossibleTypes(type) : [type]).some((object) => possible.has(object as never));
  };

  function selectionSetOf(sets: readonly SelectionSetNode[], parent: GraphQLCompositeType): SelectionSetNode {
    const entries: Entry[] = [];
    /**
     * The last directive-free field of each response key, and the barrier count when it was
     * added. A later same-named field merges into it only if no kept part with directives or
     * type condition came between: that part may hold the same key, and GraphQL merges
     * subfields in the order their fields appear.
     */
    const merged = new Map<string, { entry: Entry & { kind: 'field' }; barrier: number }>();
    let barriers = 0;
    const seen = new Set<string>();
    const spreadDone = new Set<string>();

    const collect = (set: SelectionSetNode) => {
      for (const selection of set.selections) {
        visited += 1;
        if (visited > maxVisited) throw new OperationTooLarge(visited);
        if (selection.kind === Kind.FIELD) addField(selection);
        else if (selection.kind === Kind.FRAGMENT_SPREAD) {
          const fragment = fragments.get(selection.name.value);
          if (!fragment) throw new UnknownInSchema();
          if (!selection.directives?.length) {
            if (spreadDone.has(fragment.name.value)) continue;
            spreadDone.add(fragment.name.value);
          }
          addFragment(fragment.typeCondition, selection.directives, fragment.selectionSet, selection.loc);
        } else addFragment(selection.typeCondition, selection.directives, selection.selectionSet, selection.loc);
      }
    };

    const addField = (field: FieldNode) => {
      const responseKey = field.alias?.value ?? field.name.value;
      if (!field.directives?.length) {
        const earlier = merged.get(responseKey);
        if (earlier && earlier.barrier === barriers) {
          if (field.selectionSet) earlier.entry.sets.push(field.selectionSet);
          return;
        }
      } else {
        const key = `f${keys.ofSelection(field)}`;
        if (seen.has(key)) return;
        seen.add(key);
      }
      const entry: Entry & { kind: 'field' } = {
        kind: 'field',
        node: field,
        type: fieldType(field, parent),
        sets: field.selectionSet ? [field.selectionSet] : [],
      };
      if (field.selectionSet && !entry.type) throw new UnknownInSchema();
      if (field.directives?.length) barriers += 1;
      else merged.set(responseKey, { entry, barrier: barriers });
      entries.push(entry);
    };

    const addFragment = (
      condition: NamedTypeNode | undefined,
      directives: readonly DirectiveNode[] | undefined,
      set: SelectionSetNode,
      loc: InlineFragmentNode['loc'],
    ) => {
      const type = typeNamed(condition, parent);
      if (!type) throw new UnknownInSchema();
      if (neverApplies(type, parent)) return;
      if (!directives?.length && alwaysApplies(type, parent)) return collect(set);
      const key = `g${type.name}@${keys.ofDirectives(directives)}{${keys.ofSet(set)}}`;
      if (seen.has(key)) return;
      seen.add(key);
      barriers += 1;
      entries.push({ kind: 'group', condition: condition ?? undefined, directives, type, sets: [set], loc });
    };

    const fieldType = (field: FieldNode, on: GraphQLCompositeType): GraphQLCompositeType | undefined => {
      const name = field.name.value;
      const definition =
        name === TypeNameMetaFieldDef.name
          ? TypeNameMetaFieldDef
          : on === schema.getQueryType() && name === SchemaMetaFieldDef.name
            ? SchemaMetaFieldDef
            : on === schema.getQueryType() && name === TypeMetaFieldDef.name
              ? TypeMetaFieldDef
              : isObjectType(on) || isInterfaceType(on)
                ? on.getFields()[name]
                : undefined;
      if (!definition) return undefined;
      const type = getNamedType(definition.type);
      return isCompositeType(type) ? type : undefined;
    };

    for (const set of sets) collect(set);
    const selections: SelectionNode[] = entries.map((entry) => {
      if (entry.kind === 'field')
        return entry.sets.length === 0 ? entry.node : { ...entry.node, selectionSet: selectionSetOf(entry.sets, entry.type!) };
      const inline: InlineFragmentNode = {
        kind: Kind.INLINE_FRAGMENT,
        ...(entry.condition ? { typeCondition: entry.condition } : {}),
        ...(entry.directives ? { directives: entry.directives } : {}),
        selectionSet: selectionSetOf(entry.sets, entry.type),
        ...(entry.loc ? { loc: entry.loc } : {}),
      };
      return inline;
    });
    // Everything here could be dropped as never applying: the answer is `{}`, and GraphQL wants a selection.
    if (selections.length === 0) selections.push(NOTHING_SELECTED);
    return { kind: Kind.SELECTION_SET, selections, ...(sets[0]?.loc ? { loc: sets[0].loc } : {}) };
  }

  try {
    const operations = document.definitions
      .filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)
      .map((operation): OperationDefinitionNode => {
        const root = schema.getRootType(operation.operation);
        if (!root) throw new UnknownInSchema();
        return { ...operation, selectionSet: selectionSetOf([operation.selectionSet], root) };
      });
    return { kind: Kind.DOCUMENT, definitions: operations, ...(document.loc ? { loc: document.loc } : {}) };
  } catch (error) {
    if (error instanceof UnknownInSchema) return document;
    throw error;
  }
}

/** `... @skip(if: true) { __typename }`: a selection that selects nothing. */
const NOTHING_SELECTED: InlineFragmentNode = {
  kind: Kind.INLINE_FRAGMENT,
  directives: [
    {
      kind: Kind.DIRECTIVE,
      name: { kind: Kind.NAME, value: 'skip' },
      arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'if' }, value: { kind: Kind.BOOLEAN, value: true } }],
    },
  ],
  selectionSet: { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }] },
};

/** A name the schema does not know: the document is left as it is (validation refuses it). */
class UnknownInSchema extends Error {}

/**
 * A small number per distinct selection set, by structure, computed once per AST node:
 * two copies of the same inline fragment get the same key without comparing them again.
 */
class StructuralKeys {
  private readonly numbers = new Map<string, number>();
  private readonly ofNode = new WeakMap<SelectionSetNode, number>();

  ofSet(set: SelectionSetNode): number {
    let number = this.ofNode.get(set);
    if (number === undefined) {
      const key = set.selections.map((selection) => this.ofSelection(selection)).join(',');
      number = this.numbers.get(key);
      if (number === undefined) this.numbers.set(key, (number = this.numbers.size));
      this.ofNode.set(set, number);
    }
    return number;
  }

  ofSelection(selection: SelectionNode): string {
    const directives = this.ofDirectives(selection.directives);
    if (selection.kind === Kind.FIELD) {
      const args = selection.arguments?.length ? `(${selection.arguments.map(print).join(',')})` : '';
      return `${selection.alias?.value ?? ''}:${selection.name.value}${args}@${directives}{${selection.selectionSet ? this.ofSet(selection.selectionSet) : ''}}`;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) return `...${selection.name.value}@${directives}`;
    return `...on ${selection.typeCondition?.name.value ?? ''}@${directives}{${this.ofSet(selection.selectionSet)}}`;
  }

  ofDirectives(directives: readonly DirectiveNode[] | undefined): string {
    return directives?.length ? directives.map(print).join(' ') : '';
  }
}
