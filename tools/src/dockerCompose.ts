import { resolve } from 'node:path';
import { Scalar, stringify } from 'yaml';
import { z } from 'zod';
import { GATEWAY_NODE_FLAGS } from '@intel-gateway/gateway';
import { readJsonFile } from '@intel-gateway/shared/config';
import { getSubgraph, repositoryRoot, type SubgraphEntry, subgraphRegistry } from '@intel-gateway/shared/registry';
import { databaseNames } from './seed/seedDatabases';

/** docker-compose.yml of the repository at `root`. */
export function dockerComposePathIn(root: string): string {
  return resolve(root, 'docker-compose.yml');
}

export const dockerComposePath = dockerComposePathIn(repositoryRoot);

/** The base images every generated file and the Dockerfile use, by digest (deploy/pinned-images.json). */
export function pinnedImagesPathIn(root: string): string {
  return resolve(root, 'deploy', 'pinned-images.json');
}

const pinnedImage = z.object({
  /** Registry, repository and tag, e.g. `docker.io/library/mongo:8.0`: the tag is for people; the digest decides. */
  reference: z.string().regex(/^[a-z0-9./-]+(:[A-Za-z0-9._-]+)?$/, 'must be an image reference without a digest'),
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be a sha256 digest (sha256: and 64 hex digits)'),
});
const pinnedImagesSchema = z.object({ node: pinnedImage, mongo: pinnedImage });
export type PinnedImages = z.infer<typeof pinnedImagesSchema>;

/** The pinned base images; a missing or malformed digest stops generation with a clear message. */
export function loadPinnedImages(root: string = repositoryRoot): PinnedImages {
  return readJsonFile(pinnedImagesPathIn(root), pinnedImagesSchema, `pinned images ${pinnedImagesPathIn(root)}`);
}

/** An image reference that names its digest: what Docker pulls is exactly that. */
export const byDigest = (image: z.infer<typeof pinnedImage>): string => `${image.reference}@${image.digest}`;

/** The uid and gid the services run as: the `node` user of the official Node.js image (the Dockerfile checks it). */
export const SERVICE_UID = '1000';
/** The uid and gid of the `mongodb` user in the official MongoDB image. */
export const MONGO_UID = '999';

/** Where the operator puts the secrets and certificates docker-compose.yml reads (git-ignored; see docs/deployment.md). */
const SECRETS_DIR = './deploy/secrets';
const SECRET = (name: string) => `/run/secrets/${name}`;
const INTERNAL_CA = 'internal-ca';

/**
 * A MongoDB privilege: `actions` on one collection of one database (an empty collection
 * name is every collection of it).
 */
export interface DatabasePrivilege {
  resource: { db: string; collection: string };
  actions: string[];
}

/** One database user the mongo container creates on its first start, and what it may do. */
export interface DatabaseUser {
  /** The user's name; also the compose service that logs in as it. */
  user: string;
  /** Its password's compose secret, read by the init script and by the service. */
  passwordSecret: string;
  /** A role made for this user alone (its privileges), or built-in roles on named databases. */
  privileges?: DatabasePrivilege[];
  roles?: { role: string; db: string }[];
  /** Created only in the demo profile (the init script skips a user whose password secret is absent). */
  demoOnly?: boolean;
}

/** The gateway's audit database: the operator's subgraph's (accountability) database. */
function auditDatabase(registry: readonly SubgraphEntry[]): string {
  return (registry.find((s) => s.name === 'accountability') ?? getSubgraph('accountability')).databaseName;
}

/** The audit store's collections (shared/src/audit/auditRecord.ts). */
const AUDIT_COLLECTIONS = {
  records: 'auditRecords',
  hits: 'hits',
  chains: 'auditChains',
  registry: 'auditRegistry',
  releaseRequests: 'releaseRequests',
  releaseGrants: 'releaseGrants',
};

/**
 * Every database user, one per service, each limited to its own database:
 *   - each agency subgraph: readWrite on its database, and reads the release grants (which
 *     of its records owners released to whom, for what purpose; no content);
 *   - the operator's subgraph (accountability): reads the audit, writes release requests,
 *     and inserts the grants an approval makes;
 *   - the gateway: reads and inserts audit records, hits and chain registrations, never
 *     updates or removes them; its one update is its own chain's head pointer (auditChains),
 *     which moves forward with every record it appends (a rewound head is caught by the
 *     chain registry and the shipped heads, see docs/sharing-and-audit.md, Audit verification); it reads
 *     release requests and grants;
 *   - the demo seed job (demo profile only): readWrite and dbAdmin (to drop and rebuild)
 *     on the databases it seeds.
 * Every service may create its own indexes (it does at start).
 */
export function databaseUsers(registry: readonly SubgraphEntry[] = subgraphRegistry): DatabaseUser[] {
  const audit = auditDatabase(registry);
  const on = (collection: string, ...actions: string[]): DatabasePrivilege => ({
    resource: { db: audit, collection },
    actions: [...actions, 'createIndex', 'listIndexes'],
  });
  const subgraphs = registry.map((s): DatabaseUser =>
    s.kind === 'operator'
      ? {
          user: s.name,
          passwordSecret: `db-password-${s.name}`,
          privileges: [
            on(AUDIT_COLLECTIONS.records, 'find'),
            on(AUDIT_COLLECTIONS.hits, 'find'),
            on(AUDIT_COLLECTIONS.chains, 'find'),
            on(AUDIT_COLLECTIONS.registry, 'find'),
            on(AUDIT_COLLECTIONS.releaseRequests, 'find', 'insert', 'update'),
            on(AUDIT_COLLECTIONS.releaseGrants, 'find', 'insert'),
          ],
        }
      : {
          user: s.name,
          passwordSecret: `db-password-${s.name}`,
          roles: [{ role: 'readWrite', db: s.databaseName }],
          privileges: [on(AUDIT_COLLECTIONS.releaseGrants, 'find')],
        },
  );
  const gateway: DatabaseUser = {
    user: 'gateway',
    passwordSecret: 'db-password-gateway',
    privileges: [
      on(AUDIT_COLLECTIONS.records, 'find', 'insert'),
      on(AUDIT_COLLECTIONS.hits, 'find', 'insert'),
      on(AUDIT_COLLECTIONS.chains, 'find', 'insert', 'update'),
      on(AUDIT_COLLECTIONS.registry, 'find', 'insert'),
      on(AUDIT_COLLECTIONS.releaseRequests, 'find'),
      on(AUDIT_COLLECTIONS.releaseGrants, 'find'),
    ],
  };
  const seeded = Object.values(databaseNames());
  const seed: DatabaseUser = {
    user: 'seed',
    passwordSecret: 'db-password-seed',
    roles: seeded.flatMap((db) => [
      { role: 'readWrite', db },
      { role: 'dbAdmin', db },
    ]),
    demoOnly: true,
  };
  return [...subgraphs, gateway, seed];
}

/** The connection string a service logs in with: its own user (password from its secret file), its database, TLS. */
function databaseUri(user: string, database: string): string {
  return `mongodb://${user}@mongo:27017/${database}?replicaSet=rs0&authSource=admin&tls=true&tlsCAFile=${SECRET(INTERNAL_CA)}`;
}

/** Hardening every container gets: read-only root, no capabilities, no privilege gain, restarted, 30 s to stop. */
const hardened = {
  read_only: true,
  cap_drop: ['ALL'],
  security_opt: ['no-new-privileges:true'],
  restart: 'unless-stopped',
  // Services finish requests in flight and exit within 25 s of SIGTERM (onShutdownSignal).
  stop_grace_period: '30s',
  init: true,
};

/** A file mode written in octal (`0o400`), as compose reads it. */
const octal = (mode: number) => Object.assign(new Scalar(mode), { format: 'OCT' });

/**
 * A compose secret as a service mounts it: at /run/secrets/<name>, owned and readable as
 * given. Docker Compose bind-mounts a file secret with the host file's owner and mode, so
 * deploy/make-secrets.sh gives the host files these (see docs/deployment.md).
 */
const secret = (source: string, uid: string, mode: number) => ({ source, target: source, uid, gid: uid, mode: octal(mode) });
const serviceSecret = (source: string) => secret(source, SERVICE_UID, 0o400);
const publicFile = (source: string) => secret(source, SERVICE_UID, 0o444);

const appImage = (images: PinnedImages) => ({
  build: { context: '.', dockerfile: 'Dockerfile', args: { NODE_IMAGE: byDigest(images.node) } },
  image: 'intel-gateway:local',
});

/** docker-compose.yml, generated from the subgraph registry and the pinned images. */
function productionDocument(registry: readonly SubgraphEntry[], images: PinnedImages) {
  const users = databaseUsers(registry);
  const subgraphs = Object.fromEntries(
    registry.map((s) => [
      s.name,
      {
        ...appImage(images),
        command: ['node', `subgraphs/${s.name}/dist/main.js`],
        environment: {
          HOST: '0.0.0.0',
          PORT: String(s.defaultPort),
          MONGODB_URI: databaseUri(s.name, s.databaseName),
          MONGODB_PASSWORD_FILE: SECRET(`db-password-${s.name}`),
          DATABASE_NAME: s.databaseName,
          // Its own gateway-token key, and no other subgraph's: it can mint tokens for no other.
          GATEWAY_TOKEN_KEY_PATH: SECRET(`${s.name}-token-key`),
          // The audit-integrity check verifies the gateway's audit signatures; no agency subgraph needs its keys.
          ...(s.name === 'accountability' ? { GATEWAY_JWKS_PATH: SECRET('gateway-jwks') } : {}),
          // Served over TLS; only a client certificate the internal CA signed (the gateway's) gets in.
          TLS_CERT_PATH: SECRET(`${s.name}-tls-cert`),
          TLS_KEY_PATH: SECRET(`${s.name}-tls-key`),
          TLS_CLIENT_CA_PATH: SECRET(INTERNAL_CA),
        },
        secrets: [
          serviceSecret(`db-password-${s.name}`),
          serviceSecret(`${s.name}-token-key`),
          ...(s.name === 'accountability' ? [publicFile('gateway-jwks')] : []),
          publicFile(`${s.name}-tls-cert`),
          serviceSecret(`${s.name}-tls-key`),
          publicFile(INTERNAL_CA),
        ],
        tmpfs: ['/tmp:size=16m,mode=1777'],
        ...hardened,
        networks: ['backend'],
        depends_on: { mongo: { condition: 'service_healthy' } },
        healthcheck: {
          // Listening (it listens once its database is reachable and its indexes built); a TCP
          // connect needs no client certificate.
          test: [
            'CMD',
            'node',
            '-e',
            `require('net').connect(${s.defaultPort}, '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(1))`,
          ],
          interval: '5s',
          retries: 12,
          start_period: '30s',
        },
      },
    ]),
  );
  const secretFiles: Record<string, string> = {
    [INTERNAL_CA]: 'internal-ca.pem',
    'mongo-root-password': 'mongo-root-password',
    'mongo-keyfile': 'mongo-keyfile',
    'mongo-tls': 'mongo.pem',
    ...Object.fromEntries(users.filter((u) => !u.demoOnly).map((u) => [u.passwordSecret, u.passwordSecret])),
    'gateway-signing-key': 'gateway-signing-key.json',
    'gateway-jwks': 'gateway-jwks.json',
    'subgraph-token-keys': 'subgraph-token-keys.json',
    'agency-registry': 'agency-registry.json',
    'gateway-client-tls-cert': 'gateway-client.crt',
    'gateway-client-tls-key': 'gateway-client.key',
    ...Object.fromEntries(
      registry.flatMap((s) => [
        [`${s.name}-tls-cert`, `${s.name}.crt`],
        [`${s.name}-tls-key`, `${s.name}.key`],
        [`${s.name}-token-key`, `${s.name}-token.key`],
      ]),
    ),
  };
  return {
    name: 'intel-gateway',
    services: {
      mongo: {
        image: byDigest(images.mongo),
        // The image's mongodb user, so its entrypoint needs no capability to switch users.
        user: `${MONGO_UID}:${MONGO_UID}`,
        entrypoint: ['sh', '/etc/intel-gateway/mongo/start-mongod.sh'],
        command: [
          'mongod',
          '--replSet',
          'rs0',
          // Its own container's addresses only: reachable on the internal network, from no other.
          '--bind_ip',
          'localhost,mongo',
          // The keyfile makes members authenticate each other and turns on access control.
          '--keyFile',
          '/run/mongo/keyfile',
          '--tlsMode',
          'requireTLS',
          '--tlsCertificateKeyFile',
          SECRET('mongo-tls'),
          '--tlsCAFile',
          SECRET(INTERNAL_CA),
          // Services log in with their user's password (SCRAM) over TLS; without this a CA file
          // would also demand a client certificate of each.
          '--tlsAllowConnectionsWithoutCertificates',
        ],
        environment: {
          MONGO_INITDB_ROOT_USERNAME: 'root',
          MONGO_INITDB_ROOT_PASSWORD_FILE: SECRET('mongo-root-password'),
        },
        secrets: [
          secret('mongo-root-password', MONGO_UID, 0o400),
          secret('mongo-keyfile', MONGO_UID, 0o400),
          secret('mongo-tls', MONGO_UID, 0o400),
          secret(INTERNAL_CA, MONGO_UID, 0o444),
          // The init script reads each service's password to create its user.
          ...users.filter((u) => !u.demoOnly).map((u) => secret(u.passwordSecret, MONGO_UID, 0o400)),
        ],
        volumes: [
          'mongo-data:/data/db',
          'mongo-config:/data/configdb',
          './deploy/mongo:/etc/intel-gateway/mongo:ro',
          './deploy/mongo/initdb:/docker-entrypoint-initdb.d:ro',
        ],
        tmpfs: ['/tmp:size=64m,mode=1777', `/run/mongo:size=1m,uid=${MONGO_UID},gid=${MONGO_UID},mode=0700`],
        ...hardened,
        networks: ['backend'],
        healthcheck: {
          // Initiates the one-node replica set on first start, then reports whether it is primary.
          test: ['CMD', 'mongosh', '--nodb', '--quiet', '--file', '/etc/intel-gateway/mongo/healthcheck.js'],
          interval: '5s',
          retries: 20,
          start_period: '60s',
        },
      },
      ...subgraphs,
      gateway: {
        ...appImage(images),
        command: ['node', ...GATEWAY_NODE_FLAGS, 'gateway/dist/main.js'],
        environment: {
          HOST: '0.0.0.0',
          PORT: '4000',
          AGENCY_REGISTRY_PATH: SECRET('agency-registry'),
          AUDIT_MONGODB_URI: databaseUri('gateway', auditDatabase(registry)),
          AUDIT_MONGODB_PASSWORD_FILE: SECRET('db-password-gateway'),
          GATEWAY_SIGNING_KEY_PATH: SECRET('gateway-signing-key'),
          SUBGRAPH_TOKEN_KEYS_PATH: SECRET('subgraph-token-keys'),
          SUBGRAPH_TLS_CA_PATH: SECRET(INTERNAL_CA),
          SUBGRAPH_TLS_CERT_PATH: SECRET('gateway-client-tls-cert'),
          SUBGRAPH_TLS_KEY_PATH: SECRET('gateway-client-tls-key'),
          ...Object.fromEntries(registry.map((s) => [s.urlSetting, `https://${s.name}:${s.defaultPort}/graphql`])),
        },
        secrets: [
          // Readable by the gateway's (non-root) user alone.
          serviceSecret('gateway-signing-key'),
          serviceSecret('subgraph-token-keys'),
          serviceSecret('db-password-gateway'),
          publicFile('agency-registry'),
          publicFile('gateway-client-tls-cert'),
          serviceSecret('gateway-client-tls-key'),
          publicFile(INTERNAL_CA),
        ],
        tmpfs: ['/tmp:size=16m,mode=1777'],
        ...hardened,
        ports: ['127.0.0.1:4000:4000'],
        networks: ['backend', 'frontend'],
        depends_on: Object.fromEntries([
          ['mongo', { condition: 'service_healthy' }],
          ...registry.map((s) => [s.name, { condition: 'service_healthy' }]),
        ]),
        healthcheck: {
          test: [
            'CMD',
            'node',
            '-e',
            "fetch('http://127.0.0.1:4000/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))",
          ],
          interval: '5s',
          retries: 12,
          start_period: '30s',
        },
      },
    },
    networks: {
      // MongoDB and the subgraphs: no route out, and no port published.
      backend: { internal: true },
      // The gateway's published port.
      frontend: {},
    },
    volumes: { 'mongo-data': {}, 'mongo-config': {} },
    secrets: Object.fromEntries(Object.entries(secretFiles).map(([name, file]) => [name, { file: `${SECRETS_DIR}/${file}` }])),
  };
}

/**
 * docker-compose.demo.yml, laid over docker-compose.yml for a demonstration: a one-shot job
 * that loads the demo records (`seed.js --if-empty`, which refuses to touch a database holding
 * data it did not write) before the subgraphs start, as the demo-only `seed` user.
 */
function demoDocument(registry: readonly SubgraphEntry[], images: PinnedImages) {
  const seed = databaseUsers(registry).find((u) => u.demoOnly)!;
  const seeded = new Set(Object.keys(databaseNames()));
  return {
    services: {
      mongo: { secrets: [secret(seed.passwordSecret, MONGO_UID, 0o400)] },
      seed: {
        ...appImage(images),
        command: ['node', 'tools/dist/seed.js', '--if-empty'],
        environment: {
          MONGODB_URI: `mongodb://${seed.user}@mongo:27017/?replicaSet=rs0&authSource=admin&tls=true&tlsCAFile=${SECRET(INTERNAL_CA)}`,
          MONGODB_PASSWORD_FILE: SECRET(seed.passwordSecret),
        },
        secrets: [serviceSecret(seed.passwordSecret), publicFile(INTERNAL_CA)],
        tmpfs: ['/tmp:size=16m,mode=1777'],
        ...hardened,
        // A one-shot job: restarted only if it fails (the database not ready yet), at most 3 times.
        restart: 'on-failure:3',
        networks: ['backend'],
        depends_on: { mongo: { condition: 'service_healthy' } },
      },
      ...Object.fromEntries(
        registry
          .filter((s) => seeded.has(s.name))
          .map((s) => [s.name, { depends_on: { seed: { condition: 'service_completed_successfully' } } }]),
      ),
    },
    secrets: { [seed.passwordSecret]: { file: `${SECRETS_DIR}/${seed.passwordSecret}` } },
  };
}

/**
 * The init script the mongo container runs on its first start (an empty data volume),
 * from /docker-entrypoint-initdb.d: one user per service, each with only its own database's
 * privileges (see databaseUsers), its password read from its compose secret. A demo-only
 * user is created only when its secret is mounted (the demo profile).
 */
function initScript(registry: readonly SubgraphEntry[]): string {
  return `// Generated by \`npm run compose\` from the subgraph registry (tools/src/dockerCompose.ts). Do not edit by hand.
// Run by the mongo container on its first start, as root, by mongosh.
const fs = require('fs');
const users = ${JSON.stringify(databaseUsers(registry), null, 2)};
const admin = db.getSiblingDB('admin');
for (const entry of users) {
  const file = '/run/secrets/' + entry.passwordSecret;
  if (!fs.existsSync(file)) {
    if (entry.demoOnly) continue;
    throw new Error('missing the password secret ' + file + ' for the database user ' + entry.user);
  }
  const password = fs.readFileSync(file, 'utf8').trim();
  if (password.length < 16) throw new Error('the password in ' + file + ' is shorter than 16 characters');
  const roles = entry.roles ? entry.roles.slice() : [];
  if (entry.privileges) {
    const role = entry.user + 'Service';
    admin.createRole({ role: role, privileges: entry.privileges, roles: [] });
    roles.push({ role: role, db: 'admin' });
  }
  admin.createUser({ user: entry.user, pwd: password, roles: roles });
  print('created database user ' + entry.user);
}
`;
}

const GENERATED =
  '# Generated by `npm run compose` from the subgraph registry (shared/subgraphRegistry.json) and deploy/pinned-images.json. Do not edit by hand.\n';
// YAML 1.1 rules for quoting, so no reader takes a value such as `no` or `999:999` for a boolean or a number.
const yaml = (document: unknown) => stringify(document, { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false });

/**
 * docker-compose.yml, generated from the subgraph registry: MongoDB as a one-node replica
 * set with access control (a user per service), a keyfile and TLS; every registered
 * subgraph and the gateway over TLS; no seeding (see docker-compose.demo.yml). Every
 * container is read-only, drops every capability, cannot gain privileges, restarts, and has
 * a health check; images are pinned by digest. `npm run compose` writes it; a test fails
 * when the committed file is stale.
 */
export function renderDockerCompose(
  registry: readonly SubgraphEntry[] = subgraphRegistry,
  images: PinnedImages = loadPinnedImages(),
): string {
  return GENERATED + yaml(productionDocument(registry, images));
}

/** Every file `npm run compose` writes for deployment, by path relative to the repository root. */
export function renderDeploymentFiles(
  registry: readonly SubgraphEntry[] = subgraphRegistry,
  images: PinnedImages = loadPinnedImages(),
): Record<string, string> {
  return {
    'docker-compose.yml': renderDockerCompose(registry, images),
    'docker-compose.demo.yml': `${GENERATED}# The demo profile: docker compose -f docker-compose.yml -f docker-compose.demo.yml up\n${yaml(demoDocument(registry, images))}`,
    'deploy/mongo/initdb/create-users.js': initScript(registry),
  };
}
