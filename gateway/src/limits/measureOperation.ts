import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  isAbstractType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';
import { createIntrospectionAliasCounter, INTROSPECTION_ROOTS } from './introspectionAliases';

/** What an operation asks of the gateway, measured before it is planned. */
export interface OperationMeasure {
  /** Deepest field nesting (root fields are depth 1). Introspection subtrees are not counted (a type reference nests `ofType` eight deep). */
  depth: number;
  /** Aliases outside introspection. */
  aliases: number;
  /**
   * Aliases on and inside introspection (`a: __schema`, `t: types`): no introspection a tool
   * sends has one, and each copies a part of the schema into the answer.
   */
  introspectionAliases: number;
  /** Fields at the root, after fragments are expanded. */
  rootFields: number;
  directives: number;
  /**
   * Estimated fields resolved: each field counts once per parent instance; a list
   * multiplies what is below it by its size: the nearest `first`/`last` argument above
   * or on it (from literals, variables or the schema's default), else the list field's
   * assumed size (`@listSize(assumedSize:)` in its subgraph) or the default list size,
   * whichever is larger.
   */
  cost: number;
}

/** How to measure: list sizes, and the limits at which measuring stops. */
export interface MeasureOptions {
  /** Size assumed for a list with no `first`/`last` and no assumed size of its own. */
  defaultListSize: number;
  /**
   * A list field's own assumed size (from the supergraph's `@listSize`), by parent type and
   * field name. It counts only where it is above `defaultListSize`: a subgraph may say its
   * list is longer than the gateway assumes, not shorter.
   */
  assumedListSize?: (typeName: string, fieldName: string) => number | undefined;
  /**
   * The walk stops as soon as one of these is passed; the measure then holds, for that
   * entry, a value over its limit (what was counted so far), and the rest is partial.
   */
  limits?: Partial<OperationMeasure>;
}

const PAGE_ARGUMENTS = new Set(['first', 'last']);

/**
 * What one selection set asks for, with no knowledge of where it is used. Its cost is
 * affine in the page size `c` carried from above (a connection's `first` read by its
 * `nodes`): `fixed + perCarried × c` when a size is carried, `fixed + uncarried` when not.
 * A use multiplies it by the number of parent instances.
 */
interface Summary {
  /** Deepest counted field, its own fields being depth 1; 0 when it counts no field. */
  depth: number;
  aliases: number;
  introspectionAliases: number;
  /** Fields directly in it (through fragments at its own level too): root fields when used at the root. */
  topFields: number;
  directives: number;
  fixed: number;
  perCarried: number;
  uncarried: number;
}

/** Thrown inside the walk when a limit is passed; never leaves this module. */
class LimitPassed extends Error {}

/** A product where zero wins, so an empty list under an infinite estimate costs nothing (not NaN). */
const times = (a: number, b: number) => (a === 0 || b === 0 ? 0 : a * b);

/**
 * Measures an operation against the schema, following fragments. Runs once per operation
 * request, on the already-validated document.
 *
 * Time is linear in the document's size: each selection set is summarised once and each
 * fragment once, however often it is spread (a use scales the summary by the instances of
 * its parent and the page size it carries), so fragments spreading fragments cannot make
 * the walk exponential. Counts agree with expanding every fragment at every spread. The
 * walk stops as soon as a limit in `options.limits` is passed.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  options: MeasureOptions,
): OperationMeasure {
  const { defaultListSize, assumedListSize, limits = {} } = options;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const summaries = new Map<string, Summary | 'walking'>();
  /** Directives on fragment definitions, counted once per fragment reached. */
  let definitionDirectives = 0;
  const measure: OperationMeasure = {
    depth: 0,
    aliases: 0,
    introspectionAliases: 0,
    rootFields: 0,
    directives: operation.directives?.length ?? 0,
    cost: 0,
  };
  /** The variables as the operation will run with them: each one the request leaves out takes its declared default. */
  const effectiveVariables = { ...variables };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (effectiveVariables[name] === undefined && definition.defaultValue)
      effectiveVariables[name] = valueFromASTUntyped(definition.defaultValue);
  }

  /** The page size a field asks for: its `first`/`last` argument, else the schema's default for it. */
  const pageSize = (field: FieldNode, definition: GraphQLField<unknown, unknown> | undefined): number | undefined => {
    for (const argument of field.arguments ?? []) {
      if (!PAGE_ARGUMENTS.has(argument.name.value)) continue;
      const value =
        argument.value.kind === Kind.VARIABLE
          ? effectiveVariables[argument.value.name.value]
          : valueFromASTUntyped(argument.value, effectiveVariables);
      if (typeof value === 'number' && Number.isFinite(value)) return Math.max(0, value);
    }
    const declared = definition?.args.find((a) => PAGE_ARGUMENTS.has(a.name))?.defaultValue;
    return typeof declared === 'number' ? declared : undefined;
  };

  /** Stops the walk when what is counted so far already passes a limit (counts only grow). */
  const check = (summary: Summary, atRoot: boolean) => {
    const over = (key: keyof OperationMeasure, value: number) => {
      const limit = limits[key];
      if (limit === undefined || !(value > limit)) return;
      measure[key] = value;
      throw new LimitPassed();
    };
    over('depth', summary.depth);
    over('aliases', summary.aliases);
    over('introspectionAliases', summary.introspectionAliases);
    over('directives', measure.directives + definitionDirectives + summary.directives);
    if (atRoot) {
      over('rootFields', summary.topFields);
      over('cost', summary.fixed + summary.uncarried);
    }
  };

  /** Adds `part`, used `instances` times at `levels` below `into`'s own fields, with the page size passed through unchanged. */
  const add = (into: Summary, part: Summary, instances: number, levels: number) => {
    if (part.depth > 0) into.depth = Math.max(into.depth, part.depth + levels);
    into.aliases += part.aliases;
    into.introspectionAliases += part.introspectionAliases;
    into.directives += part.directives;
    into.fixed += times(instances, part.fixed);
    into.perCarried += times(instances, part.perCarried);
    into.uncarried += times(instances, part.uncarried);
  };

  const fragmentSummary = (name: string, atRoot: boolean): Summary | undefined => {
    const known = summaries.get(name);
    if (known === 'walking') return undefined; // A cycle; validation refuses these before measuring.
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment) return undefined;
    summaries.set(name, 'walking');
    definitionDirectives += fragment.directives?.length ?? 0;
    const summary = summarise(
      fragment.selectionSet,
      schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType | undefined,
      atRoot,
    );
    summaries.set(name, summary);
    return summary;
  };

  const summarise = (selectionSet: SelectionSetNode, type: GraphQLCompositeType | undefined, atRoot: boolean): Summary => {
    const summary: Summary = {
      depth: 0,
      aliases: 0,
      introspectionAliases: 0,
      topFields: 0,
      directives: 0,
      fixed: 0,
      perCarried: 0,
      uncarried: 0,
    };
    for (const selection of selectionSet.selections) {
      summary.directives += selection.directives?.length ?? 0;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const narrowed = selection.typeCondition
          ? (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType | undefined)
          : type;
        const inner = summarise(selection.selectionSet, narrowed, atRoot);
        add(summary, inner, 1, 0);
        summary.topFields += inner.topFields;
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const inner = fragmentSummary(selection.name.value, atRoot);
        if (inner) {
          add(summary, inner, 1, 0);
          summary.topFields += inner.topFields;
        }
      } else {
        const name = selection.name.value;
        summary.topFields++;
        if (INTROSPECTION_ROOTS.has(name)) {
          summary.introspectionAliases += (selection.alias ? 1 : 0) + introspectionAliases(selection.selectionSet);
        } else {
          if (selection.alias) summary.aliases++;
          if (name !== '__typename') field(summary, selection, type);
        }
      }
      check(summary, atRoot);
    }
    return summary;
  };

  const introspectionAliases = createIntrospectionAliasCounter(fragments);

  /** Adds one field (at depth 1 of `summary`) and what is below it. */
  const field = (summary: Summary, selection: FieldNode, type: GraphQLCompositeType | undefined) => {
    summary.depth = Math.max(summary.depth, 1);
    summary.fixed += 1;
    if (!selection.selectionSet) return;
    const name = selection.name.value;
    const definition = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[name] : undefined;
    const nullable = definition ? getNullableType(definition.type) : undefined;
    const namedType = definition ? (getNamedType(definition.type) as GraphQLCompositeType) : undefined;
    const childType = namedType && (isObjectType(namedType) || isAbstractType(namedType)) ? namedType : undefined;
    const below = summarise(selection.selectionSet, childType, false);
    const ownSize = pageSize(selection, definition);
    const isList = !!nullable && isListType(nullable);
    if (isList) {
      // Below a list, no page size is carried: what is below costs `fixed + uncarried` per element.
      const perElement = below.fixed + below.uncarried;
      if (ownSize !== undefined) {
        add(summary, { ...below, fixed: times(ownSize, perElement), perCarried: 0, uncarried: 0 }, 1, 1);
      } else {
        // A subgraph's assumed size can raise the estimate, never lower it below the gateway's default.
        const assumed = Math.max((type && assumedListSize?.(type.name, name)) ?? 0, defaultListSize);
        add(summary, { ...below, fixed: 0, perCarried: perElement, uncarried: times(assumed, perElement) }, 1, 1);
      }
    } else if (ownSize !== undefined) {
      // A field with its own page size carries it to what is below.
      add(summary, { ...below, fixed: below.fixed + times(ownSize, below.perCarried), perCarried: 0, uncarried: 0 }, 1, 1);
    } else {
      add(summary, below, 1, 1);
    }
  };

  const rootType =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  try {
    const root = summarise(operation.selectionSet, rootType ?? undefined, true);
    measure.depth = root.depth;
    measure.aliases = root.aliases;
    measure.introspectionAliases = root.introspectionAliases;
    measure.rootFields = root.topFields;
    measure.directives += definitionDirectives + root.directives;
    measure.cost = root.fixed + root.uncarried;
  } catch (error) {
    if (!(error instanceof LimitPassed)) throw error;
  }
  return measure;
}
