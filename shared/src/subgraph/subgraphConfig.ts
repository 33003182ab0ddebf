import { resolve } from 'node:path';
import { z } from 'zod';
import { logLevel, port, tracingSettings } from '../config/parseConfig';
import { GATEWAY_TOKEN_DEFAULTS } from '../identity/gatewayToken';
import { getSubgraph, repositoryRoot, type SubgraphEntry } from '../registry/subgraphRegistry';

/**
 * The settings every agency subgraph takes. Each subgraph's own `config.ts` parses its
 * environment with this schema (and may extend it).
 */
export function subgraphConfigSchema(subgraph: SubgraphEntry) {
  return z.object({
    HOST: z.string().default('127.0.0.1'),
    PORT: port.default(subgraph.defaultPort),
    MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// connection string'),
    /** The password of MONGODB_URI's user, in a file (a compose secret), so it is in no URI or environment. */
    MONGODB_PASSWORD_FILE: z.string().optional(),
    DATABASE_NAME: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,63}$/)
      .default(subgraph.databaseName),
    /**
     * The database holding the release-grant store (collection `releaseGrants`, written by the
     * accountability subgraph): the gateway's audit database. An agency subgraph only reads it.
     */
    RELEASE_GRANTS_DATABASE: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,63}$/)
      .default(getSubgraph('accountability').databaseName),
    LOG_LEVEL: logLevel,
    /**
     * This subgraph's own gateway-token keys (HMAC-SHA256, base64url, one a line, at least
     * 32 bytes each; the first is current, a previous one may follow during a rotation): only
     * requests whose token one of them authenticates are answered. The gateway holds the
     * same key; no other subgraph does.
     */
    GATEWAY_TOKEN_KEY_PATH: z
      .string()
      .min(1)
      .default(resolve(repositoryRoot, '.dev-keys', 'subgraph-token-keys', `${subgraph.name}.key`)),
    /** Clock skew allowed on the gateway token's times; a spent token id is remembered this long past its expiry. */
    GATEWAY_TOKEN_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(30).default(GATEWAY_TOKEN_DEFAULTS.clockToleranceSeconds),
    /** Longest gateway-token lifetime (`exp − iat`) accepted: it bounds how long ids are remembered. */
    GATEWAY_TOKEN_MAX_LIFETIME_SECONDS: z.coerce.number().int().min(1).max(300).default(GATEWAY_TOKEN_DEFAULTS.maxLifetimeSeconds),
    /** Most token ids remembered at once; past it requests are refused (503), never an id forgotten. */
    GATEWAY_TOKEN_REPLAY_CACHE_SIZE: z.coerce.number().int().min(1_000).max(10_000_000).default(GATEWAY_TOKEN_DEFAULTS.replayCacheSize),
    /** Serve HTTPS with this certificate (PEM) and key; both or neither. */
    TLS_CERT_PATH: z.string().min(1).optional(),
    TLS_KEY_PATH: z.string().min(1).optional(),
    /** When set, mutual TLS: only clients (the gateway) with a certificate this CA signed are served. */
    TLS_CLIENT_CA_PATH: z.string().min(1).optional(),
    /** Traces (off by default): OTEL_TRACES_EXPORTER, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, OTEL_SERVICE_NAME (the subgraph's name). */
    ...tracingSettings(subgraph.name),
  });
}

export type SubgraphConfig = z.infer<ReturnType<typeof subgraphConfigSchema>>;
