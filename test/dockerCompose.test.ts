import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { loadGatewayConfig } from '@intel-gateway/gateway';
import { repositoryRoot, subgraphRegistry } from '@intel-gateway/shared';
import { dockerComposePath, renderDockerCompose } from '@intel-gateway/tools';
import { subgraphPackage } from './harness';

/**
 * No Docker engine runs here, so docker-compose.yml is checked as data: it parses, it is
 * what the registry generates, it names every registered subgraph, and every service's
 * environment passes that service's own configuration schema.
 */
interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
}
const compose = parse(readFileSync(dockerComposePath, 'utf8')) as { services: Record<string, Service> };
/** Each registered subgraph's own configuration loader, from its package. */
const subgraphLoaders: Record<string, (env: NodeJS.ProcessEnv) => unknown> = Object.fromEntries(subgraphRegistry.map((s) => [s.name, subgraphPackage(s.name).loadConfig]));

it('is the file the subgraph registry generates (run `npm run compose` if not)', () => {
  expect(readFileSync(dockerComposePath, 'utf8')).toBe(renderDockerCompose());
});

it('names real MongoDB as a replica set, a seed job, every registered subgraph and the gateway', () => {
  expect(Object.keys(compose.services).sort()).toEqual(['gateway', 'mongo', 'seed', ...subgraphRegistry.map((s) => s.name)].sort());
  expect(compose.services.mongo!.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
  expect(Object.keys(subgraphLoaders).sort()).toEqual(subgraphRegistry.map((s) => s.name).sort());
});

it('points the gateway at every subgraph through the registry URL settings', () => {
  const env = compose.services.gateway!.environment!;
  const config = loadGatewayConfig(env);
  for (const subgraph of subgraphRegistry) {
    expect(config.subgraphUrls[subgraph.name]).toBe(`http://${subgraph.name}:${subgraph.defaultPort}/graphql`);
  }
  expect(Object.keys(compose.services.gateway!.depends_on!).sort()).toEqual(subgraphRegistry.map((s) => s.name).sort());
});

it('mounts the keys each service reads where it reads them', () => {
  const gateway = compose.services.gateway!;
  const gatewayConfig = loadGatewayConfig(gateway.environment!);
  const mounted = (service: Service) => service.volumes!.map((v) => v.split(':')[1]);
  expect(mounted(gateway)).toEqual(expect.arrayContaining([gatewayConfig.AGENCY_REGISTRY_PATH, gatewayConfig.GATEWAY_SIGNING_KEY_PATH]));
  for (const subgraph of subgraphRegistry) {
    const service = compose.services[subgraph.name]!;
    const config = subgraphLoaders[subgraph.name]!(service.environment!) as { GATEWAY_JWKS_PATH: string };
    expect(mounted(service)).toContain(config.GATEWAY_JWKS_PATH);
  }
});

it("gives every subgraph an environment its own config accepts, on MongoDB's replica set", () => {
  for (const subgraph of subgraphRegistry) {
    const service = compose.services[subgraph.name]!;
    const config = subgraphLoaders[subgraph.name]!(service.environment!) as { PORT: number; MONGODB_URI: string; HOST: string };
    expect(config).toMatchObject({ PORT: subgraph.defaultPort, HOST: '0.0.0.0' });
    expect(config.MONGODB_URI).toContain('replicaSet=rs0');
  }
});

it('runs commands whose sources exist, from a Dockerfile that exists, and depends only on defined services', () => {
  expect(existsSync(resolve(repositoryRoot, 'Dockerfile'))).toBe(true);
  for (const [name, service] of Object.entries(compose.services)) {
    for (const dependency of Object.keys(service.depends_on ?? {})) expect({ name, dependency, defined: dependency in compose.services }).toEqual({ name, dependency, defined: true });
    if (!service.build) continue;
    // `node [flags…] <script> [arguments…]`: the script is the word naming a .js file.
    const script = service.command!.find((word) => word.endsWith('.js'));
    expect({ name, script }).toEqual({ name, script: expect.any(String) });
    const source = resolve(repositoryRoot, script!.replace('/dist/', '/src/').replace(/\.js$/, '.ts'));
    expect({ name, source, exists: existsSync(source) }).toEqual({ name, source, exists: true });
  }
});

it('builds its image from a Dockerfile that copies every workspace package before installing', () => {
  const dockerfile = readFileSync(resolve(repositoryRoot, 'Dockerfile'), 'utf8');
  const install = dockerfile.indexOf('RUN npm ci');
  const workspaces = (JSON.parse(readFileSync(resolve(repositoryRoot, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
  expect(workspaces).toEqual(expect.arrayContaining(subgraphRegistry.map((s) => `subgraphs/${s.name}`)));
  for (const workspace of workspaces) {
    const copy = dockerfile.indexOf(`COPY ${workspace}/package.json ${workspace}/`);
    expect({ workspace, copiedBeforeInstall: copy >= 0 && copy < install }).toEqual({ workspace, copiedBeforeInstall: true });
  }
});
