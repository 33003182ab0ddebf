/** Who is asking: principals, agency registries, the gateway tokens on the wire and their keys. */
export { type ReplayVerdict, type ReplayCache, createReplayCache } from './createReplayCache';
export {
  type CallerContext,
  GATEWAY_TOKEN_HEADER,
  GATEWAY_TOKEN_ISSUER,
  type SubgraphRequest,
  type GatewayTokenSigner,
  bodyDigest,
  GATEWAY_TOKEN_ALGORITHM,
  gatewayTokenClaims,
  createGatewayTokenSigner,
  GatewayTokenRefusal,
  type GatewayRequestCheck,
  type GatewayRequestVerifier,
  GATEWAY_TOKEN_DEFAULTS,
  createGatewayTokenVerifier,
} from './gatewayToken';
export {
  ROLES,
  type Role,
  OVERSIGHT_ROLE,
  CLEARANCES,
  AGENCY_KINDS,
  type AgencyKind,
  AGENCY_TOKEN_ALGORITHMS,
  agencyClaimsSchema,
  type Principal,
  oversees,
  DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
  registeredAgencySchema,
  agencyRegistrySchema,
  type RegisteredAgency,
  type AgencyRegistry,
} from './principal';
export {
  MIN_SUBGRAPH_TOKEN_KEY_BYTES,
  type SubgraphTokenKey,
  type SubgraphTokenKeys,
  subgraphTokenKey,
  readSubgraphTokenKeysFile,
  readSubgraphTokenKeyFile,
} from './subgraphTokenKeys';
