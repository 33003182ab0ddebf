import { createReleaseGrantLookup, createReleaseGrantModel } from '@intel-gateway/shared/policy';
import { getSubgraph, loadSubgraphSdl } from '@intel-gateway/shared/registry';
import { createSubgraphServer, type SubgraphServer, type SubgraphServerInputs } from '@intel-gateway/shared/subgraph';
import { createEuropolLoaders, type EuropolContext } from './loaders';
import { createEuropolModels } from './models';
import { europolPermissions } from './permissions';
import { createEuropolRepositories, EUROPOL_RECORD_TYPES } from './repositories';
import { europolResolvers } from './resolvers';

/**
 * Builds the Europol subgraph on an open connection, serving what owners released on
 * request from the release-grant store on `releaseGrants` (read only). It does not listen;
 * `main.ts` does.
 */
export function createEuropolServer({ connection, logger, gateway, releaseGrants }: SubgraphServerInputs): Promise<SubgraphServer> {
  const models = createEuropolModels(connection);
  const releasedTo = createReleaseGrantLookup(createReleaseGrantModel(releaseGrants), { types: EUROPOL_RECORD_TYPES });
  return createSubgraphServer<EuropolContext>({
    name: 'europol',
    sdl: loadSubgraphSdl(getSubgraph('europol')),
    resolvers: europolResolvers,
    permissions: europolPermissions,
    logger,
    gateway,
    context: async (_req, caller) => {
      // Per request: every repository query is narrowed to what the owners release to this caller.
      const releaseGrants = await releasedTo(caller);
      const repositories = createEuropolRepositories(models, caller, releaseGrants);
      return { repositories, loaders: createEuropolLoaders(repositories), releaseGrants };
    },
  });
}
