import { runSubgraph } from '@intel-gateway/shared/subgraph';
import { loadConfig } from './config';
import { createInterpolModels } from './models';
import { createInterpolServer } from './server';

// The interpol subgraph process (`node subgraphs/interpol/dist/main.js`): see `runSubgraph`.
runSubgraph('interpol', loadConfig, createInterpolModels, createInterpolServer);
