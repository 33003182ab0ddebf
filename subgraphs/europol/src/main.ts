import { runSubgraph } from '@intel-gateway/shared/subgraph';
import { loadConfig } from './config';
import { createEuropolModels } from './models';
import { createEuropolServer } from './server';

// The europol subgraph process (`node subgraphs/europol/dist/main.js`): see `runSubgraph`.
runSubgraph('europol', loadConfig, createEuropolModels, createEuropolServer);
