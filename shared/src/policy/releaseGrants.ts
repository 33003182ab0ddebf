import { LRUCache } from 'lru-cache';
import { type Connection, type Model, Schema } from 'mongoose';
import { registerModel } from '../database/connectDatabase';
import type { CallerContext } from '../identity/gatewayToken';
import type { Purpose } from '../records/provenance';
import { NOTHING_RELEASED, type RecordFilter } from './releasability';

/**
 * One release an owner approved: the record (its type, id and owner), to which agency, for
 * which purpose, until when. Written by the accountability subgraph when the owner approves
 * a release request (same id as the request); read by every owning subgraph, which serves
 * the record to that agency, and by the gateway, which checks it again. It holds nothing
 * else of the request (no justification, no user), so the services that read it learn no more.
 */
export interface ReleaseGrantRecord {
  /** The approved release request's id. */
  _id: string;
  /** The agency the record is released to. */
  agency: string;
  /** The purpose the requester declared; the record is served only under it. */
  purpose: Purpose;
  /** The record's API type name, such as NationalPerson. */
  recordType: string;
  owner: string;
  recordId: string;
  /** Served before this instant; null when the owner set no end. */
  until: Date | null;
  /** The owner's handling conditions on the release. */
  conditions: string | null;
  grantedAt: Date;
}

const required = true;
const releaseGrantSchema = new Schema<ReleaseGrantRecord>(
  {
    _id: { type: String, required },
    agency: { type: String, required },
    purpose: { type: String, required },
    recordType: { type: String, required },
    owner: { type: String, required },
    recordId: { type: String, required },
    until: { type: Date, default: null },
    conditions: { type: String, default: null },
    grantedAt: { type: Date, required },
  },
  { versionKey: false },
);
// Serves both reads: a subgraph's (agency, purpose, its types) and the gateway's (… , owner, record ids).
releaseGrantSchema.index({ agency: 1, purpose: 1, recordType: 1, owner: 1, recordId: 1, until: 1 });

/** The release-grant store on a connection to the gateway's audit database (collection `releaseGrants`). */
export const createReleaseGrantModel = (connection: Connection): Model<ReleaseGrantRecord> =>
  registerModel(connection, 'ReleaseGrant', releaseGrantSchema, 'releaseGrants');

type GrantRow = Pick<ReleaseGrantRecord, 'recordType' | 'owner' | 'recordId' | 'until' | 'conditions'>;

const NOTHING = NOTHING_RELEASED;

const recordKey = (type: string, owner: string, id: string) => `${type}\n${owner}\n${id}`;

/**
 * The extension in which an owning subgraph's answer lists the record types of the release
 * grants it held for the caller while serving that request (`ReleasedRecords.types`; an
 * empty list when it held none). A record of a type not listed was not served on a release
 * on request, so the gateway need not read the grant store for that record's conditions.
 */
export const RELEASE_GRANT_TYPES_EXTENSION = 'releaseGrantTypes';

/**
 * The records released to one caller (its agency, under the purpose it declared), in force
 * at one instant, by type and owner. A release is keyed by (type, owner, id): it lets through
 * only the record of that type, held by that owner, with that id.
 */
export class ReleasedRecords {
  /** Nothing released: a caller without a purpose, or a service that reads no grants. */
  static readonly NONE = new ReleasedRecords([]);

  private readonly byType = new Map<string, Map<string, Map<string, string | null>>>();
  private readonly filters = new Map<string, RecordFilter>();
  /** The records (type, owner, id) of grants read but not honoured (see HonourGrants). */
  private readonly refusedRecords: ReadonlySet<string>;
  /** When the first of these releases ends (ms since the epoch); Infinity when none ends. */
  readonly firstEnd: number = Infinity;

  constructor(
    rows: readonly GrantRow[],
    now: Date = new Date(),
    /** Whether these are only some of the caller's grants (a reader that holds at most so many); a record they do not release may still be released. */
    readonly partial = false,
    /** Grants read with these but not honoured (see HonourGrants). */
    refused: readonly GrantRow[] = [],
  ) {
    this.refusedRecords = new Set(refused.map((row) => recordKey(row.recordType, row.owner, row.recordId)));
    for (const row of rows) {
      if (row.until && row.until <= now) continue;
      if (row.until) this.firstEnd = Math.min(this.firstEnd, row.until.getTime());
      let owners = this.byType.get(row.recordType);
      if (!owners) this.byType.set(row.recordType, (owners = new Map()));
      let ids = owners.get(row.owner);
      if (!ids) owners.set(row.owner, (ids = new Map()));
      ids.set(row.recordId, row.conditions);
    }
  }

  /**
   * The records of `type` released to the caller, as a database filter (one branch per
   * owner: its records with those ids). With `among`, only those of these ids, which keeps
   * a lookup's filter as small as the lookup.
   */
  filterFor(type: string, among?: readonly string[]): RecordFilter {
    if (among) return this.build(type, among);
    let filter = this.filters.get(type);
    if (!filter) this.filters.set(type, (filter = this.build(type)));
    return filter;
  }

  private build(type: string, among?: readonly string[]): RecordFilter {
    const owners = this.byType.get(type);
    if (!owners) return NOTHING;
    const branches = [...owners].flatMap(([owner, ids]) => {
      const released = among ? among.filter((id) => ids.has(id)) : [...ids.keys()];
      return released.length > 0 ? [{ 'provenance.owner': owner, _id: { $in: released } }] : [];
    });
    if (branches.length === 0) return NOTHING;
    return branches.length === 1 ? branches[0]! : { $or: branches };
  }

  /** The record types of which at least one record is released to the caller. */
  types(): string[] {
    return [...this.byType.keys()];
  }

  /** Whether at least one record of `type` is released to the caller. */
  holdsType(type: string): boolean {
    return this.byType.has(type);
  }

  /** Whether this record (type, owner, id) is released to the caller. */
  has(type: string, owner: string, id: string): boolean {
    return this.byType.get(type)?.get(owner)?.has(id) ?? false;
  }

  /**
   * Whether a grant for this record (type, owner, id) was read and refused (not sealed as
   * stored): an owning subgraph, which reads the store as it is, may have served the record
   * on it, on grounds the gateway could not otherwise tell apart.
   */
  refused(type: string, owner: string, id: string): boolean {
    return this.refusedRecords.has(recordKey(type, owner, id));
  }

  /** The owner's conditions on the release of this record; undefined when it is not released. */
  conditionsOf(type: string, owner: string, id: string): string | null | undefined {
    return this.byType.get(type)?.get(owner)?.get(id);
  }
}

/** Grants in force at `now`: no end, or an end after it. */
const inForce = (now: Date) => ({ $or: [{ until: null }, { until: { $gt: now } }] });
const ROW = { _id: 0, recordType: 1, owner: 1, recordId: 1, until: 1, conditions: 1 } as const;

/** How much of the grant store a `createReleaseGrantLookup` reads and holds. */
export interface ReleaseGrantLookupOptions {
  /** The record types whose grants are read (an owning subgraph's); every type when absent (the gateway's). */
  types?: readonly string[];
  /** How long a (agency, purpose)'s grants are served before they are read again in the background; 2 s by default. */
  ttlMs?: number;
  /**
   * At most this many grants held per (agency, purpose), the first the store returns;
   * all of them when absent. Only for a reader that confirms a record it does not hold
   * (the gateway reads such records by id): a subgraph filters with what it holds.
   */
  maxPerCaller?: number;
  /** At most this many grants held in all, the least recently used (agency, purpose) dropped first; when absent, up to 1000 of them whatever their size. */
  maxHeld?: number;
  /** When set, grants are read whole and only those it keeps are held (the gateway's: those an approval sealed, see HonourGrants). */
  honour?: HonourGrants;
}

/** Which of these grants, read whole, are honoured: a reader that trusts the grant store only as far as it can check it. */
export type HonourGrants = (grants: ReleaseGrantRecord[]) => Promise<ReleaseGrantRecord[]>;

/**
 * A view of the grants, per caller: the records released to its agency for the purpose it
 * declared. Read once per (agency, purpose), through the index on (agency, purpose,
 * recordType, …), and read again in the background once older than `ttlMs`, so an
 * approval takes effect when that read completes; an end date takes effect at once, on
 * each request. The owning subgraphs read their record types' grants this way, the gateway
 * every type's (bounded, see the options).
 */
export function createReleaseGrantLookup(
  model: Model<ReleaseGrantRecord>,
  options: ReleaseGrantLookupOptions = {},
): (caller: CallerContext) => Promise<ReleasedRecords> {
  const types = options.types ? { recordType: { $in: [...options.types] } } : {};
  const { maxPerCaller, maxHeld } = options;
  // Per (agency, purpose): the rows read, and what they release until the first of them ends.
  const cache = new LRUCache<string, { rows: GrantRow[]; released: ReleasedRecords }, { agency: string; purpose: Purpose }>({
    max: 1_000,
    ...(maxHeld ? { maxSize: maxHeld, sizeCalculation: (held: { rows: GrantRow[] }) => held.rows.length + 1 } : {}),
    ttl: options.ttlMs ?? 2_000,
    allowStale: true,
    fetchMethod: async (_key, _stale, { context: { agency, purpose } }) => {
      const query = model.find({ agency, purpose, ...types, ...inForce(new Date()) }, options.honour ? undefined : ROW);
      const read = await (maxPerCaller ? query.limit(maxPerCaller) : query).lean<ReleaseGrantRecord[]>();
      const rows: GrantRow[] = options.honour ? await options.honour(read) : read;
      return { rows, released: new ReleasedRecords(rows, new Date(), maxPerCaller !== undefined && read.length >= maxPerCaller) };
    },
  });
  return async (caller) => {
    const { purpose } = caller;
    if (purpose === null) return ReleasedRecords.NONE;
    const { agency } = caller.principal;
    const current = await cache.fetch(`${agency}\n${purpose}`, { context: { agency, purpose } });
    if (!current) return ReleasedRecords.NONE;
    const now = new Date();
    if (now.getTime() >= current.released.firstEnd) current.released = new ReleasedRecords(current.rows, now, current.released.partial);
    return current.released;
  };
}

/**
 * The grants in force for these records and this caller, read by record id: the gateway's
 * check of what a subgraph returned, and the conditions that travel with it. With
 * `honour`, grants are read whole and only those it keeps count; the records of the others
 * are kept apart (`ReleasedRecords.refused`).
 */
export async function findReleaseGrants(
  model: Model<ReleaseGrantRecord>,
  caller: CallerContext,
  records: readonly { type: string; owner: string; id: string }[],
  now: Date = new Date(),
  honour?: HonourGrants,
): Promise<ReleasedRecords> {
  const { purpose } = caller;
  if (purpose === null || records.length === 0) return ReleasedRecords.NONE;
  const distinct = (values: string[]) => [...new Set(values)];
  const rows = await model
    .find(
      {
        agency: caller.principal.agency,
        purpose,
        recordType: { $in: distinct(records.map((r) => r.type)) },
        owner: { $in: distinct(records.map((r) => r.owner)) },
        recordId: { $in: distinct(records.map((r) => r.id)) },
        ...inForce(now),
      },
      honour ? undefined : ROW,
    )
    .lean<ReleaseGrantRecord[]>();
  if (!honour) return new ReleasedRecords(rows, now);
  const honoured = await honour(rows);
  const kept = new Set(honoured.map((grant) => grant._id));
  return new ReleasedRecords(
    honoured,
    now,
    false,
    rows.filter((grant) => !kept.has(grant._id)),
  );
}
