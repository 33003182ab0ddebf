import { resolve } from 'node:path';
import { z } from 'zod';
import { logLevel, parseConfig, port } from '@intel-gateway/shared/config';
import { repositoryRoot } from '@intel-gateway/shared/registry';
import { defaultCacheDir } from './database/secantusBinary';

/** Settings for `npm start`, `npm run seed` and `npm run bench`, read once from the environment. */
export function loadToolsConfig(env: NodeJS.ProcessEnv = process.env) {
  return parseConfig(
    'tools',
    z.object({
      /** Use this MongoDB deployment instead of the embedded server. */
      MONGODB_URI: z
        .string()
        .regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// connection string')
        .optional(),
      /** The password of MONGODB_URI's user, in a file (the demo profile's seed job reads a compose secret). */
      MONGODB_PASSWORD_FILE: z.string().optional(),
      /** Where `npm start` keeps the embedded database's files. */
      DATA_DIR: z.string().default(resolve(repositoryRoot, '.data', 'db')),
      /** Where the embedded database binary is built and cached, outside the clone. */
      CACHE_DIR: z.string().default(defaultCacheDir()),
      GATEWAY_HOST: z.string().default('127.0.0.1'),
      GATEWAY_PORT: port.default(4000),
      /** Subgraph ports; 0 lets each pick a free one. */
      SUBGRAPH_PORT_BASE: port.optional(),
      SEED_SIZE: z.coerce.number().int().min(0).default(2_000),
      /** Whether `npm start`'s gateway serves the analyst workbench at `/` (passed on to it). */
      WORKBENCH_ENABLED: z.stringbool().default(true),
      /** Development agency keys and registry (git-ignored); made on first use. */
      DEV_KEYS_DIR: z.string().default(resolve(repositoryRoot, '.dev-keys')),
      LOG_LEVEL: logLevel,
      /** The folder npm was run from (npm sets it); paths given to npm scripts are relative to it. */
      INIT_CWD: z.string().default(process.cwd()),
      /**
       * Set by CI systems (`CI=true`): a check that only reminds a developer (a generated file
       * not written again) fails there. Any value but empty, false, 0, no or off counts.
       */
      CI: z
        .string()
        .optional()
        .transform((value) => value !== undefined && !/^(|false|0|no|off)$/i.test(value.trim())),
    }),
    env,
  );
}

export type ToolsConfig = ReturnType<typeof loadToolsConfig>;

/**
 * The environment a child service starts from: this process's own, plus its settings; a
 * setting given as `undefined` is removed (a test starts a service with no NODE_ENV at all).
 */
export function childEnvironment(settings: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...settings };
  for (const [name, value] of Object.entries(settings)) if (value === undefined) delete env[name];
  return env;
}
