export { composeProjectSupergraph, supergraphPath } from './projectSupergraph';
export { seedDatabases, isSeeded, databaseNames, DEFAULT_SEED } from './seed/seedDatabases';
export { STORY } from './seed/stories';
export { startFederation, type RunningFederation } from './startFederation';
export { dockerComposePath, renderDockerCompose } from './dockerCompose';
