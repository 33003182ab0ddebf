import type { Connection } from 'mongoose';
import type { CallerContext } from '@intel-gateway/shared/identity';
import {
  createReleaseGrantLookup,
  createReleaseGrantModel,
  findReleaseGrants,
  type HonourGrants,
  ReleasedRecords,
} from '@intel-gateway/shared/policy';

/** Records, as the gateway names those a response disclosed. */
export type RecordKeys = readonly { type: string; owner: string; id: string }[];

/** The release grants the gateway checks the subgraphs' answers against. */
export interface ReleasedRecordsLookup {
  /** The grants held for the caller's agency and purpose: read in the background, each end applied at once. */
  held: (caller: CallerContext) => Promise<ReleasedRecords>;
  /** The grants in force for these records, read now by record: for records the held grants do not release (yet). */
  byRecord: (caller: CallerContext, records: RecordKeys) => Promise<ReleasedRecords>;
}

/** Grants held per (agency, purpose): past this, the records of the others are confirmed by record, one read per answer. */
export const HELD_GRANTS_PER_CALLER = 10_000;
/** Grants held in all, the least recently used (agency, purpose) dropped first. */
export const HELD_GRANTS = 100_000;

/** A gateway without a grant store: nothing released on request. */
export const NO_RELEASE_GRANTS: ReleasedRecordsLookup = {
  held: async () => ReleasedRecords.NONE,
  byRecord: async () => ReleasedRecords.NONE,
};

/**
 * Which records their owners released to the caller's agency on request, for the purpose
 * the operation declared and still in force, from the release-grant store in the gateway's
 * audit database. The gateway holds each (agency, purpose)'s grants, read in the
 * background like the owning subgraphs' (`createReleaseGrantLookup`, every record type, at
 * most HELD_GRANTS_PER_CALLER of them and HELD_GRANTS in all): a grant held lets through
 * only what its owner released and is still in force. A record they do not release is read
 * by record before it is withheld (one indexed query per answer that has such records), so
 * an approval made since they were read is served. Either way only the grants `honour`
 * keeps count (those an approval sealed, see honourSealedGrants). The owners' conditions on
 * each release travel with the data.
 */
export function createReleasedRecordsLookup(connection: Connection, honour: HonourGrants): ReleasedRecordsLookup {
  const grants = createReleaseGrantModel(connection);
  return {
    held: createReleaseGrantLookup(grants, { maxPerCaller: HELD_GRANTS_PER_CALLER, maxHeld: HELD_GRANTS, honour }),
    byRecord: (caller, records) => findReleaseGrants(grants, caller, records, new Date(), honour),
  };
}
