import type { CallerContext } from '../identity/gatewayToken';
import { CLASSIFICATIONS } from '../records/provenance';

/** A MongoDB filter, as the repositories combine them. */
export type RecordFilter = Record<string, unknown>;

/** The filter of no release: matches no record. */
export const NOTHING_RELEASED: RecordFilter = { _id: { $in: [] } };

/** The names owner restrictions may use for the caller: its agency's code and its groups. */
const namesOf = (caller: CallerContext) => [caller.principal.agency, ...caller.principal.agencyGroups];

/**
 * The classifications a caller's clearance covers: its own level and every level below it
 * (`CLASSIFICATIONS` is lowest first). An unknown clearance covers nothing.
 */
export function clearedClassifications(caller: CallerContext): readonly (typeof CLASSIFICATIONS)[number][] {
  const level = (CLASSIFICATIONS as readonly string[]).indexOf(caller.principal.clearance);
  return CLASSIFICATIONS.slice(0, level + 1);
}

/**
 * The clearance condition, as a filter: the record's classification is one the caller's
 * clearance covers. It holds for every record, the caller's own agency's included, and
 * for released ones: an analyst without clearance does not read a SECRET file of its own
 * agency either. A condition of its own, beside the release rule, so the two change apart.
 */
const cleared = (caller: CallerContext): RecordFilter => ({ 'provenance.classification': { $in: clearedClassifications(caller) } });

/**
 * Which records an owner releases to a caller, as a database filter. Each subgraph adds it
 * to every query it sends, so a record the caller may not see is absent from lists, `null`
 * on lookup and never counted, and pagination stays right.
 *
 * - A record past its `retainUntil` is served to no one, its owner included.
 * - A record classified above the caller's clearance is served to no one whose clearance
 *   does not cover it, its owner's users included (see `cleared`).
 * - The owner's agency sees the rest of its own records.
 * - A record its owner released to the caller's agency on request, for the purpose the
 *   operation declared and still in force, is visible to it: `released` is that release's
 *   filter for the record type queried (`ReleasedRecords.filterFor`), matching nothing by default.
 * - Any other agency sees a record only if the owner has not denied it (by code or by one
 *   of its groups), has not limited it to existence-only answers for it, lists it on the
 *   allow-list when there is one, and allows the purpose the operation declared.
 *
 * A caller without a declared purpose (the gateway's readiness probe) sees no one else's record.
 */
export function releasableRecords(caller: CallerContext, released: RecordFilter = NOTHING_RELEASED, now: Date = new Date()): RecordFilter {
  return { ...releaseRule(caller, released, now), ...cleared(caller) };
}

/** `releasableRecords` without the clearance condition: what the owner releases, whoever's clearance. */
function releaseRule(caller: CallerContext, released: RecordFilter, now: Date): RecordFilter {
  const { agency } = caller.principal;
  const names = namesOf(caller);
  return {
    'provenance.retainUntil': { $gt: now },
    $or: [
      { 'provenance.owner': agency },
      released,
      {
        'provenance.restrictions.deniedAgencies': { $nin: names },
        'provenance.restrictions.existenceOnlyAgencies': { $nin: names },
        'provenance.purposes': caller.purpose ?? { $in: [] },
        $or: [{ 'provenance.restrictions.allowedAgencies': { $size: 0 } }, { 'provenance.restrictions.allowedAgencies': { $in: names } }],
      },
    ],
  };
}

/** What the gateway reads of a record's provenance to check, again, that it was released. */
export interface ReleaseFacts {
  owner: string;
  retainUntil: Date | string;
  purposes: readonly string[];
  classification: string;
  restrictions: { allowedAgencies: readonly string[]; deniedAgencies: readonly string[]; existenceOnlyAgencies: readonly string[] };
}

/**
 * The same rule as `releasableRecords`, for one record already fetched: the gateway's
 * second check on what a subgraph returned (defence in depth; it should never disagree).
 * `releasedOnRequest` says whether a release of this record (its type, owner and id) to the
 * caller's agency, for the declared purpose, is in force.
 */
export function isReleasedTo(
  record: { id: string; provenance: ReleaseFacts; releasedOnRequest?: boolean },
  caller: CallerContext,
  now: Date = new Date(),
): boolean {
  const { agency } = caller.principal;
  const names = namesOf(caller);
  const named = (list: readonly string[]) => list.some((name) => names.includes(name));
  const p = record.provenance;
  if (new Date(p.retainUntil) <= now) return false;
  if (!(clearedClassifications(caller) as readonly string[]).includes(p.classification)) return false;
  if (p.owner === agency || record.releasedOnRequest === true) return true;
  if (named(p.restrictions.deniedAgencies) || named(p.restrictions.existenceOnlyAgencies)) return false;
  if (p.restrictions.allowedAgencies.length > 0 && !named(p.restrictions.allowedAgencies)) return false;
  return caller.purpose !== null && p.purposes.includes(caller.purpose);
}

/**
 * Notices add their publication state: one still requested, a cancelled one and every
 * Silver notice are visible only to the requesting NCB and the notice's participants
 * (besides the owner, the General Secretariat, which processes them).
 */
export function releasableNotices(caller: CallerContext, released: RecordFilter = NOTHING_RELEASED, now: Date = new Date()): RecordFilter {
  return { $and: [releasableRecords(caller, released, now), noticesPublishedTo(caller)] };
}

/** The publication-state condition of `releasableNotices`. */
function noticesPublishedTo(caller: CallerContext): RecordFilter {
  const { agency } = caller.principal;
  return {
    $or: [
      { status: { $in: ['PUBLISHED', 'EXPIRED'] }, type: { $ne: 'SILVER' } },
      { requestingNcb: agency },
      { participants: agency },
      { 'provenance.owner': agency },
    ],
  };
}

/** Notices the caller may only learn exist (`existenceOnlyRecords`), among those published to it. */
export function existenceOnlyNotices(
  caller: CallerContext,
  released: RecordFilter = NOTHING_RELEASED,
  now: Date = new Date(),
): RecordFilter {
  return { $and: [existenceOnlyRecords(caller, released, now), noticesPublishedTo(caller)] };
}

/** `filter`, narrowed to what `scope` releases. */
export function within<T extends RecordFilter>(filter: T, scope: RecordFilter): RecordFilter {
  return { $and: [filter, scope] };
}

/**
 * Records the caller may learn only exist:
 *
 * - those whose owner marked them existence-only for its agency or one of its groups, and
 *   otherwise releasable (not denied, in retention, for the declared purpose; a purpose the
 *   owner does not allow gets no answer at all), and not released to the caller on request
 *   (`released`, as for `releasableRecords`);
 * - those the owner releases to the caller but classified above its clearance (its own
 *   agency's included): a lookup tells that they exist and whose they are, nothing more.
 */
export function existenceOnlyRecords(
  caller: CallerContext,
  released: RecordFilter = NOTHING_RELEASED,
  now: Date = new Date(),
): RecordFilter {
  return {
    $or: [
      markedExistenceOnly(caller, released, now),
      { ...releaseRule(caller, released, now), 'provenance.classification': { $nin: clearedClassifications(caller) } },
    ],
  };
}

/** Records whose owner marked them existence-only for the caller (the first case of `existenceOnlyRecords`). */
function markedExistenceOnly(caller: CallerContext, released: RecordFilter, now: Date): RecordFilter {
  const { agency } = caller.principal;
  const names = namesOf(caller);
  return {
    'provenance.retainUntil': { $gt: now },
    'provenance.owner': { $ne: agency },
    $nor: [released],
    'provenance.restrictions.deniedAgencies': { $nin: names },
    'provenance.restrictions.existenceOnlyAgencies': { $in: names },
    'provenance.purposes': caller.purpose ?? { $in: [] },
  };
}
