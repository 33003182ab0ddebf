/** The interpol subgraph's public surface: what tools and tests build it from. The process itself starts in `main.ts`. */
export { createInterpolServer } from './server';
export { createInterpolModels } from './models';
export type * from './models';
export { createInterpolRepositories, INTERPOL_RECORD_TYPES } from './repositories';
export { loadConfig as loadInterpolConfig } from './config';
