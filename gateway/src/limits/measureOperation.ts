import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** What an operation asks of the gateway, measured before it is planned. */
export interface OperationMeasure {
  /** Deepest field nesting (root fields are depth 1). Introspection subtrees are not counted. */
  depth: number;
  aliases: number;
  /** Fields at the root, after fragments are expanded. */
  rootFields: number;
  directives: number;
  /**
   * Estimated fields resolved: each field counts once per parent instance; a list
   * multiplies what is below it by its size: the nearest `first`/`last` argument above
   * or on it (from literals, variables or the schema's default), else the default list size.
   */
  cost: number;
}

const PAGE_ARGUMENTS = new Set(['first', 'last']);

/**
 * Measures an operation against the schema, following fragments. Runs once per operation
 * request, on the already-validated document, so fragment cycles cannot occur.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  defaultListSize: number,
): OperationMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const measure: OperationMeasure = { depth: 0, aliases: 0, rootFields: 0, directives: operation.directives?.length ?? 0, cost: 0 };
  const countedFragments = new Set<string>();

  /** The page size a field asks for: its `first`/`last` argument, else the schema's default for it. */
  const pageSize = (field: FieldNode, definition: GraphQLField<unknown, unknown> | undefined): number | undefined => {
    for (const argument of field.arguments ?? []) {
      if (!PAGE_ARGUMENTS.has(argument.name.value)) continue;
      const value = argument.value.kind === Kind.VARIABLE ? variables[argument.value.name.value] : valueFromASTUntyped(argument.value, variables);
      if (typeof value === 'number' && Number.isFinite(value)) return Math.max(0, value);
    }
    const declared = definition?.args.find((a) => PAGE_ARGUMENTS.has(a.name))?.defaultValue;
    return typeof declared === 'number' ? declared : undefined;
  };

  const walk = (selectionSet: SelectionSetNode, type: GraphQLCompositeType | undefined, depth: number, multiplier: number, carriedSize: number | undefined, atRoot: boolean) => {
    for (const selection of selectionSet.selections) {
      measure.directives += selection.directives?.length ?? 0;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const narrowed = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType | undefined) : type;
        walk(selection.selectionSet, narrowed, depth, multiplier, carriedSize, atRoot);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment) continue;
        if (!countedFragments.has(fragment.name.value)) {
          countedFragments.add(fragment.name.value);
          measure.directives += fragment.directives?.length ?? 0;
        }
        walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType | undefined, depth, multiplier, carriedSize, atRoot);
        continue;
      }
      if (selection.alias) measure.aliases++;
      if (atRoot) measure.rootFields++;
      const name = selection.name.value;
      if (name === '__typename') continue;
      if (name === '__schema' || name === '__type') continue; // introspection is governed on its own
      measure.depth = Math.max(measure.depth, depth);
      measure.cost += multiplier;
      if (!selection.selectionSet) continue;
      const fieldDefinition = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[name] : undefined;
      const nullable = fieldDefinition ? getNullableType(fieldDefinition.type) : undefined;
      const ownSize = pageSize(selection, fieldDefinition);
      let childMultiplier = multiplier;
      let childCarried = ownSize ?? carriedSize;
      if (nullable && isListType(nullable)) {
        childMultiplier = multiplier * (ownSize ?? carriedSize ?? defaultListSize);
        childCarried = undefined;
      }
      const childType = fieldDefinition ? (getNamedType(fieldDefinition.type) as GraphQLCompositeType) : undefined;
      walk(selection.selectionSet, childType && (isObjectType(childType) || isAbstractType(childType)) ? childType : undefined, depth + 1, childMultiplier, childCarried, false);
    }
  };

  const rootType = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  walk(operation.selectionSet, rootType ?? undefined, 1, 1, undefined, true);
  return measure;
}
