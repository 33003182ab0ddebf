import { getSubgraph, parseConfig, subgraphConfigSchema } from '@intel-gateway/shared';

/** The INTERPOL subgraph's settings, read from the environment once at start. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  return parseConfig('interpol', subgraphConfigSchema(getSubgraph('interpol')), env);
}
