import { parseArgs } from 'node:util';
import { withPasswordFrom } from '@intel-gateway/shared/database';
import { loadToolsConfig } from './config';
import { resolveDatabase } from './database/resolveDatabase';
import { DEFAULT_SEED, isSeeded } from './seed/seedDatabases';
import { seedWithProgress } from './seed/seedWithProgress';

/**
 * `npm run seed [-- --size N --seed S] [--if-empty]`: drops and reseeds the subgraph
 * databases with demo records, with a progress bar. Uses MONGODB_URI if set, else the
 * embedded database in DATA_DIR. `--if-empty` leaves a completed seed alone (the demo
 * profile's seed job, docker-compose.demo.yml). A database holding data the seed did not
 * write is never dropped: the seed refuses (SeedRefusedError), changes nothing and exits 1.
 */
async function main(): Promise<void> {
  const config = loadToolsConfig();
  const { values } = parseArgs({ options: { size: { type: 'string' }, seed: { type: 'string' }, 'if-empty': { type: 'boolean' } } });
  const size = Number(values.size ?? config.SEED_SIZE);
  const seed = Number(values.seed ?? DEFAULT_SEED);
  if (!Number.isInteger(size) || size < 0) throw new Error(`--size must be a whole number, got "${values.size}"`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, got "${values.seed}"`);

  const database = await resolveDatabase({
    mongodbUri: config.MONGODB_URI && withPasswordFrom(config.MONGODB_URI, config.MONGODB_PASSWORD_FILE),
    dataDir: config.DATA_DIR,
    cacheDir: config.CACHE_DIR,
    log: (l) => console.error(l),
  });
  try {
    if (values['if-empty'] && (await isSeeded(database.uri))) console.log('already seeded; leaving the data as it is');
    else await seedWithProgress({ uri: database.uri, size, seed });
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
