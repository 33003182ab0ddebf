import {
  publicKeysOf,
  type SealedReleaseDecision,
  type SealedReleaseGrant,
  sealedReleaseGrant,
  type SealedReleaseRequest,
  sealedReleaseRequest,
} from '@intel-gateway/shared/audit';
import { getSubgraph, loadSubgraphSdl } from '@intel-gateway/shared/registry';
import { createSubgraphServer, type SubgraphServer, type SubgraphServerInputs } from '@intel-gateway/shared/subgraph';
import type { AccountabilityContext } from './accountabilityContext';
import { createIntegrityCheck } from './createIntegrityCheck';
import { loadOpaqueIds } from './loadOpaqueIds';
import { accountabilityPermissions } from './permissions';
import type { ReleaseSealing } from './releaseRequests';
import { createAccountabilityModels, createAccountabilityRepositories } from './repositories';
import { accountabilityResolvers } from './resolvers';

/**
 * Builds the accountability subgraph on a connection to the gateway's own store (the
 * disclosure audit and the hits). It does not listen; `main.ts` does.
 */
export async function createAccountabilityServer({
  connection,
  logger,
  gateway,
  gatewayJwks,
}: SubgraphServerInputs): Promise<SubgraphServer> {
  const models = createAccountabilityModels(connection);
  const opaque = await loadOpaqueIds(connection);
  const integrity = createIntegrityCheck(connection, gatewayJwks);
  const gatewayKeys = publicKeysOf(gatewayJwks);
  return createSubgraphServer<AccountabilityContext>({
    name: 'accountability',
    sdl: loadSubgraphSdl(getSubgraph('accountability')),
    resolvers: accountabilityResolvers,
    permissions: accountabilityPermissions,
    logger,
    gateway,
    context: async (_req, caller) => {
      // Reported to the gateway with the answer, which seals them in the operation's audit record.
      const releaseRequestsWritten: SealedReleaseRequest[] = [];
      const releaseDecisionsWritten: SealedReleaseDecision[] = [];
      const releaseGrantsWritten: SealedReleaseGrant[] = [];
      const sealing: ReleaseSealing = {
        keys: gatewayKeys,
        onRequestWritten: (request) => releaseRequestsWritten.push(sealedReleaseRequest(request)),
        onDecisionWritten: (decision) => releaseDecisionsWritten.push(decision),
        onGrantWritten: (grant) => releaseGrantsWritten.push(sealedReleaseGrant(grant)),
      };
      return {
        repositories: createAccountabilityRepositories(models, caller, opaque, sealing),
        integrity,
        releaseRequestsWritten,
        releaseDecisionsWritten,
        releaseGrantsWritten,
      };
    },
  });
}
