import type { ClientTlsSettings, ListenerLimits } from '@intel-gateway/shared/http';
import type { SubgraphTokenKeys } from '@intel-gateway/shared/identity';
import type { Logger, Tracing } from '@intel-gateway/shared/observability';
import type { SubgraphEntry } from '@intel-gateway/shared/registry';
import type { AuditTrail } from './audit/auditTrail';
import type { GatewayExecutorKind } from './execution/planExecutor';
import type { AgencyTokenVerifierOptions } from './identity/createAgencyTokenVerifier';
import type { OperationLimits } from './limits/useOperationLimits';
import type { GatewayPolicy } from './policy/fieldPolicy';
import type { TrustedDocuments } from './trustedDocuments/loadTrustedDocuments';

/** What the gateway is built from (see createGatewayServer); `index.ts` fills it from the configuration. */
export interface GatewayServerOptions {
  /** Pre-composed supergraph; reloaded when the file changes. */
  supergraphPath: string;
  /** Per-subgraph URL overrides; subgraphs not named here use the supergraph's URL. */
  subgraphUrls?: Record<string, string>;
  /** Which owners each subgraph serves; defaults to the registry (`shared/subgraphRegistry.json`). */
  subgraphOwners?: readonly Pick<SubgraphEntry, 'name' | 'owners'>[];
  /** Total deadline of one subgraph call, connect to last byte (default 10 s). */
  subgraphTimeoutMs?: number;
  /** Largest subgraph answer read, in bytes (default 16 MiB). */
  subgraphMaxResponseBytes?: number;
  /** TLS toward https:// subgraphs: the CA their certificates chain to, and the gateway's client certificate and key (mutual TLS). */
  subgraphTls?: ClientTlsSettings;
  /** Which agencies' tokens are accepted, and for which audience. */
  identity: AgencyTokenVerifierOptions;
  /**
   * Each subgraph's HMAC key for the short-lived tokens the gateway sends it (the first of
   * each list signs). Every subgraph of the supergraph must have one. Without this no token
   * is sent, and only subgraphs that check nothing will answer.
   */
  subgraphTokens?: { keys: SubgraphTokenKeys; ttlSeconds: number };
  /**
   * The field policy every operation runs under; it must match the supergraph's API schema.
   * `null` runs with no field policy at all, which exists only so the benchmark can measure
   * what the policy costs; the gateway's own entry point always passes one.
   */
  policy: GatewayPolicy | null;
  /**
   * Which executor runs the query plans; when absent, the product's default (`own`). Never read
   * from the environment here: a process's entry point reads GATEWAY_EXECUTOR and passes it.
   */
  planExecutor?: GatewayExecutorKind;
  /**
   * The disclosure audit every operation is recorded in before its answer leaves. `null`
   * runs without it, for the benchmark's measurements only; it needs a policy.
   */
  audit: AuditTrail | null;
  /** The shortest time between two subgraph rounds of the readiness probe; `/readyz` answers from the last one in between (default 2 s). */
  readinessIntervalMs?: number;
  /**
   * When set, `/metrics` answers only requests with `Authorization: Bearer <this token>`
   * (401 otherwise): the operator's Prometheus, not whoever reaches the gateway.
   */
  metricsToken?: string;
  /**
   * Serve `/metrics` on a server of its own (`GatewayServer.metricsHttp`, which the caller
   * listens on an operator-only address) instead of beside `/graphql`.
   */
  metricsOnOwnServer?: boolean;
  /** How long the public listener holds connections, and how many at once; defaults to PUBLIC_LISTENER_LIMITS. */
  listenerLimits?: ListenerLimits;
  /** Per-operation limits; defaults to DEFAULT_OPERATION_LIMITS. */
  limits?: OperationLimits;
  /** Agencies' trusted documents (operations by id, and the only ones an agency with a manifest may run). */
  trustedDocuments?: TrustedDocuments;
  /**
   * Serve the analyst workbench at `/` (GraphiQL and its views, every file from the
   * gateway's own packages, see workbench/createWorkbenchRoutes.ts). Off unless asked:
   * the gateway's entry point passes WORKBENCH_ENABLED, which is on by default.
   */
  workbench?: boolean;
  logger: Logger;
  /**
   * Traces, when on (see createTracing): a server span per operation request, with the
   * operation's name and type, the caller's agency and the status, and a client span per
   * subgraph call whose `traceparent` the subgraph continues. Without it, no span is made.
   */
  tracing?: Tracing;
}
