import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { ErrorCode } from '@intel-gateway/shared/errors';
import { refusalWithAllErrors } from '../refusalWithAllErrors';

/** Whether Apollo Server would answer this coercion error as bad user input (its own test). */
function isBadUserInput(error: GraphQLError): boolean {
  const node = error.nodes?.length === 1 ? error.nodes[0] : undefined;
  if (node?.kind !== Kind.VARIABLE_DEFINITION) return false;
  const name = node.variable.name.value;
  return ['has invalid value', 'got invalid value ', 'of required type ', 'of non-null type '].some((words) =>
    error.message.startsWith(`Variable "$${name}" ${words}`),
  );
}

/** The variables of one operation, coerced against their definitions: the values, or the errors met. */
export type CoercedVariables = ReturnType<typeof getVariableValues>;

/** The last coercion made for each operation context, with the operation and the variables it was made for. */
const coercions = new WeakMap<object, { operation: OperationDefinitionNode; variables: unknown; result: CoercedVariables }>();

/**
 * The coercion the variables check made for this operation, if it made one: the executor
 * takes it instead of coercing the variables again. Found only for the very operation and
 * variables it was made for, in the same context; otherwise undefined (coerce them).
 */
export function coercedVariablesOf(
  context: object,
  operation: OperationDefinitionNode | undefined,
  variables: unknown,
): CoercedVariables | undefined {
  const made = coercions.get(context);
  return made && operation && made.operation === operation && made.variables === variables ? made.result : undefined;
}

/**
 * Refuses an operation whose variables do not fit their declared types before it is
 * decided, planned or audited, with the answer it would get from the executor (each
 * error as BAD_USER_INPUT, HTTP 400): a malformed input reaches no later step, and a huge
 * one is not walked again (the audit hashes the variables of every operation it records).
 * The coercion is kept with the operation's context, so the plan executor does not make it
 * again (coercedVariablesOf).
 */
export function useVariableCoercion(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      /** Every coercion error, once the operation is refused. */
      const refusal = refusalWithAllErrors();
      return {
        async didResolveOperation({ schema, operation, request, contextValue }) {
          const definitions = operation?.variableDefinitions;
          if (!operation || !definitions?.length) return;
          const result = getVariableValues(schema, definitions, request.variables ?? {});
          coercions.set(contextValue, { operation, variables: request.variables, result });
          const { errors } = result;
          if (!errors?.every(isBadUserInput)) return; // None, or one the executor reports as it always has.
          // Copies of graphql-js's errors with Apollo Server's code for them, as it would answer them after execution.
          throw refusal.refuse(
            errors.map(
              (error) =>
                new GraphQLError(error.message, {
                  nodes: error.nodes,
                  originalError: error.originalError ?? undefined,
                  extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
                }),
            ),
          );
        },
        async didEncounterErrors({ errors }) {
          refusal.restore(errors);
        },
      };
    },
  };
}
