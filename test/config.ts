import { tmpdir } from 'node:os';
import { z } from 'zod';
import { defaultCacheDir } from '@intel-gateway/shared';

/**
 * The test run's settings. `MONGODB_URI` runs the suite against a real MongoDB instead of
 * the embedded server; `TEST_MONGODB_URI` is how globalSetup hands its database to the
 * test workers.
 */
export function loadTestConfig(env: NodeJS.ProcessEnv = process.env) {
  return z
    .object({
      MONGODB_URI: z.string().optional(),
      TEST_MONGODB_URI: z.string().optional(),
      CACHE_DIR: z.string().default(defaultCacheDir()),
      TMPDIR: z.string().default(tmpdir()),
    })
    .parse(env);
}

/** Passes the run's database URI from globalSetup to the workers it spawns. */
export function shareTestDatabaseUri(uri: string): void {
  process.env.TEST_MONGODB_URI = uri;
}
