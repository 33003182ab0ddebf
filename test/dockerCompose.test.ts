import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { parse } from 'yaml';
import { loadGatewayConfig } from '@intel-gateway/gateway';
import { readSubgraphTokenKeyFile, readSubgraphTokenKeysFile } from '@intel-gateway/shared/identity';
import { getSubgraph, repositoryRoot, subgraphRegistry } from '@intel-gateway/shared/registry';
import {
  byDigest,
  childEnvironment,
  databaseNames,
  type DatabaseUser,
  databaseUsers,
  dockerComposePath,
  loadPinnedImages,
  MONGO_UID,
  renderDeploymentFiles,
  renderDockerCompose,
  SERVICE_UID,
} from '@intel-gateway/tools';
import { subgraphPackage } from './harness';

/**
 * No Docker engine runs here, so the deployment files are checked as data: they parse, they
 * are what the registry generates, every service's environment passes that service's own
 * configuration schema, and every property a hostile container or a careless operator would
 * exploit is closed, for every service: one database user per service limited to its own
 * database (the gateway may not rewrite or delete the audit), MongoDB with a keyfile, TLS and
 * no exposed address, TLS between the gateway and subgraphs, no password in the file, the
 * signing key readable by the gateway's user alone, read-only containers without
 * capabilities or privilege gain, restart policies, health checks, images pinned by digest,
 * and no seeding outside the demo profile.
 */
interface SecretMount {
  source: string;
  target: string;
  uid: string;
  gid: string;
  mode: number;
}
interface Service {
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  user?: string;
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  secrets?: SecretMount[];
  tmpfs?: string[];
  ports?: string[];
  networks?: string[];
  read_only?: boolean;
  cap_drop?: string[];
  security_opt?: string[];
  restart?: string;
  stop_grace_period?: string;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}
interface ComposeFile {
  services: Record<string, Service>;
  networks?: Record<string, { internal?: boolean }>;
  secrets?: Record<string, { file: string }>;
}
/** Compose reads YAML 1.1 (a mode of 0400 is octal); the generator writes it so. */
const read = (path: string) => parse(readFileSync(resolve(repositoryRoot, path), 'utf8'), { version: '1.1' }) as ComposeFile;
const compose = read('docker-compose.yml');
const demo = read('docker-compose.demo.yml');
const services = Object.entries(compose.services);
const dockerfile = readFileSync(resolve(repositoryRoot, 'Dockerfile'), 'utf8');
const images = loadPinnedImages();
const auditDatabase = getSubgraph('accountability').databaseName;
/** Each registered subgraph's own configuration loader, from its package. */
const subgraphLoaders: Record<string, (env: NodeJS.ProcessEnv) => unknown> = Object.fromEntries(
  subgraphRegistry.map((s) => [s.name, subgraphPackage(s.name).loadConfig]),
);
const mounted = (service: Service) => new Map((service.secrets ?? []).map((s) => [`/run/secrets/${s.target}`, s]));

/**
 * The gateway's configuration as it loads from its compose environment, with the secrets
 * `deploy/make-secrets.sh` makes standing in for /run/secrets (the loader reads and checks
 * the TLS files at start); the paths in it are given back as the container sees them.
 */
let secretsDir: string;
beforeAll(() => {
  secretsDir = mkdtempSync(join(tmpdir(), 'intel-gateway-compose-secrets-'));
  for (const file of ['gateway-signing-key.json', 'gateway-jwks.json', 'agency-registry.json']) writeFileSync(join(secretsDir, file), '{}');
  const made = spawnSync('sh', [resolve(repositoryRoot, 'deploy/make-secrets.sh'), secretsDir], {
    cwd: repositoryRoot,
    encoding: 'utf8',
    env: childEnvironment({ CERT_DAYS: '2' }),
  });
  if (made.status !== 0) throw new Error(`deploy/make-secrets.sh failed: ${made.stderr}`);
});
afterAll(() => rmSync(secretsDir, { recursive: true, force: true }));
function gatewayConfigOf(environment: Record<string, string>) {
  // Each mounted secret's path in the container, and the file make-secrets.sh wrote for it.
  const files = [...mounted(compose.services.gateway!)].map(
    ([path, mount]) => [path, join(secretsDir, compose.secrets![mount.source]!.file.replace('./deploy/secrets/', ''))] as const,
  );
  const swap = (value: string, from: 0 | 1) => files.reduce((text, pair) => text.split(pair[from]).join(pair[from === 0 ? 1 : 0]), value);
  const config = loadGatewayConfig(Object.fromEntries(Object.entries(environment).map(([name, value]) => [name, swap(value, 0)])));
  return Object.fromEntries(
    Object.entries(config).map(([name, value]) => [name, typeof value === 'string' ? swap(value, 1) : value]),
  ) as typeof config;
}

it('is what the subgraph registry and the pinned images generate (run `npm run compose` if not)', () => {
  expect(readFileSync(dockerComposePath, 'utf8')).toBe(renderDockerCompose());
  for (const [path, content] of Object.entries(renderDeploymentFiles()))
    expect({ path, content: readFileSync(resolve(repositoryRoot, path), 'utf8') }).toEqual({ path, content });
});

describe('the production compose file', () => {
  it('names MongoDB as a replica set, every registered subgraph and the gateway, and no seed job', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['gateway', 'mongo', ...subgraphRegistry.map((s) => s.name)].sort());
    expect(compose.services.mongo!.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    expect(readFileSync(dockerComposePath, 'utf8')).not.toContain('seed');
    for (const [name, service] of services)
      expect({ name, dependsOnSeed: 'seed' in (service.depends_on ?? {}) }).toEqual({ name, dependsOnSeed: false });
  });

  it.each(['gateway', 'mongo', ...subgraphRegistry.map((s) => s.name)])(
    'hardens the %s container: read-only, no capabilities, no privilege gain, restarted, health-checked, 30 s to stop',
    (name) => {
      const service = compose.services[name]!;
      expect(service.read_only).toBe(true);
      expect(service.cap_drop).toEqual(['ALL']);
      expect(service.security_opt).toContain('no-new-privileges:true');
      expect(service.restart).toBe('unless-stopped');
      expect(service.stop_grace_period).toBe('30s');
      expect(service.healthcheck?.test?.[0]).toBe('CMD');
      expect(service.healthcheck!.test.length).toBeGreaterThan(1);
      // Writable places are memory only (and MongoDB's data volumes).
      for (const volume of service.volumes ?? [])
        expect({ name, volume, readOnlyOrData: volume.endsWith(':ro') || /^mongo-(data|config):/.test(volume) }).toEqual({
          name,
          volume,
          readOnlyOrData: true,
        });
      // Never root: the app runs as the image's non-root user, MongoDB as its mongodb user.
      if (name === 'mongo') expect(service.user).toBe(`${MONGO_UID}:${MONGO_UID}`);
      else expect(service.user).toBeUndefined();
    },
  );

  it('pins every image by digest, the same ones as deploy/pinned-images.json and the Dockerfile', () => {
    for (const [name, service] of services) {
      const reference = service.build ? service.build.args?.NODE_IMAGE : service.image;
      expect({ name, reference }).toEqual({ name, reference: expect.stringMatching(/@sha256:[0-9a-f]{64}$/) });
    }
    expect(compose.services.mongo!.image).toBe(byDigest(images.mongo));
    for (const [, service] of services.filter(([, s]) => s.build)) expect(service.build!.args!.NODE_IMAGE).toBe(byDigest(images.node));
    expect(dockerfile).toContain(`ARG NODE_IMAGE=${byDigest(images.node)}\n`);
    const froms = dockerfile.split('\n').filter((line) => line.startsWith('FROM '));
    expect(froms.length).toBeGreaterThan(0);
    for (const from of froms) expect(from).toMatch(/^FROM \$\{NODE_IMAGE\}( AS \w+)?$/);
  });

  it('runs MongoDB with access control (a keyfile), TLS required, on no address outside its container and internal network', () => {
    const mongo = compose.services.mongo!;
    const command = mongo.command!;
    const argument = (flag: string) => command[command.indexOf(flag) + 1];
    expect(command).not.toContain('--bind_ip_all');
    expect(argument('--bind_ip')).toBe('localhost,mongo');
    expect(argument('--keyFile')).toBe('/run/mongo/keyfile');
    expect(argument('--tlsMode')).toBe('requireTLS');
    // Clients authenticate with passwords; TLS encrypts and proves the server.
    expect(command).toContain('--tlsAllowConnectionsWithoutCertificates');
    expect(mounted(mongo).has(argument('--tlsCertificateKeyFile')!)).toBe(true);
    expect(mounted(mongo).has(argument('--tlsCAFile')!)).toBe(true);
    // The keyfile is copied from its secret into a tmpfs only mongod's user can read.
    expect(mounted(mongo).get('/run/secrets/mongo-keyfile')).toMatchObject({ uid: MONGO_UID, mode: 0o400 });
    expect(mongo.tmpfs).toContain(`/run/mongo:size=1m,uid=${MONGO_UID},gid=${MONGO_UID},mode=0700`);
    const start = readFileSync(resolve(repositoryRoot, 'deploy/mongo/start-mongod.sh'), 'utf8');
    expect(start).toContain('install -m 0400 /run/secrets/mongo-keyfile /run/mongo/keyfile');
    expect(start).toContain('exec docker-entrypoint.sh "$@"');
    expect(mongo.ports).toBeUndefined();
    expect(mongo.networks).toEqual(['backend']);
    expect(compose.networks!.backend!.internal).toBe(true);
    expect(mongo.environment!.MONGO_INITDB_ROOT_PASSWORD_FILE).toBe('/run/secrets/mongo-root-password');
    expect(mongo.environment!).not.toHaveProperty('MONGO_INITDB_ROOT_PASSWORD');
  });

  it('publishes only the gateway, on loopback, and keeps the subgraphs on the internal network', () => {
    for (const [name, service] of services)
      expect({ name, ports: service.ports ?? [] }).toEqual({ name, ports: name === 'gateway' ? ['127.0.0.1:4000:4000'] : [] });
    for (const subgraph of subgraphRegistry) expect(compose.services[subgraph.name]!.networks).toEqual(['backend']);
  });

  it("serves the gateway's /metrics off its published port, on the container's loopback only", () => {
    const config = gatewayConfigOf(compose.services.gateway!.environment!);
    expect(config.METRICS_PORT).toBeDefined();
    expect(config.METRICS_PORT).not.toBe(config.PORT);
    expect(config.METRICS_HOST).toBe('127.0.0.1');
  });

  it('holds no password or key in the file: every secret is a file the operator provides, mounted where the service reads it', () => {
    const text = readFileSync(dockerComposePath, 'utf8');
    expect(text).not.toMatch(/mongodb:\/\/[^@\s/]+:[^@\s/]+@/);
    for (const [name, service] of services) {
      for (const [setting, value] of Object.entries(service.environment ?? {})) {
        if (/PASSWORD|SECRET|KEY|TOKEN/.test(setting))
          expect({ name, setting, value }).toEqual({ name, setting, value: expect.stringMatching(/^\/run\/secrets\//) });
        if (value.startsWith('/run/secrets/'))
          expect({ name, setting, mounted: mounted(service).has(value) }).toEqual({ name, setting, mounted: true });
      }
      for (const mount of service.secrets ?? [])
        expect({ name, secret: mount.source, defined: compose.secrets![mount.source]?.file.startsWith('./deploy/secrets/') }).toEqual({
          name,
          secret: mount.source,
          defined: true,
        });
    }
    expect(readFileSync(resolve(repositoryRoot, '.gitignore'), 'utf8')).toContain('deploy/secrets/');
    expect(readFileSync(resolve(repositoryRoot, '.dockerignore'), 'utf8')).toMatch(/^deploy\/secrets$/m);
  });

  it('mounts the signing key for the gateway alone, readable by its non-root user and nobody else', () => {
    for (const [name, service] of services) {
      const mounts = (service.secrets ?? []).filter((s) => s.source === 'gateway-signing-key');
      expect({ name, mounts: mounts.length }).toEqual({ name, mounts: name === 'gateway' ? 1 : 0 });
    }
    const gateway = compose.services.gateway!;
    const key = mounted(gateway).get(gatewayConfigOf(gateway.environment!).GATEWAY_SIGNING_KEY_PATH);
    expect(key).toMatchObject({ uid: SERVICE_UID, gid: SERVICE_UID, mode: 0o400 });
    // The image's user is that uid, and it is not root.
    const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(finalStage).toMatch(/^USER node$/m);
    expect(finalStage).toContain(`RUN test "$(id -u node):$(id -g node)" = "${SERVICE_UID}:${SERVICE_UID}"`);
    expect(finalStage.lastIndexOf('\nUSER ')).toBeGreaterThan(finalStage.lastIndexOf('\nRUN '));
    expect(SERVICE_UID).not.toBe('0');
    // The code is root's, not writable by the service's user.
    expect(finalStage).toContain('COPY --from=build --chown=root:root /app /app');
  });

  it("gives each subgraph its own gateway-token key and no other's, and the gateway the file of them all, readable by the service's user alone", () => {
    const gateway = compose.services.gateway!;
    const gatewayConfig = gatewayConfigOf(gateway.environment!);
    expect(mounted(gateway).get(gatewayConfig.SUBGRAPH_TOKEN_KEYS_PATH)).toMatchObject({
      source: 'subgraph-token-keys',
      uid: SERVICE_UID,
      gid: SERVICE_UID,
      mode: 0o400,
    });
    expect((gateway.secrets ?? []).filter((s) => s.source.endsWith('-token-key'))).toEqual([]);
    for (const [name, service] of services) {
      if (name === 'gateway') continue;
      const tokenMounts = (service.secrets ?? [])
        .filter((s) => s.source.endsWith('-token-key') || s.source === 'subgraph-token-keys')
        .map((s) => s.source);
      const registered = subgraphRegistry.some((s) => s.name === name);
      expect({ name, tokenMounts }).toEqual({ name, tokenMounts: registered ? [`${name}-token-key`] : [] });
      // The gateway's public keys only where the audit-integrity check reads them.
      expect({ name, jwks: (service.secrets ?? []).some((s) => s.source === 'gateway-jwks') }).toEqual({
        name,
        jwks: name === 'accountability',
      });
    }
    for (const subgraph of subgraphRegistry) {
      const service = compose.services[subgraph.name]!;
      const config = subgraphLoaders[subgraph.name]!(service.environment!) as { GATEWAY_TOKEN_KEY_PATH: string };
      expect(config.GATEWAY_TOKEN_KEY_PATH).toBe(`/run/secrets/${subgraph.name}-token-key`);
      expect(mounted(service).get(config.GATEWAY_TOKEN_KEY_PATH)).toMatchObject({ uid: SERVICE_UID, gid: SERVICE_UID, mode: 0o400 });
    }
    // make-secrets.sh wrote a key of 256 bits per subgraph, and the gateway's file holds each one as that subgraph's current key.
    const files = (source: string) => join(secretsDir, compose.secrets![source]!.file.replace('./deploy/secrets/', ''));
    const all = readSubgraphTokenKeysFile(
      files('subgraph-token-keys'),
      subgraphRegistry.map((s) => s.name),
    );
    const kids = new Set<string>();
    for (const subgraph of subgraphRegistry) {
      const own = readSubgraphTokenKeyFile(files(`${subgraph.name}-token-key`), subgraph.name);
      expect(own[0]!.secret.symmetricKeySize).toBe(32);
      expect(all[subgraph.name]![0]!.kid).toBe(own[0]!.kid);
      kids.add(own[0]!.kid);
    }
    expect(kids.size).toBe(subgraphRegistry.length);
  });

  it('connects every service to MongoDB as its own user, over TLS, with its password in a secret file', () => {
    const users = new Map(databaseUsers().map((u) => [u.user, u]));
    const check = (name: string, uri: string, passwordFile: string | undefined, service: Service) => {
      const match = /^mongodb:\/\/([^:@/]+)@mongo:27017\/([^?]*)\?(.*)$/.exec(uri);
      expect({ name, uri, match: !!match }).toEqual({ name, uri, match: true });
      const [, user, , query] = match!;
      const params = new URLSearchParams(query);
      expect({
        name,
        user,
        tls: params.get('tls'),
        authSource: params.get('authSource'),
        ca: mounted(service).has(params.get('tlsCAFile')!),
      }).toEqual({ name, user: name, tls: 'true', authSource: 'admin', ca: true });
      expect(users.has(user!)).toBe(true);
      expect(passwordFile).toBe(`/run/secrets/${users.get(user!)!.passwordSecret}`);
      expect(mounted(service).get(passwordFile!)).toMatchObject({ uid: SERVICE_UID, mode: 0o400 });
    };
    for (const subgraph of subgraphRegistry) {
      const service = compose.services[subgraph.name]!;
      const config = subgraphLoaders[subgraph.name]!(service.environment!) as {
        MONGODB_URI: string;
        MONGODB_PASSWORD_FILE?: string;
        DATABASE_NAME: string;
      };
      expect(config.DATABASE_NAME).toBe(subgraph.databaseName);
      check(subgraph.name, config.MONGODB_URI, config.MONGODB_PASSWORD_FILE, service);
    }
    const gateway = compose.services.gateway!;
    const config = gatewayConfigOf(gateway.environment!);
    expect(config.AUDIT_DATABASE_NAME).toBe(auditDatabase);
    check('gateway', config.AUDIT_MONGODB_URI, config.AUDIT_MONGODB_PASSWORD_FILE, gateway);
  });

  it('calls every subgraph over TLS, with a client certificate, and each subgraph asks for one', () => {
    const gateway = compose.services.gateway!;
    const config = gatewayConfigOf(gateway.environment!);
    for (const subgraph of subgraphRegistry)
      expect(config.subgraphUrls[subgraph.name]).toBe(`https://${subgraph.name}:${subgraph.defaultPort}/graphql`);
    for (const setting of ['SUBGRAPH_TLS_CA_PATH', 'SUBGRAPH_TLS_CERT_PATH', 'SUBGRAPH_TLS_KEY_PATH'])
      expect(mounted(gateway).has(gateway.environment![setting]!)).toBe(true);
    expect(mounted(gateway).get(gateway.environment!.SUBGRAPH_TLS_KEY_PATH!)).toMatchObject({ uid: SERVICE_UID, mode: 0o400 });
    for (const subgraph of subgraphRegistry) {
      const service = compose.services[subgraph.name]!;
      for (const setting of ['TLS_CERT_PATH', 'TLS_KEY_PATH', 'TLS_CLIENT_CA_PATH'])
        expect({ subgraph: subgraph.name, setting, mounted: mounted(service).has(service.environment![setting] ?? '') }).toEqual({
          subgraph: subgraph.name,
          setting,
          mounted: true,
        });
      expect(mounted(service).get(service.environment!.TLS_KEY_PATH!)).toMatchObject({ uid: SERVICE_UID, mode: 0o400 });
    }
  });
});

describe('the database users', () => {
  const users = databaseUsers();
  const databasesOf = (user: DatabaseUser) =>
    new Set([...(user.roles ?? []).map((r) => r.db), ...(user.privileges ?? []).map((p) => p.resource.db)]);

  it('are one per service, each limited to its own database', () => {
    expect(
      users
        .filter((u) => !u.demoOnly)
        .map((u) => u.user)
        .sort(),
    ).toEqual(['gateway', ...subgraphRegistry.map((s) => s.name)].sort());
    for (const subgraph of subgraphRegistry) {
      const user = users.find((u) => u.user === subgraph.name)!;
      // Its roles (and, for the operator's subgraph, its privileges) name its own database only.
      const own = subgraph.kind === 'operator' ? databasesOf(user) : new Set((user.roles ?? []).map((r) => r.db));
      expect({ user: user.user, databases: [...own] }).toEqual({ user: user.user, databases: [subgraph.databaseName] });
      expect(user.roles?.map((r) => r.role).filter((role) => role !== 'readWrite' && role !== 'read') ?? []).toEqual([]);
      // Beyond its own database, an agency subgraph may only read the release grants (which of its records were released to whom).
      if (subgraph.kind !== 'operator') {
        expect(
          user.privileges?.map((p) => [
            p.resource.db,
            p.resource.collection,
            p.actions.filter((a) => a !== 'createIndex' && a !== 'listIndexes'),
          ]),
        ).toEqual([[auditDatabase, 'releaseGrants', ['find']]]);
      }
    }
    expect([...databasesOf(users.find((u) => u.user === 'gateway')!)]).toEqual([auditDatabase]);
    // No service user has a built-in role beyond its own database's read and write.
    for (const user of users.filter((u) => !u.demoOnly))
      for (const role of user.roles ?? []) expect(['read', 'readWrite']).toContain(role.role);
  });

  it('let the gateway read and append to the audit, never update or delete a record or a hit', () => {
    const gateway = users.find((u) => u.user === 'gateway')!;
    expect(gateway.roles).toBeUndefined();
    const actionsOn = (collection: string) =>
      gateway.privileges!.filter((p) => p.resource.collection === collection).flatMap((p) => p.actions);
    for (const collection of ['auditRecords', 'hits']) {
      expect(actionsOn(collection)).toEqual(expect.arrayContaining(['find', 'insert']));
      expect(actionsOn(collection).filter((action) => !['find', 'insert', 'createIndex', 'listIndexes'].includes(action))).toEqual([]);
    }
    // Nowhere may it remove, drop or rewrite whole documents; its one update moves its chain's head.
    for (const privilege of gateway.privileges!) {
      expect(privilege.resource.collection).not.toBe('');
      expect(
        privilege.actions.filter((action) =>
          ['remove', 'dropCollection', 'dropDatabase', 'renameCollectionSameDB', 'convertToCapped', 'collMod'].includes(action),
        ),
      ).toEqual([]);
      if (privilege.actions.includes('update')) expect(privilege.resource.collection).toBe('auditChains');
    }
    // The operator's subgraph reads the audit, writes release requests, adds the grants their approvals make and its key for opaque ids once; it removes nothing.
    const accountability = users.find((u) => u.user === 'accountability')!;
    for (const privilege of accountability.privileges!) {
      expect(privilege.actions).not.toContain('remove');
      if (privilege.actions.includes('update')) expect(privilege.resource.collection).toBe('releaseRequests');
      if (privilege.actions.includes('insert'))
        expect(['releaseRequests', 'releaseGrants', 'accountabilityKeys']).toContain(privilege.resource.collection);
    }
  });

  it('are created by the init script the mongo container runs, with the passwords from their secrets', () => {
    const script = renderDeploymentFiles()['deploy/mongo/initdb/create-users.js']!;
    expect(compose.services.mongo!.volumes).toContain('./deploy/mongo/initdb:/docker-entrypoint-initdb.d:ro');
    const mongoSecrets = mounted(compose.services.mongo!);
    for (const user of users.filter((u) => !u.demoOnly))
      expect(mongoSecrets.get(`/run/secrets/${user.passwordSecret}`)).toMatchObject({ uid: MONGO_UID, mode: 0o400 });
    // Run it against a recording of mongosh's admin database, with the secrets as files.
    const run = (files: Record<string, string>) => {
      const created: { users: unknown[]; roles: unknown[] } = { users: [], roles: [] };
      const admin = { createUser: (user: unknown) => created.users.push(user), createRole: (role: unknown) => created.roles.push(role) };
      const fs = { existsSync: (path: string) => path in files, readFileSync: (path: string) => files[path] };
      runInNewContext(script, {
        require: (module: string) => (module === 'fs' ? fs : undefined),
        db: { getSiblingDB: (name: string) => (name === 'admin' ? admin : undefined) },
        print: () => undefined,
      });
      return created;
    };
    const passwords = Object.fromEntries(users.map((u) => [`/run/secrets/${u.passwordSecret}`, `${u.user}-password-0123456789\n`]));
    const production = Object.fromEntries(Object.entries(passwords).filter(([path]) => !path.endsWith('db-password-seed')));
    const created = run(production);
    expect(created.users).toEqual(
      users
        .filter((u) => !u.demoOnly)
        .map((u) => ({
          user: u.user,
          pwd: `${u.user}-password-0123456789`,
          roles: [...(u.roles ?? []), ...(u.privileges ? [{ role: `${u.user}Service`, db: 'admin' }] : [])],
        })),
    );
    expect(created.roles).toEqual(
      users.filter((u) => u.privileges && !u.demoOnly).map((u) => ({ role: `${u.user}Service`, privileges: u.privileges, roles: [] })),
    );
    // The demo profile mounts the seed's secret too; then, and only then, the seed user exists.
    expect(run(passwords).users.map((u) => (u as { user: string }).user)).toContain('seed');
    // A missing or short password stops the init (and so the container's first start).
    const { ['/run/secrets/db-password-gateway']: _gateway, ...withoutGateway } = production;
    expect(() => run(withoutGateway)).toThrow('missing the password secret /run/secrets/db-password-gateway');
    expect(() => run({ ...production, '/run/secrets/db-password-interpol': 'short' })).toThrow('shorter than 16 characters');
  });
});

describe('the demo profile (docker-compose.demo.yml)', () => {
  it('adds the seed job, as the demo-only seed user limited to the demo databases, before the seeded subgraphs start', () => {
    const seed = demo.services.seed!;
    expect(seed.command).toEqual(['node', 'tools/dist/seed.js', '--if-empty']);
    expect(seed.environment!.MONGODB_URI).toMatch(/^mongodb:\/\/seed@mongo:27017\/\?replicaSet=rs0&authSource=admin&tls=true&/);
    expect(mounted(seed).has(seed.environment!.MONGODB_PASSWORD_FILE!)).toBe(true);
    expect(seed.build!.args!.NODE_IMAGE).toBe(byDigest(images.node));
    expect(seed).toMatchObject({ read_only: true, cap_drop: ['ALL'], security_opt: ['no-new-privileges:true'], restart: 'on-failure:3' });
    expect(mounted(demo.services.mongo!).has('/run/secrets/db-password-seed')).toBe(true);
    const seedUser = databaseUsers().find((u) => u.user === 'seed')!;
    expect(seedUser.demoOnly).toBe(true);
    expect(new Set(seedUser.roles!.map((r) => r.db))).toEqual(new Set(Object.values(databaseNames())));
    expect(seedUser.roles!.map((r) => r.db)).not.toContain(auditDatabase);
    for (const name of Object.keys(databaseNames()))
      expect(demo.services[name]!.depends_on).toEqual({ seed: { condition: 'service_completed_successfully' } });
  });
});

it('runs commands whose sources exist, from a Dockerfile that exists, and depends only on defined services', () => {
  expect(existsSync(resolve(repositoryRoot, 'Dockerfile'))).toBe(true);
  for (const [file, document] of [
    ['docker-compose.yml', compose],
    ['docker-compose.demo.yml', demo],
  ] as const) {
    for (const [name, service] of Object.entries(document.services)) {
      for (const dependency of Object.keys(service.depends_on ?? {}))
        expect({ file, name, dependency, defined: dependency in compose.services || dependency in demo.services }).toEqual({
          file,
          name,
          dependency,
          defined: true,
        });
      if (!service.build) continue;
      // `node [flags…] <script> [arguments…]`: the script is the word naming a .js file.
      const script = service.command!.find((word) => word.endsWith('.js'));
      expect({ name, script }).toEqual({ name, script: expect.any(String) });
      const source = resolve(repositoryRoot, script!.replace('/dist/', '/src/').replace(/\.js$/, '.ts'));
      expect({ name, source, exists: existsSync(source) }).toEqual({ name, source, exists: true });
    }
  }
  for (const script of ['deploy/mongo/start-mongod.sh', 'deploy/mongo/healthcheck.js'])
    expect(existsSync(resolve(repositoryRoot, script))).toBe(true);
});

it('builds its image from a Dockerfile that copies every workspace package before installing', () => {
  const install = dockerfile.indexOf('RUN npm ci');
  const workspaces = (JSON.parse(readFileSync(resolve(repositoryRoot, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
  expect(workspaces).toEqual(expect.arrayContaining(subgraphRegistry.map((s) => `subgraphs/${s.name}`)));
  for (const workspace of workspaces) {
    const copy = dockerfile.indexOf(`COPY ${workspace}/package.json ${workspace}/`);
    expect({ workspace, copiedBeforeInstall: copy >= 0 && copy < install }).toEqual({ workspace, copiedBeforeInstall: true });
  }
});

describe('deploy/make-secrets.sh', () => {
  it('makes every secret the compose files name, each with the owner and mode its reader needs, and certificates the internal CA signs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'intel-gateway-secrets-'));
    try {
      // The operator's own keys and registry, as the operator puts them.
      for (const file of ['gateway-signing-key.json', 'gateway-jwks.json', 'agency-registry.json']) writeFileSync(join(dir, file), '{}');
      const made = spawnSync('sh', [resolve(repositoryRoot, 'deploy/make-secrets.sh'), dir], {
        cwd: repositoryRoot,
        encoding: 'utf8',
        env: childEnvironment({ CERT_DAYS: '2' }),
      });
      expect({ status: made.status, stderr: made.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
      const files = [...Object.values(compose.secrets!), ...Object.values(demo.secrets!)].map((s) =>
        s.file.replace('./deploy/secrets/', ''),
      );
      const asRoot = process.getuid?.() === 0;
      const expected = (file: string): { mode: number; uid?: number; gid?: number } => {
        if (['mongo-root-password', 'mongo-keyfile', 'mongo.pem'].includes(file))
          return { mode: 0o400, uid: Number(MONGO_UID), gid: Number(MONGO_UID) };
        if (file.startsWith('db-password-')) return { mode: 0o440, uid: Number(SERVICE_UID), gid: Number(MONGO_UID) };
        if (file.endsWith('.key') || file === 'gateway-signing-key.json' || file === 'subgraph-token-keys.json')
          return { mode: 0o400, uid: Number(SERVICE_UID), gid: Number(SERVICE_UID) };
        return { mode: 0o444 };
      };
      for (const file of files) {
        const stat = statSync(join(dir, file));
        const want = expected(file);
        expect({ file, mode: stat.mode & 0o777, ...(asRoot && want.uid !== undefined ? { uid: stat.uid, gid: stat.gid } : {}) }).toEqual({
          file,
          mode: want.mode,
          ...(asRoot && want.uid !== undefined ? { uid: want.uid, gid: want.gid } : {}),
        });
      }
      // The CA's key is mounted nowhere.
      expect(files.some((file) => file.startsWith('ca/'))).toBe(false);
      expect(statSync(join(dir, 'ca', 'internal-ca.key')).mode & 0o077).toBe(0);
      const openssl = (...args: string[]) => spawnSync('openssl', args, { encoding: 'utf8' });
      for (const name of [...subgraphRegistry.map((s) => s.name), 'gateway-client'])
        expect(openssl('verify', '-CAfile', join(dir, 'internal-ca.pem'), join(dir, `${name}.crt`)).stdout.trim()).toBe(
          `${join(dir, `${name}.crt`)}: OK`,
        );
      for (const subgraph of subgraphRegistry) {
        const text = openssl('x509', '-in', join(dir, `${subgraph.name}.crt`), '-noout', '-ext', 'subjectAltName,extendedKeyUsage').stdout;
        expect(text).toContain(`DNS:${subgraph.name}`);
        expect(text).toContain('TLS Web Server Authentication');
      }
      expect(openssl('x509', '-in', join(dir, 'gateway-client.crt'), '-noout', '-ext', 'extendedKeyUsage').stdout).toContain(
        'TLS Web Client Authentication',
      );
      expect(openssl('x509', '-in', join(dir, 'mongo.pem'), '-noout', '-ext', 'subjectAltName').stdout).toMatch(/DNS:mongo, DNS:localhost/);
      expect(readFileSync(join(dir, 'mongo.pem'), 'utf8')).toContain('PRIVATE KEY');
      expect(readFileSync(join(dir, 'db-password-gateway'), 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
