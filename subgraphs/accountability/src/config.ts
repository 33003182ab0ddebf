import { resolve } from 'node:path';
import { z } from 'zod';
import { parseConfig } from '@intel-gateway/shared/config';
import { getSubgraph, repositoryRoot } from '@intel-gateway/shared/registry';
import { subgraphConfigSchema } from '@intel-gateway/shared/subgraph';

/**
 * The accountability subgraph's settings, read from the environment once at start. Unlike
 * an agency subgraph it needs the gateway's public keys (GATEWAY_JWKS_PATH): it verifies
 * the audit records' Ed25519 signatures with them (the integrity check, hit references,
 * the terms release requests were sealed with).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const schema = subgraphConfigSchema(getSubgraph('accountability')).extend({
    GATEWAY_JWKS_PATH: z
      .string()
      .min(1)
      .default(resolve(repositoryRoot, '.dev-keys', 'gateway-jwks.json')),
  });
  return parseConfig('accountability', schema, env);
}
