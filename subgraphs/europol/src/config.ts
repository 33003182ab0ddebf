import { parseConfig } from '@intel-gateway/shared/config';
import { getSubgraph } from '@intel-gateway/shared/registry';
import { subgraphConfigSchema } from '@intel-gateway/shared/subgraph';

/** The Europol subgraph's settings, read from the environment once at start. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  return parseConfig('europol', subgraphConfigSchema(getSubgraph('europol')), env);
}
