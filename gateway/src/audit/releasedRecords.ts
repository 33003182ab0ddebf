import type { Connection } from 'mongoose';
import type { CallerContext } from '@intel-gateway/shared/identity';
import { createReleaseGrantModel, findReleaseGrants, type ReleasedRecords } from '@intel-gateway/shared/policy';

/** Records, as the gateway names those a response disclosed. */
export type RecordKeys = readonly { type: string; owner: string; id: string }[];

/**
 * Which of the records a response disclosed their owners released to the caller's agency
 * on request, for the purpose the operation declared and still in force, read from the
 * release-grant store in the gateway's audit database by record (one indexed query per
 * response that discloses another owner's records). The gateway checks the subgraphs'
 * answers against it, and the owners' conditions on each release travel with the data.
 */
export function createReleasedRecordsLookup(
  connection: Connection,
): (caller: CallerContext, records: RecordKeys) => Promise<ReleasedRecords> {
  const grants = createReleaseGrantModel(connection);
  return (caller, records) => findReleaseGrants(grants, caller, records);
}
