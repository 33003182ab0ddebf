import { runSubgraph } from '@intel-gateway/shared/subgraph';
import { loadConfig } from './config';
import { createAccountabilityModels } from './repositories';
import { createAccountabilityServer } from './server';

// The accountability subgraph process (`node subgraphs/accountability/dist/main.js`): see `runSubgraph`.
runSubgraph('accountability', loadConfig, createAccountabilityModels, createAccountabilityServer);
