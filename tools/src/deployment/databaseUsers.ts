import { getSubgraph, type SubgraphEntry, subgraphRegistry } from '@intel-gateway/shared/registry';
import { databaseNames } from '../seed/seedDatabases';

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
export function auditDatabase(registry: readonly SubgraphEntry[]): string {
  return (registry.find((s) => s.name === 'accountability') ?? getSubgraph('accountability')).databaseName;
}

/** The audit store's collections (shared/src/audit/createAuditModels.ts). */
const AUDIT_COLLECTIONS = {
  records: 'auditRecords',
  hits: 'hits',
  chains: 'auditChains',
  registry: 'auditRegistry',
  releaseRequests: 'releaseRequests',
  releaseGrants: 'releaseGrants',
  /** The accountability subgraph's key for opaque ids and cursors (subgraphs/accountability/src/loadOpaqueIds.ts). */
  accountabilityKeys: 'accountabilityKeys',
};

/**
 * Every database user, one per service, each limited to its own database:
 *   - each agency subgraph: readWrite on its database, and reads the release grants (which
 *     of its records owners released to whom, for what purpose; no content);
 *   - the operator's subgraph (accountability): reads the audit, writes release requests,
 *     inserts the grants an approval makes, and makes once (then reads) its key for opaque
 *     ids;
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
            on(AUDIT_COLLECTIONS.accountabilityKeys, 'find', 'insert'),
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
