import canonicalize from 'canonicalize';
import { z } from 'zod';
import type { ReleaseGrantRecord } from '../policy/releaseGrants';

/**
 * A release grant as the disclosure audit seals it: every field of the stored grant, its
 * dates as ISO strings. The accountability subgraph reports each grant it writes (an owner's
 * approval) in its answer, under RELEASE_GRANTS_WRITTEN_EXTENSION; the gateway puts them
 * in the audit record of that operation, which it hashes and signs; verification then
 * requires every stored grant to be one of them, unchanged. A grant inserted or widened in
 * the database by someone without the gateway's key has no such twin.
 */
export interface SealedReleaseGrant {
  _id: string;
  agency: string;
  purpose: string;
  recordType: string;
  owner: string;
  recordId: string;
  until: string | null;
  conditions: string | null;
  grantedAt: string;
}

/** The extension in which the accountability subgraph's answer lists the release grants that operation wrote (SealedReleaseGrant). */
export const RELEASE_GRANTS_WRITTEN_EXTENSION = 'releaseGrantsWritten';

/** The grant as the audit seals it. */
export function sealedReleaseGrant(grant: ReleaseGrantRecord): SealedReleaseGrant {
  const { _id, agency, purpose, recordType, owner, recordId, conditions } = grant;
  return {
    _id,
    agency,
    purpose,
    recordType,
    owner,
    recordId,
    until: grant.until ? new Date(grant.until).toISOString() : null,
    conditions,
    grantedAt: new Date(grant.grantedAt).toISOString(),
  };
}

const isoInstant = z.iso.datetime();
const reportedGrants = z.array(
  z.strictObject({
    _id: z.string().min(1),
    agency: z.string().min(1),
    purpose: z.string().min(1),
    recordType: z.string().min(1),
    owner: z.string().min(1),
    recordId: z.string().min(1),
    until: isoInstant.nullable(),
    conditions: z.string().nullable(),
    grantedAt: isoInstant,
  }),
);

/**
 * The grants an answer of the accountability subgraph reports written
 * (RELEASE_GRANTS_WRITTEN_EXTENSION): an empty list when it reports none, null when the
 * report is not a list of grants exactly as sealed.
 */
export const reportedReleaseGrants = (extensions: Readonly<Record<string, unknown>> | undefined): SealedReleaseGrant[] | null =>
  reportedWrites(extensions, RELEASE_GRANTS_WRITTEN_EXTENSION, reportedGrants);

/**
 * What an answer reports under `name`, read with `schema` (a list of entries exactly as
 * sealed): an empty list when it reports nothing there, null when the report is not that.
 */
export function reportedWrites<T>(
  extensions: Readonly<Record<string, unknown>> | undefined,
  name: string,
  schema: z.ZodType<T[]>,
): T[] | null {
  const reported = extensions?.[name];
  if (reported === undefined) return [];
  const parsed = schema.safeParse(reported);
  return parsed.success ? parsed.data : null;
}

/**
 * A date field of a stored grant as the sealed form has it: a date as its ISO string, null
 * as null, anything else marked so that it differs (text that reads like the sealed
 * instant is not a date: the readers' `until` filter would no longer match it).
 */
const asSealed = (value: unknown): unknown => {
  if (value === null) return null;
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : { notADate: value ?? null };
};

/** A sealed grant as canonical JSON. */
export const comparableSealedGrant = (grant: SealedReleaseGrant): string => canonicalize(grant) as string;

/** A stored grant as canonical JSON in the sealed form (its dates as ISO strings), with every field it holds, so a field added differs too. */
export const comparableStoredGrant = (grant: ReleaseGrantRecord): string =>
  canonicalize({ ...grant, until: asSealed(grant.until), grantedAt: asSealed(grant.grantedAt) }) as string;
