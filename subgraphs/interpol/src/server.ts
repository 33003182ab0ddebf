import { createReleaseGrantLookup, createReleaseGrantModel } from '@intel-gateway/shared/policy';
import { getSubgraph, loadSubgraphSdl } from '@intel-gateway/shared/registry';
import { createSubgraphServer, type SubgraphServer, type SubgraphServerInputs } from '@intel-gateway/shared/subgraph';
import { createInterpolLoaders, type InterpolContext } from './loaders';
import { createInterpolModels } from './models';
import { interpolPermissions } from './permissions';
import { createInterpolRepositories, INTERPOL_RECORD_TYPES } from './repositories';
import { interpolResolvers } from './resolvers';

/**
 * Builds the INTERPOL subgraph on an open connection, serving what owners released on
 * request from the release-grant store on `releaseGrants` (read only). It does not listen;
 * `main.ts` does.
 */
export function createInterpolServer({ connection, logger, gateway, releaseGrants }: SubgraphServerInputs): Promise<SubgraphServer> {
  const models = createInterpolModels(connection);
  const releasedTo = createReleaseGrantLookup(createReleaseGrantModel(releaseGrants), { types: INTERPOL_RECORD_TYPES });
  return createSubgraphServer<InterpolContext>({
    name: 'interpol',
    sdl: loadSubgraphSdl(getSubgraph('interpol')),
    resolvers: interpolResolvers,
    permissions: interpolPermissions,
    logger,
    gateway,
    context: async (_req, caller) => {
      // Per request: every repository query is narrowed to what the owners release to this caller.
      const releaseGrants = await releasedTo(caller);
      const repositories = createInterpolRepositories(models, caller, releaseGrants);
      return { repositories, loaders: createInterpolLoaders(repositories), releaseGrants };
    },
  });
}
