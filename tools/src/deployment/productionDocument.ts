import { GATEWAY_NODE_FLAGS } from '@intel-gateway/gateway';
import type { SubgraphEntry } from '@intel-gateway/shared/registry';
import {
  appImage,
  databaseUri,
  hardened,
  INTERNAL_CA,
  MONGO_UID,
  publicFile,
  SECRET,
  secret,
  SECRETS_DIR,
  serviceSecret,
} from './containerParts';
import { auditDatabase, databaseUsers } from './databaseUsers';
import { byDigest, type PinnedImages } from './pinnedImages';

/** docker-compose.yml, generated from the subgraph registry and the pinned images. */
export function productionDocument(registry: readonly SubgraphEntry[], images: PinnedImages) {
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
          // /metrics off the published port, on the container's loopback only: an operator opens it on purpose (docs/deployment.md).
          METRICS_PORT: '9464',
          AGENCY_REGISTRY_PATH: SECRET('agency-registry'),
          AUDIT_MONGODB_URI: databaseUri('gateway', auditDatabase(registry)),
          AUDIT_MONGODB_PASSWORD_FILE: SECRET('db-password-gateway'),
          GATEWAY_SIGNING_KEY_PATH: SECRET('gateway-signing-key'),
          // Its public keys, previous ones included after a rotation: the release approvals they sealed stay honoured.
          GATEWAY_JWKS_PATH: SECRET('gateway-jwks'),
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
          publicFile('gateway-jwks'),
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
