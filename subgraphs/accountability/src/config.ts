import { getSubgraph, parseConfig, subgraphConfigSchema } from '@intel-gateway/shared';

/** The accountability subgraph's settings, read from the environment once at start. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  return parseConfig('accountability', subgraphConfigSchema(getSubgraph('accountability')), env);
}
