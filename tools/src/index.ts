export { childEnvironment } from './config';
export { composeProjectSupergraph, supergraphPath, supergraphPathIn } from './projectSupergraph';
export { seedDatabases, isSeeded, databaseNames, DEFAULT_SEED, SeedRefusedError } from './seed/seedDatabases';
export { STORY } from './seed/stories';
export { type MetricSample, parseExposition, sumOfSeries } from './metrics/parseExposition';
export { startFederation, startService, type RunningFederation, type StartedService } from './startFederation';
export { dockerComposePath, dockerComposePathIn, renderDeploymentFiles, renderDockerCompose } from './dockerCompose';
export { byDigest, loadPinnedImages, pinnedImagesPathIn, type PinnedImages } from './deployment/pinnedImages';
export { databaseUsers, type DatabasePrivilege, type DatabaseUser } from './deployment/databaseUsers';
export { MONGO_UID, SERVICE_UID } from './deployment/containerParts';
export {
  createDevIdentity,
  ensureDevIdentity,
  gatewayJwksFile,
  gatewaySigningKeyFile,
  newSubgraphTokenKey,
  registryFile,
  subgraphTokenKeyFile,
  subgraphTokenKeysFile,
  subgraphTokenKeysOf,
  DEV_AGENCIES,
  type DevIdentity,
} from './identity/devKeys';
export { mintAgencyToken, type MintOptions } from './identity/mintAgencyToken';
export { scaffoldSubgraph, ScaffoldFailed, ScaffoldRefused, type ScaffoldResult } from './contributor/scaffoldSubgraph';
export { findSubgraphProblems, type SubgraphCheckReport } from './contributor/findSubgraphProblems';
export { RESERVED_SUBGRAPH_NAMES } from './contributor/subgraphNameProblem';
export { agencySchemasDir, committedAgencySchemas, currentAgencySchemas, writeAgencySchemaFiles } from './agencySchemas/agencySchemaFiles';
export { compareAgencySchemas, type AgencySchemaChange } from './agencySchemas/compareAgencySchemas';
export { findRunningDatabase, recordRunningDatabase, runningDatabaseFile } from './runningDatabase';
export {
  resolveDatabase,
  startEmbeddedDatabase,
  SYNC_ON_COMMIT,
  waitForPing,
  type DatabaseHandle,
  type EmbeddedDatabaseOptions,
  type ResolveDatabaseOptions,
} from './database/resolveDatabase';
export {
  DatabaseUnavailableError,
  defaultCacheDir,
  ensureSecantusBinary,
  secantusBinaryPath,
  SECANTUS_CRATE,
  SECANTUS_EXECUTABLE,
  SECANTUS_VERSION,
} from './database/secantusBinary';
export { spawnTied, stopChild } from './process/spawnTied';
export { isProcessAlive } from './process/isProcessAlive';
export {
  AUDIT_SUITE_DIR,
  auditSuiteIds,
  compareAuditAnswer,
  CONFORMANCE_GATEWAYS,
  conformanceCaller,
  GatewayUnavailable,
  loadAuditSuites,
  permissivePolicyFor,
  queryGateway,
  runAuditSuite,
  runConformanceGateway,
  startAuditSubgraphs,
  startConformanceGateway,
} from './conformance';
export type {
  AuditSubgraph,
  AuditSubgraphs,
  AuditSuite,
  AuditTest,
  AuditTestResult,
  ConformanceGateway,
  ConformanceGatewayName,
  ConformanceGatewayRun,
} from './conformance';
