import { runSubgraph } from '@intel-gateway/shared/subgraph';
import { loadConfig } from './config';
import { createNationalModels } from './models';
import { createNationalServer } from './server';

export { createNationalServer } from './server';
export { createNationalModels } from './models';
export type * from './models';
export { createNationalRepositories, NATIONAL_RECORD_TYPES } from './repositories';
export { loadConfig as loadNationalConfig } from './config';

if (require.main === module) runSubgraph('national', loadConfig, createNationalModels, createNationalServer);
