import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { GatewayContext } from '../gatewayContext';

/**
 * Names the operation on its request's span (installed only while tracing is on): its
 * name and type (query, mutation), the OpenTelemetry GraphQL attributes, so a trace can be
 * found by operation. Never the operation's text or variables: traces leave the gateway.
 */
export function useOperationSpan(): ApolloServerPlugin<GatewayContext> {
  const listener: GraphQLRequestListener<GatewayContext> = {
    async didResolveOperation({ contextValue, operationName, operation }) {
      const span = contextValue.requestScope?.span;
      if (!span) return;
      if (operationName) span.setAttribute('graphql.operation.name', operationName);
      if (operation) span.setAttribute('graphql.operation.type', operation.operation);
    },
  };
  return { requestDidStart: async () => listener };
}
