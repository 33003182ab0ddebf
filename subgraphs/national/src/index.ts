/** The national subgraph's public surface: what tools and tests build it from. The process itself starts in `main.ts`. */
export { createNationalServer } from './server';
export { createNationalModels } from './models';
export type * from './models';
export { createNationalRepositories, NATIONAL_RECORD_TYPES } from './repositories';
export { loadConfig as loadNationalConfig } from './config';
