import { runSubgraph } from '@intel-gateway/shared/subgraph';
import { loadConfig } from './config';
import { createInterpolModels } from './models';
import { createInterpolServer } from './server';

export { createInterpolServer } from './server';
export { createInterpolModels } from './models';
export type * from './models';
export { createInterpolRepositories, INTERPOL_RECORD_TYPES } from './repositories';
export { loadConfig as loadInterpolConfig } from './config';

if (require.main === module) runSubgraph('interpol', loadConfig, createInterpolModels, createInterpolServer);
