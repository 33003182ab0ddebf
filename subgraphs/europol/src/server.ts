import { createSubgraphServer, getSubgraph, loadSubgraphSdl, type CallerContext, type Logger, type SubgraphServer } from '@intel-gateway/shared';
import type { Connection } from 'mongoose';
import { createEuropolLoaders, type EuropolContext } from './loaders';
import { createEuropolModels } from './models';
import { createEuropolRepositories } from './repositories';
import { europolPermissions } from './permissions';
import { europolResolvers } from './resolvers';

/** Builds the Europol subgraph on an open connection. It does not listen; `index.ts` does. */
export function createEuropolServer(connection: Connection, logger: Logger, verifyCaller: (token: string | undefined) => Promise<CallerContext>): Promise<SubgraphServer> {
  const repositories = createEuropolRepositories(createEuropolModels(connection));
  return createSubgraphServer<EuropolContext>({
    name: 'europol',
    sdl: loadSubgraphSdl(getSubgraph('europol')),
    resolvers: europolResolvers,
    permissions: europolPermissions,
    logger,
    verifyCaller,
    context: async () => ({ repositories, loaders: createEuropolLoaders(repositories) }),
  });
}
