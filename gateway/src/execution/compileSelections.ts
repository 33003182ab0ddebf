import {
  type DirectiveNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  type GraphQLCompositeType,
  GraphQLError,
  type GraphQLSchema,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  print,
  type SelectionNode,
} from 'graphql';
import { introspectionOf } from './introspectionOf';
import { type Shape, shapeOf } from './outputShape';
import { needsOwnAccess } from './ownKeys';
import { type SkipTest, skipTestOf } from './skipTestOf';

/** One compiled selection of a response's shape. */
export type Selection =
  | { kind: 'field'; key: string; careful: boolean; skip: SkipTest; shape: Shape; selections: Selection[] | undefined }
  | { kind: 'typename'; key: string; careful: boolean; skip: SkipTest }
  | { kind: 'introspection'; key: string; careful: boolean; skip: SkipTest; run: (variables: Record<string, unknown>) => unknown }
  | {
      kind: 'fragment';
      skip: SkipTest;
      condition: string | undefined;
      applies: (typename: string) => boolean;
      appliesStatically: boolean;
      selections: Selection[];
    };

/** A selection being compiled: the nodes merged into it so far, each named fragment spread among them once. */
interface Pending {
  kind: 'field' | 'typename' | 'introspection' | 'fragment';
  /** The response key, or a fragment's type condition. */
  key: string;
  skip: SkipTest;
  node: SelectionNode;
  nodes: SelectionNode[];
  spreads: Set<string>;
}

/** Adds selections to a pending one, each named fragment spread (by name and @skip/@include) once. */
function append(entry: Pending, list: readonly SelectionNode[]): void {
  for (const node of list) {
    if (node.kind === Kind.FRAGMENT_SPREAD) {
      const signature = `...${node.name.value} ${skipSignature(node.directives)}`;
      if (entry.spreads.has(signature)) continue;
      entry.spreads.add(signature);
    }
    entry.nodes.push(node);
  }
}

/** The @skip/@include directives of a selection, printed: selections merge only under the same ones. */
function skipSignature(directives: readonly DirectiveNode[] | undefined): string {
  return (directives ?? [])
    .filter((d) => d.name.value === 'skip' || d.name.value === 'include')
    .map((d) => print(d))
    .join(' ');
}

/**
 * The compiler of an operation's selections (see `compile` below), with what it needs of
 * the schema and the document. Type-condition answers are remembered per type pair.
 */
export function createSelectionCompiler(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
) {
  const subtypeCache = new Map<string, Map<string, boolean>>();

  /** @apollo/gateway's `isSubtype(condition, type)`: the same type, or a possible type of an abstract one. */
  const isSubtype = (condition: string, typename: string): boolean => {
    let cache = subtypeCache.get(condition);
    if (!cache) subtypeCache.set(condition, (cache = new Map()));
    let answer = cache.get(typename);
    if (answer === undefined) {
      const conditionType = schema.getType(condition);
      const type = schema.getType(typename);
      answer =
        !!type &&
        (condition === typename ||
          (!!conditionType &&
            isAbstractType(conditionType) &&
            (isObjectType(type) || isInterfaceType(type)) &&
            schema.isSubType(conditionType, type)));
      cache.set(typename, answer);
    }
    return answer;
  };

  /**
   * Compiles selections as federation-internals normalizes an operation: the fields of one
   * response key (and the same @skip/@include) merged into one, the fragments of one type
   * condition (and the same @skip/@include) merged into one, and a fragment that always
   * applies (no condition, or its object parent's own type, and no @skip/@include) inlined,
   * each named fragment once per selection. Applying a selection a second time changes
   * nothing, so merging is exact; and the compiled selections (and each request's walk) stay
   * linear in the document's size however often a fragment is spread (`...F ...F` at every
   * level), where a walk of the document as written grows exponentially.
   */
  const compile = (nodes: readonly SelectionNode[], parent: GraphQLCompositeType): Selection[] => {
    const entries: Pending[] = [];
    const merged = new Map<string, Pending>();
    const inlined = new Set<string>();
    const add = (list: readonly SelectionNode[]) => {
      for (const node of list) {
        const skip = skipTestOf(node.directives);
        if (skip === true) continue;
        const signature = skip ? skipSignature(node.directives) : '';
        if (node.kind === Kind.FIELD) {
          const key = node.alias?.value ?? node.name.value;
          const name = node.name.value;
          const kind = name === '__typename' ? 'typename' : name === '__schema' || name === '__type' ? 'introspection' : 'field';
          const mergeKey = `${kind} ${key} ${signature}`;
          const existing = merged.get(mergeKey);
          if (existing) {
            if (kind === 'field') append(existing, node.selectionSet?.selections ?? []);
            continue;
          }
          const entry: Pending = { kind, key, skip, node, nodes: [], spreads: new Set() };
          append(entry, node.selectionSet?.selections ?? []);
          merged.set(mergeKey, entry);
          entries.push(entry);
          continue;
        }
        const fragment = node.kind === Kind.FRAGMENT_SPREAD ? fragments[node.name.value] : node;
        if (!fragment) throw new GraphQLError(`Unknown fragment "${(node as { name: { value: string } }).name.value}".`);
        const condition = fragment.typeCondition?.name.value;
        if (skip === null && (!condition || (condition === parent.name && isObjectType(parent)))) {
          if (node.kind === Kind.FRAGMENT_SPREAD) {
            if (inlined.has(node.name.value)) continue;
            inlined.add(node.name.value);
          }
          add(fragment.selectionSet.selections);
          continue;
        }
        const mergeKey = `fragment ${condition ?? ''} ${signature}`;
        let entry = merged.get(mergeKey);
        if (!entry) {
          entry = { kind: 'fragment', key: condition ?? '', skip, node, nodes: [], spreads: new Set() };
          merged.set(mergeKey, entry);
          entries.push(entry);
        }
        if (node.kind === Kind.FRAGMENT_SPREAD) {
          // Each named fragment once per merged fragment: its selections, not the spread (which would compile to this fragment again).
          if (entry.spreads.has(node.name.value)) continue;
          entry.spreads.add(node.name.value);
        }
        append(entry, fragment.selectionSet.selections);
      }
    };
    add(nodes);
    return entries.map((entry): Selection => {
      const { key, skip } = entry;
      const careful = needsOwnAccess(key);
      if (entry.kind === 'typename') return { kind: 'typename', key, careful, skip };
      if (entry.kind === 'introspection')
        return {
          kind: 'introspection',
          key,
          careful,
          skip,
          run: introspectionOf(schema, operation, fragments, entry.node as FieldNode, key),
        };
      if (entry.kind === 'field') {
        const name = (entry.node as FieldNode).name.value;
        const definition = 'getFields' in parent ? parent.getFields()[name] : undefined;
        if (!definition) throw new GraphQLError(`Cannot query field "${name}" on type "${parent.name}".`);
        const named = getNamedType(definition.type);
        return {
          kind: 'field',
          key,
          careful,
          skip,
          shape: shapeOf(definition.type),
          selections: isCompositeType(named) ? compile(entry.nodes, named) : undefined,
        };
      }
      const condition = key || undefined;
      const conditionType = condition ? schema.getType(condition) : parent;
      if (!conditionType || !isCompositeType(conditionType)) throw new GraphQLError(`Unknown type "${condition}".`);
      return {
        kind: 'fragment',
        skip,
        condition,
        applies: condition ? (typename) => isSubtype(condition, typename) : () => true,
        appliesStatically: !condition || isSubtype(condition, parent.name),
        selections: compile(entry.nodes, conditionType),
      };
    });
  };

  return compile;
}
