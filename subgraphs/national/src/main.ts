import { runSubgraph } from '@intel-gateway/shared/subgraph';
import { loadConfig } from './config';
import { createNationalModels } from './models';
import { createNationalServer } from './server';

// The national subgraph process (`node subgraphs/national/dist/main.js`): see `runSubgraph`.
runSubgraph('national', loadConfig, createNationalModels, createNationalServer);
