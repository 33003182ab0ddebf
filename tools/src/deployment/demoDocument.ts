import type { SubgraphEntry } from '@intel-gateway/shared/registry';
import { databaseNames } from '../seed/seedDatabases';
import { appImage, hardened, INTERNAL_CA, MONGO_UID, publicFile, SECRET, secret, SECRETS_DIR, serviceSecret } from './containerParts';
import { databaseUsers } from './databaseUsers';
import type { PinnedImages } from './pinnedImages';

/**
 * docker-compose.demo.yml, laid over docker-compose.yml for a demonstration: a one-shot job
 * that loads the demo records (`seed.js --if-empty`, which refuses to touch a database holding
 * data it did not write) before the subgraphs start, as the demo-only `seed` user.
 */
export function demoDocument(registry: readonly SubgraphEntry[], images: PinnedImages) {
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
