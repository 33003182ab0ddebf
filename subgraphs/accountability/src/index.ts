/** The accountability subgraph's public surface: what tools and tests build it from. The process itself starts in `main.ts`. */
export { createAccountabilityServer } from './server';
export { createAccountabilityModels, createAccountabilityRepositories } from './repositories';
export { loadConfig as loadAccountabilityConfig } from './config';
export { loadOpaqueIds, type OpaqueIds } from './loadOpaqueIds';
