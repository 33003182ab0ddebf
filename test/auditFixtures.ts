import type { Connection } from 'mongoose';
import type { AuditTrail } from '@intel-gateway/gateway';
import { type AuditEntry, type ReleaseRequestRecord, sealedReleaseGrant, sealedReleaseRequest } from '@intel-gateway/shared/audit';
import { connectDatabase } from '@intel-gateway/shared/database';
import type { ReleaseGrantRecord } from '@intel-gateway/shared/policy';
import { testDatabaseUri, uniqueSuffix } from './harness';

/** NCB-FR reads an NCB-GB document (`S<i>`) and matches an NCB-DE person (`P<i>`) at `at`: an audit entry with two hits. */
export const entryWithHits = (i: number, at: Date): AuditEntry => ({
  requestId: `r${i}`,
  at,
  user: 'fr-analyst',
  agency: 'NCB-FR',
  purpose: 'CRIMINAL_INVESTIGATION',
  operationName: null,
  operationHash: 'a'.repeat(64),
  variablesHash: 'b'.repeat(64),
  disclosures: [{ type: 'SltdRecord', id: `S${i}`, owner: 'NCB-GB', fields: ['status'] }],
  matches: [{ type: 'NationalPerson', id: `P${i}`, owner: 'NCB-DE' }],
  denials: [],
  outcome: 'ok',
});

/** Grants sealed per audit record by `sealGrants`. */
const GRANTS_PER_SEAL = 1_000;

/** An audit entry of the release flow, as the gateway writes one for the operation that made these writes. */
const releaseEntry = (who: Pick<AuditEntry, 'user' | 'agency' | 'purpose' | 'operationName'>, writes: Partial<AuditEntry>): AuditEntry => ({
  requestId: `release-${Math.random().toString(36).slice(2)}`,
  at: new Date(),
  ...who,
  operationHash: '0'.repeat(64),
  variablesHash: '0'.repeat(64),
  disclosures: [],
  matches: [],
  denials: [],
  outcome: 'ok',
  ...writes,
});

/**
 * Seals grants a test wrote straight to the store as their owners' approvals would be
 * sealed: in audit records of `trail` (the gateway's), so the gateway honours them. It
 * stands in for the release flow where a test needs many grants, or grants of its own
 * making; `test/sealedReleaseGrants.test.ts` covers the flow itself.
 */
export async function sealGrants(trail: AuditTrail, grants: readonly ReleaseGrantRecord[]): Promise<void> {
  for (let i = 0; i < grants.length; i += GRANTS_PER_SEAL) {
    const batch = grants.slice(i, i + GRANTS_PER_SEAL);
    const owner = { user: 'owner-admin', agency: batch[0]!.owner, purpose: null, operationName: 'decideRelease' };
    await trail.record(releaseEntry(owner, { releaseGrants: batch.map(sealedReleaseGrant) }));
  }
}

/** Seals the terms of requests a test wrote straight to the store, as the gateway seals a request when it is made. */
export async function sealRequests(trail: AuditTrail, requests: readonly ReleaseRequestRecord[]): Promise<void> {
  const { requesterUser: user, requesterAgency: agency, purpose } = requests[0]!;
  await trail.record(
    releaseEntry({ user, agency, purpose, operationName: 'requestRelease' }, { releaseRequests: requests.map(sealedReleaseRequest) }),
  );
}

/**
 * Databases of their own for the tests of one file, named `<prefix><unique>`: `open` makes
 * one, `dropAll` drops and closes every one made (for `afterAll`).
 */
export function scratchDatabases(prefix: string): { open: () => Promise<Connection>; dropAll: () => Promise<void> } {
  const made: Connection[] = [];
  return {
    open: async () => {
      const connection = await connectDatabase(testDatabaseUri(), `${prefix}${uniqueSuffix()}`, { failFast: true });
      made.push(connection);
      return connection;
    },
    dropAll: async () => {
      for (const connection of made) {
        await connection.dropDatabase().catch(() => undefined);
        await connection.close().catch(() => undefined);
      }
    },
  };
}
