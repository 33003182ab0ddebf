import { createSubgraphServer, getSubgraph, loadSubgraphSdl, type CallerContext, type SubgraphServer, type SubgraphServerInputs } from '@intel-gateway/shared';
import type { JSONWebKeySet } from 'jose';
import type { Connection } from 'mongoose';
import { accountabilityPermissions } from './permissions';
import { createAccountabilityModels, createAccountabilityRepositories, type AccountabilityRepositories } from './repositories';
import { accountabilityResolvers } from './resolvers';

export interface AccountabilityContext {
  /** Who is asking, as the gateway vouched for it. */
  caller: CallerContext;
  repositories: AccountabilityRepositories;
  /** The gateway's store, for the integrity check. */
  connection: Connection;
  /** The gateway's public keys, which the audit records' signatures must verify with. */
  gatewayJwks: JSONWebKeySet;
}

/**
 * Builds the accountability subgraph on a connection to the gateway's own store (the
 * disclosure audit and the hits). It does not listen; `index.ts` does.
 */
export function createAccountabilityServer({ connection, logger, gateway, gatewayJwks }: SubgraphServerInputs): Promise<SubgraphServer> {
  const models = createAccountabilityModels(connection);
  return createSubgraphServer<AccountabilityContext>({
    name: 'accountability',
    sdl: loadSubgraphSdl(getSubgraph('accountability')),
    resolvers: accountabilityResolvers,
    permissions: accountabilityPermissions,
    logger,
    gateway,
    context: async (_req, caller) => ({ repositories: createAccountabilityRepositories(models, caller), connection, gatewayJwks }),
  });
}
