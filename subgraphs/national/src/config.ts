import { getSubgraph, parseConfig, subgraphConfigSchema } from '@intel-gateway/shared';

/** The national subgraph's settings, read from the environment once at start. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  return parseConfig('national', subgraphConfigSchema(getSubgraph('national')), env);
}
