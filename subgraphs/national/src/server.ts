import { createReleaseGrantLookup, createReleaseGrantModel } from '@intel-gateway/shared/policy';
import { getSubgraph, loadSubgraphSdl } from '@intel-gateway/shared/registry';
import { createSubgraphServer, type SubgraphServer, type SubgraphServerInputs } from '@intel-gateway/shared/subgraph';
import { createNationalLoaders, type NationalContext } from './loaders';
import { createNationalModels } from './models';
import { nationalPermissions } from './permissions';
import { createNationalRepositories, NATIONAL_RECORD_TYPES } from './repositories';
import { nationalResolvers } from './resolvers';

/**
 * Builds the national subgraph on an open connection, serving what owners released on
 * request from the release-grant store on `releaseGrants` (read only). It does not listen;
 * `main.ts` does.
 */
export function createNationalServer({ connection, logger, gateway, releaseGrants }: SubgraphServerInputs): Promise<SubgraphServer> {
  const models = createNationalModels(connection);
  const releasedTo = createReleaseGrantLookup(createReleaseGrantModel(releaseGrants), { types: NATIONAL_RECORD_TYPES });
  return createSubgraphServer<NationalContext>({
    name: 'national',
    sdl: loadSubgraphSdl(getSubgraph('national')),
    resolvers: nationalResolvers,
    permissions: nationalPermissions,
    logger,
    gateway,
    context: async (_req, caller) => {
      // Per request: every repository query is narrowed to what the owners release to this caller.
      const releaseGrants = await releasedTo(caller);
      const repositories = createNationalRepositories(models, caller, releaseGrants);
      return { repositories, loaders: createNationalLoaders(repositories), releaseGrants };
    },
  });
}
