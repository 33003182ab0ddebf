export { composeProjectSupergraph, supergraphPath } from './projectSupergraph';
export { seedDatabases, isSeeded, databaseNames, DEFAULT_SEED } from './seed/seedDatabases';
export { STORY } from './seed/stories';
export { startFederation, type RunningFederation } from './startFederation';
export { dockerComposePath, renderDockerCompose } from './dockerCompose';
export { createDevIdentity, ensureDevIdentity, gatewayJwksFile, gatewaySigningKeyFile, registryFile, DEV_AGENCIES, type DevIdentity } from './identity/devKeys';
export { mintAgencyToken, type MintOptions } from './identity/mintAgencyToken';
