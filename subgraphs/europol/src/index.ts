/** The europol subgraph's public surface: what tools and tests build it from. The process itself starts in `main.ts`. */
export { createEuropolServer } from './server';
export { createEuropolModels } from './models';
export type * from './models';
export { createEuropolRepositories, EUROPOL_RECORD_TYPES } from './repositories';
export { loadConfig as loadEuropolConfig } from './config';
