import { tmpdir } from 'node:os';
import { z } from 'zod';
import { defaultCacheDir } from '@intel-gateway/tools';

/**
 * The test run's settings. `MONGODB_URI` runs the suite against a real MongoDB instead of
 * the embedded server; `TEST_MONGODB_URI` is how globalSetup hands its database to the
 * test workers. `CHROMIUM_PATH` is the browser the workbench test drives, found the same
 * way `tools/ensureChromium.mjs` finds (or installs) it before jest starts. `PROPERTY_RUNS`
 * and `PROPERTY_SEED` size and replay the inference property test (the seed replays the
 * release property test too).
 */
export function loadTestConfig(env: NodeJS.ProcessEnv = process.env) {
  return z
    .object({
      MONGODB_URI: z.string().optional(),
      TEST_MONGODB_URI: z.string().optional(),
      CACHE_DIR: z.string().default(defaultCacheDir()),
      TMPDIR: z.string().default(tmpdir()),
      CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
      /** Operations the inference property test generates (longer runs: PROPERTY_RUNS=2000). */
      PROPERTY_RUNS: z.coerce.number().int().min(1).default(200),
      /** The property tests' seed; a failure prints it, and setting it replays that run. */
      PROPERTY_SEED: z.coerce.number().int().default(20261205),
    })
    .parse(env);
}

/** Passes the run's database URI from globalSetup to the workers it spawns. */
export function shareTestDatabaseUri(uri: string): void {
  process.env.TEST_MONGODB_URI = uri;
}
