import { resolve } from 'node:path';
import { z } from 'zod';
import { logLevel, parseConfig, port, tracingSettings } from '@intel-gateway/shared/config';
import { type ListenerLimits, loadClientTls, PUBLIC_LISTENER_LIMITS } from '@intel-gateway/shared/http';
import { getSubgraph, repositoryRoot, subgraphRegistry } from '@intel-gateway/shared/registry';
import { parseAuditHeadSink } from './audit/auditHeadSink';
import { DEFAULT_HEAD_CHECKPOINT_MS } from './audit/auditTrail';
import { DEFAULT_READINESS_INTERVAL_MS } from './checkReadiness';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from './limits/useOperationLimits';
import { DEFAULT_TRUSTED_DOCUMENTS_DIR } from './trustedDocuments/loadTrustedDocuments';
import { DEFAULT_SUBGRAPH_CALL_LIMITS } from './undiciDataSource';

/** The plan executor a gateway runs unless its options or GATEWAY_EXECUTOR name another: the own. */
export const DEFAULT_GATEWAY_EXECUTOR = 'own';

/**
 * Which executor runs the query plans: `apollo` (@apollo/gateway's own) or `own` (this
 * gateway's, `execution/planExecutor.ts`, which plans through @apollo/gateway and executes
 * the plans itself; the default). @apollo/gateway's stays available for one release, to
 * compare and to work around a problem in production.
 */
const gatewayExecutor = z.enum(['apollo', 'own']).default(DEFAULT_GATEWAY_EXECUTOR);

/** GATEWAY_EXECUTOR alone, for a process that starts a gateway without the rest of this configuration (the benchmark's). */
export function loadGatewayExecutor(env: NodeJS.ProcessEnv = process.env): z.infer<typeof gatewayExecutor> {
  return parseConfig('gateway', z.object({ GATEWAY_EXECUTOR: gatewayExecutor }), env).GATEWAY_EXECUTOR;
}

/** The gateway's settings, read from the environment once at start. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const schema = z.object({
    HOST: z.string().default('127.0.0.1'),
    PORT: port.default(4000),
    /** How long the public listener keeps an idle connection between requests. */
    HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(PUBLIC_LISTENER_LIMITS.keepAliveTimeoutMs),
    /** How long a request's headers may take to arrive. */
    HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(PUBLIC_LISTENER_LIMITS.headersTimeoutMs),
    /** How long a whole request may take to arrive, headers and body; at least HTTP_HEADERS_TIMEOUT_MS. */
    HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(PUBLIC_LISTENER_LIMITS.requestTimeoutMs),
    /** How long an answer being sent may go without the caller reading any of it before its connection is cut. */
    HTTP_RESPONSE_IDLE_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(PUBLIC_LISTENER_LIMITS.responseIdleTimeoutMs),
    /** Connections the public listener holds at once; a new one past it is closed as it opens. */
    HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(PUBLIC_LISTENER_LIMITS.maxConnections),
    SUPERGRAPH_PATH: z.string().default(resolve(__dirname, '..', 'supergraph.graphql')),
    /** Total deadline of one subgraph call, connect to last byte: a subgraph that trickles its answer is cut off at it. */
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(DEFAULT_SUBGRAPH_CALL_LIMITS.timeoutMs),
    /** Largest subgraph answer the gateway reads, in bytes; a larger one fails that subgraph's fields. */
    SUBGRAPH_MAX_RESPONSE_BYTES: z.coerce.number().int().min(1_024).default(DEFAULT_SUBGRAPH_CALL_LIMITS.maxResponseBytes),
    /** The CA (PEM) that signs the subgraphs' certificates, for https:// subgraph URLs. */
    SUBGRAPH_TLS_CA_PATH: z.string().min(1).optional(),
    /** The gateway's client certificate and key (PEM) for subgraphs that require mutual TLS; both or neither. */
    SUBGRAPH_TLS_CERT_PATH: z.string().min(1).optional(),
    SUBGRAPH_TLS_KEY_PATH: z.string().min(1).optional(),
    /** The agency registry: agencies, their issuers and public keys (see docs/identity-and-tokens.md). */
    AGENCY_REGISTRY_PATH: z.string().default(resolve(repositoryRoot, '.dev-keys', 'agency-registry.json')),
    /** The audience agency tokens must name. */
    GATEWAY_AUDIENCE: z.string().min(1).default('intel-gateway'),
    TOKEN_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
    /** The gateway's Ed25519 private key (JWK): it signs the audit records and the audit chain registrations. */
    GATEWAY_SIGNING_KEY_PATH: z.string().default(resolve(repositoryRoot, '.dev-keys', 'gateway-signing-key.json')),
    /**
     * The gateway's public keys (JWKS), previous ones included after a rotation: release
     * approvals sealed under any of them stay honoured. When unset, only the signing key's.
     */
    GATEWAY_JWKS_PATH: z.string().min(1).optional(),
    /**
     * The subgraphs' gateway-token keys: a JSON file `{ "<subgraph>": "<base64url key>" | ["<current>", "<previous>"] }`,
     * 256-bit HMAC-SHA256 keys, one per subgraph; every registered subgraph must have one.
     */
    SUBGRAPH_TOKEN_KEYS_PATH: z
      .string()
      .min(1)
      .default(resolve(repositoryRoot, '.dev-keys', 'subgraph-token-keys.json')),
    /** Lifetime of the tokens the gateway sends subgraphs, in seconds: each is signed for one request, and sent at once. */
    GATEWAY_TOKEN_TTL_SECONDS: z.coerce.number().int().min(1).max(60).default(5),
    /** The gateway's own store (the disclosure audit and owners' hits): a database of its own. */
    AUDIT_MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URI'),
    /** The password of AUDIT_MONGODB_URI's user, in a file (a compose secret), so it is in no URI or environment. */
    AUDIT_MONGODB_PASSWORD_FILE: z.string().optional(),
    AUDIT_DATABASE_NAME: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,63}$/)
      .default(getSubgraph('accountability').databaseName),
    /** This instance's audit chain; by default a new one per process, so replicas never share one. */
    AUDIT_CHAIN_ID: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,100}$/)
      .optional(),
    /** Where each audit chain head is shipped, signed, outside the database: `file:/absolute/path` or `syslog:udp://host:port` (see docs/sharing-and-audit.md, Audit verification). */
    AUDIT_HEAD_SINK: z
      .string()
      .optional()
      .transform((value, context) => {
        if (!value) return undefined;
        try {
          return parseAuditHeadSink(value);
        } catch (error) {
          context.addIssue({ code: 'custom', message: (error as Error).message });
          return z.NEVER;
        }
      }),
    /** How far, at most, the audit chain document's head may lag the newest record, in ms (see docs/sharing-and-audit.md, Audit verification). */
    AUDIT_HEAD_CHECKPOINT_MS: z.coerce.number().int().min(0).max(60_000).default(DEFAULT_HEAD_CHECKPOINT_MS),
    /** Operation limits (see docs/operations.md, Abuse limits). */
    LIMIT_MAX_DEPTH: z.coerce.number().int().positive().default(DEFAULT_OPERATION_LIMITS.maxDepth),
    LIMIT_MAX_ALIASES: z.coerce.number().int().min(0).default(DEFAULT_OPERATION_LIMITS.maxAliases),
    LIMIT_MAX_INTROSPECTION_ALIASES: z.coerce.number().int().min(0).default(DEFAULT_OPERATION_LIMITS.maxIntrospectionAliases),
    LIMIT_MAX_ROOT_FIELDS: z.coerce.number().int().positive().default(DEFAULT_OPERATION_LIMITS.maxRootFields),
    LIMIT_MAX_DIRECTIVES: z.coerce.number().int().min(0).default(DEFAULT_OPERATION_LIMITS.maxDirectives),
    LIMIT_MAX_TOKENS: z.coerce.number().int().positive().default(DEFAULT_OPERATION_LIMITS.maxTokens),
    LIMIT_MAX_COST: z.coerce.number().int().positive().default(DEFAULT_OPERATION_LIMITS.maxCost),
    LIMIT_MAX_SELECTIONS: z.coerce.number().int().positive().default(DEFAULT_OPERATION_LIMITS.maxSelections),
    LIMIT_DEFAULT_LIST_SIZE: z.coerce.number().int().positive().default(DEFAULT_OPERATION_LIMITS.defaultListSize),
    /** Agencies' trusted-document manifests, `<AGENCY>.json` (see docs/dashboards-and-trusted-documents.md). */
    TRUSTED_DOCUMENTS_DIR: z.string().default(DEFAULT_TRUSTED_DOCUMENTS_DIR),
    /** When on, an agency with a manifest runs only the operations it lists. */
    TRUSTED_DOCUMENTS_ENFORCE: z.stringbool().default(true),
    /** Serve the analyst workbench at `/`; "false" (or 0, no, off) answers 404 there and on its files. */
    WORKBENCH_ENABLED: z.stringbool().default(true),
    /** When set, `/metrics` is served only on this port of its own (on METRICS_HOST), not beside `/graphql`. */
    METRICS_PORT: port.optional(),
    METRICS_HOST: z.string().default('127.0.0.1'),
    /** When set, `/metrics` answers only `Authorization: Bearer <METRICS_TOKEN>` (at least 32 characters). */
    METRICS_TOKEN: z.string().min(32, 'at least 32 characters').regex(/^\S+$/, 'no spaces').optional(),
    /** Shortest time between two subgraph rounds of the `/readyz` probe; callers in between get the last report. */
    READINESS_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(DEFAULT_READINESS_INTERVAL_MS),
    /** `apollo` or `own`: which executor runs the query plans (see loadGatewayExecutor). */
    GATEWAY_EXECUTOR: gatewayExecutor,
    LOG_LEVEL: logLevel,
    /** Traces (off by default): OTEL_TRACES_EXPORTER, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, OTEL_SERVICE_NAME (`gateway`). */
    ...tracingSettings('gateway'),
  });
  const config = parseConfig(
    'gateway',
    // Node refuses to start a listener whose headers may take longer than the whole request.
    schema.refine((settings) => settings.HTTP_HEADERS_TIMEOUT_MS <= settings.HTTP_REQUEST_TIMEOUT_MS, {
      path: ['HTTP_HEADERS_TIMEOUT_MS'],
      message: 'must not exceed HTTP_REQUEST_TIMEOUT_MS',
    }),
    env,
  );
  /** Subgraph URL overrides, one setting per subgraph in the registry (e.g. INTERPOL_URL). */
  const subgraphUrls: Record<string, string> = {};
  for (const subgraph of subgraphRegistry) {
    const value = env[subgraph.urlSetting];
    if (value)
      subgraphUrls[subgraph.name] = parseConfig('gateway', z.object({ [subgraph.urlSetting]: z.url() }), { [subgraph.urlSetting]: value })[
        subgraph.urlSetting
      ] as string;
  }
  const limits: OperationLimits = {
    maxDepth: config.LIMIT_MAX_DEPTH,
    maxAliases: config.LIMIT_MAX_ALIASES,
    maxIntrospectionAliases: config.LIMIT_MAX_INTROSPECTION_ALIASES,
    maxRootFields: config.LIMIT_MAX_ROOT_FIELDS,
    maxDirectives: config.LIMIT_MAX_DIRECTIVES,
    maxTokens: config.LIMIT_MAX_TOKENS,
    maxCost: config.LIMIT_MAX_COST,
    maxSelections: config.LIMIT_MAX_SELECTIONS,
    defaultListSize: config.LIMIT_DEFAULT_LIST_SIZE,
  };
  const listenerLimits: ListenerLimits = {
    keepAliveTimeoutMs: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    headersTimeoutMs: config.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
    responseIdleTimeoutMs: config.HTTP_RESPONSE_IDLE_TIMEOUT_MS,
    maxConnections: config.HTTP_MAX_CONNECTIONS,
  };
  // Read and checked now, so a missing or broken file stops the gateway at start.
  const subgraphTls = loadClientTls('gateway', {
    ca: ['SUBGRAPH_TLS_CA_PATH', config.SUBGRAPH_TLS_CA_PATH],
    cert: ['SUBGRAPH_TLS_CERT_PATH', config.SUBGRAPH_TLS_CERT_PATH],
    key: ['SUBGRAPH_TLS_KEY_PATH', config.SUBGRAPH_TLS_KEY_PATH],
  });
  return { ...config, subgraphUrls, limits, listenerLimits, subgraphTls };
}

export type GatewayConfig = ReturnType<typeof loadConfig>;

/**
 * @apollo/gateway probes cloud metadata servers and sends usage metrics to Apollo unless
 * APOLLO_TELEMETRY_DISABLED is set: nothing of an intelligence gateway's traffic may leave
 * the network it runs in. Call before building any ApolloGateway.
 */
export function disableApolloTelemetry(env: NodeJS.ProcessEnv = process.env): void {
  env.APOLLO_TELEMETRY_DISABLED = 'true';
}
