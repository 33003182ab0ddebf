import { runSubgraph } from '@intel-gateway/shared/subgraph';
import { loadConfig } from './config';
import { createEuropolModels } from './models';
import { createEuropolServer } from './server';

export { createEuropolServer } from './server';
export { createEuropolModels } from './models';
export type * from './models';
export { createEuropolRepositories, EUROPOL_RECORD_TYPES } from './repositories';
export { loadConfig as loadEuropolConfig } from './config';

if (require.main === module) runSubgraph('europol', loadConfig, createEuropolModels, createEuropolServer);
