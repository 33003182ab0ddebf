import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind } from 'graphql';
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

/**
 * Refuses an operation whose variables do not fit their declared types before it is
 * decided, planned or audited, with the answer it would get from the executor (each
 * error as BAD_USER_INPUT, HTTP 400): a malformed input reaches no later step, and a huge
 * one is not walked again (the audit hashes the variables of every operation it records).
 */
export function useVariableCoercion(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      /** Every coercion error, once the operation is refused. */
      const refusal = refusalWithAllErrors();
      return {
        async didResolveOperation({ schema, operation, request }) {
          const definitions = operation?.variableDefinitions;
          if (!definitions?.length) return;
          const { errors } = getVariableValues(schema, definitions, request.variables ?? {});
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
