import {
  type DocumentNode,
  executeSync,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  OperationTypeNode,
  visit,
} from 'graphql';
import { getOwn } from './ownKeys';

/**
 * An introspection field (`__schema`, `__type`) of an operation, prepared as a document of
 * its own with the variables it uses: answered from the API schema per request, as
 * @apollo/gateway answers it.
 */
export function introspectionOf(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  field: FieldNode,
  key: string,
): (variables: Record<string, unknown>) => unknown {
  const used = new Set<string>();
  visit(field, { Variable: (node) => void used.add(node.name.value) });
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: OperationTypeNode.QUERY,
        variableDefinitions: (operation.variableDefinitions ?? []).filter((d) => used.has(d.variable.name.value)),
        selectionSet: { kind: Kind.SELECTION_SET, selections: [field] },
      },
      ...Object.values(fragments),
    ],
  };
  return (variables) => {
    const { data, errors } = executeSync({ schema, document, rootValue: {}, variableValues: variables });
    if (errors?.length || !data) throw new Error(`Introspection query for ${key} should not have failed but got ${JSON.stringify(errors)}`);
    return getOwn(data, key);
  };
}
