/** Building and running a subgraph: its server, permissions, common resolvers, loaders and error masking. */
export { DateTimeScalar, commonResolvers, idFromRecord } from './commonResolvers';
export {
  type SubgraphContext,
  type GatewayLink,
  type SubgraphServerOptions,
  type SubgraphServer,
  createSubgraphServer,
} from './createSubgraphServer';
export { createKeyLoader, createGroupLoader } from './loaders';
export { maskError } from './maskError';
export { type SubgraphServerInputs, type CreateSubgraphServer, runSubgraph } from './runSubgraph';
export { subgraphConfigSchema, type SubgraphConfig } from './subgraphConfig';
export { hasRole, COMMON_TYPES, subgraphPermissions } from './subgraphPermissions';
