import { runSubgraph } from '@intel-gateway/shared/subgraph';
import { loadConfig } from './config';
import { createAccountabilityModels } from './repositories';
import { createAccountabilityServer } from './server';

export { createAccountabilityServer } from './server';
export { createAccountabilityModels, createAccountabilityRepositories } from './repositories';
export { loadConfig as loadAccountabilityConfig } from './config';

if (require.main === module) runSubgraph('accountability', loadConfig, createAccountabilityModels, createAccountabilityServer);
