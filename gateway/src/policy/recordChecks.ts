import type { GraphQLError } from 'graphql';
import type { Disclosure } from '@intel-gateway/shared/audit';
import type { CallerContext } from '@intel-gateway/shared/identity';
import { type DenialReason, isReleasedTo, ReleasedRecords, type ShieldRule } from '@intel-gateway/shared/policy';
import { handlingEntry, type RecordHandlingEntry } from '../execution/handlingExtension';
import type { ServesOwner } from '../execution/subgraphServes';
import type { RecordHandling } from './recordHandling';
import type { ReleaseGrantReports } from './releaseGrantReports';

/** A record the answer holds, as the result enforcement found it. */
export type EnforcedDisclosure = Disclosure & {
  handling: RecordHandling;
  path: (string | number)[];
  /** Set when the caller may not identify this person-like record at all: the answer must not go out. */
  subjectDenial: DenialReason | null;
  /** The data-subject rules of a person-like record, with what they read of it, to decide them again for someone else (an export's recipient). */
  subjectRules?: readonly { rule: ShieldRule; record: Record<string, unknown> }[];
};

/**
 * Record types whose subgraphs release them on more than their provenance, on what the
 * gateway cannot check again: a notice's publication state, project data's participation.
 * A record of one may be served to the caller only by a release on request even where the
 * rules the gateway checks would release it, so when no grant held releases it and it may
 * have been served on one (`mayBeServedOnGrant`), it is read by record all the same, for the
 * conditions of a release approved since the grants were held.
 */
export const RELEASED_BEYOND_PROVENANCE: ReadonlySet<string> = new Set(['Notice', 'Contribution', 'PersonEntry', 'ObjectEntry']);

/** What the record checks of one request need besides the records. */
export interface RecordCheckInputs {
  caller: CallerContext;
  /** For each record type, the subgraphs that can resolve its provenance (see `provenanceSourcesOf`). */
  provenanceSources: ReadonlyMap<string, readonly string[]>;
  /** Which owners each subgraph serves (the registry). */
  serves: ServesOwner;
  /** The release grants held for the caller's agency and purpose; asked for only when the answer holds another owner's record. */
  heldGrants: () => Promise<ReleasedRecords>;
  /** What the subgraphs that answered said of the release grants they held for the caller while serving the request. */
  grantReports: ReleaseGrantReports;
}

/** A record whose release the held grants do not show, to be read by record once the pass is done. */
export interface UnconfirmedRecord {
  record: EnforcedDisclosure;
  /** Its entry in `handling`, which gets the release's conditions when the read finds one. */
  entry: number;
  /** Whether only a release on request lets it through (otherwise it is read for a release's conditions alone). */
  required: boolean;
}

/** What the record checks found in one answer; withholding it, and the read by record, are the record rules layer's. */
export interface RecordVerdict {
  /** Records of an owner that a subgraph resolving their type does not serve, with those subgraphs (then nothing else is checked). */
  foreign: readonly { record: EnforcedDisclosure; subgraphs: readonly string[] }[];
  /** Records not released to the caller, whatever grant there may be, and persons it may not identify. */
  unreleased: readonly EnforcedDisclosure[];
  /** Records of other owners whose release the held grants do not show. */
  unconfirmed: readonly UnconfirmedRecord[];
  /** Why the held grants could not be read (every other owner's record is then unconfirmed); null when they were read or not needed. */
  heldFailure: unknown;
  /** Each record's entry in `extensions.handling`, in the order of the disclosures. */
  handling: readonly RecordHandlingEntry[];
}

/** What the result half of a decision found in one answer: its errors, the records it holds, and the record checks' verdict on them. */
export interface EnforcementOutcome {
  errors: GraphQLError[];
  disclosures: EnforcedDisclosure[];
  verdict: RecordVerdict;
}

/** The verdict on an answer that holds no record. */
export const NO_RECORDS: RecordVerdict = { foreign: [], unreleased: [], unconfirmed: [], heldFailure: null, handling: [] };

/**
 * The record rules checked again at the gateway on every record an answer holds (defence
 * in depth; each subgraph filters in its own queries first), once the result enforcement
 * has listed them, in the same pass:
 *
 * - every subgraph that can resolve a record type's provenance must serve the record's
 *   owner, so no subgraph can pass a record off as another owner's;
 * - every record must pass the release rules (`isReleasedTo`), releases on request
 *   included: a grant held in memory for the record's type, owner and id lets it through
 *   (with its owner's conditions); a record that only such a release would let through and
 *   that no held grant releases is left unconfirmed, to be read by record, since the held
 *   grants may predate its approval; so is a record of a type in RELEASED_BEYOND_PROVENANCE
 *   that no held grant releases but that may have been served on one (`mayBeServedOnGrant`),
 *   for that release's conditions, and, when the held grants are only some of the caller's
 *   (`partial`), every other owner's record they do not release;
 * - a person-like record must be one the caller may identify.
 */
export async function checkRecords(
  disclosures: readonly EnforcedDisclosure[],
  inputs: RecordCheckInputs,
  now: Date = new Date(),
): Promise<RecordVerdict> {
  if (disclosures.length === 0) return NO_RECORDS;
  const { caller, provenanceSources, serves } = inputs;
  const foreign = disclosures
    .map((record) => ({ record, subgraphs: provenanceSources.get(record.type) ?? [] }))
    .filter(({ record, subgraphs }) => subgraphs.length === 0 || !subgraphs.every((subgraph) => serves(subgraph, record.owner)));
  if (foreign.length > 0) return { ...NO_RECORDS, foreign };
  const { agency } = caller.principal;
  let held = ReleasedRecords.NONE;
  let heldFailure: unknown = null;
  let heldRead = true;
  if (disclosures.some((d) => d.owner !== agency)) {
    try {
      held = await inputs.heldGrants();
    } catch (error) {
      heldRead = false;
      heldFailure = error;
    }
  }
  const unreleased: EnforcedDisclosure[] = [];
  const unconfirmed: UnconfirmedRecord[] = [];
  const handling: RecordHandlingEntry[] = [];
  for (const record of disclosures) {
    const { type, id, owner } = record;
    const provenance = record.handling.facts;
    const others = owner !== agency;
    const releasedOnRequest = others && held.has(type, owner, id);
    const entry = handling.push(handlingEntry(record, releasedOnRequest ? (held.conditionsOf(type, owner, id) ?? null) : undefined)) - 1;
    if (!provenance || record.subjectDenial) unreleased.push(record);
    else if (isReleasedTo({ id, provenance, releasedOnRequest }, caller, now)) {
      if (others && !releasedOnRequest && (!heldRead || held.partial || mayBeServedOnGrant(type, held, inputs)))
        unconfirmed.push({ record, entry, required: false });
    } else if (others && !releasedOnRequest && isReleasedTo({ id, provenance, releasedOnRequest: true }, caller, now))
      unconfirmed.push({ record, entry, required: true });
    else unreleased.push(record);
  }
  return { foreign: [], unreleased, unconfirmed, heldFailure, handling };
}

/**
 * Whether a record of `type`, released by the rules the gateway checks, may still have been
 * served on a release grant the gateway does not hold for it: a type released beyond its
 * provenance, unless neither the gateway's held grants nor any report of its provenance
 * subgraphs (`ReleaseGrantReports`) has a grant of that type for the caller. Both must say
 * so: a subgraph's word alone never leaves out conditions the gateway knows may apply.
 */
function mayBeServedOnGrant(type: string, held: ReleasedRecords, inputs: RecordCheckInputs): boolean {
  if (!RELEASED_BEYOND_PROVENANCE.has(type)) return false;
  return held.holdsType(type) || inputs.grantReports.mayHaveServedOnGrant(type, inputs.provenanceSources.get(type) ?? []);
}
