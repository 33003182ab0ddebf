import { randomBytes } from 'node:crypto';
import { type GraphQLError } from 'graphql';
import { clientError } from '../errors';
import { ErrorCode } from '../errors';

/** What a hit/no-hit answer says, and nothing more. */
export interface HitAnswer {
  matched: true;
  /** The owning agency. */
  owner: string;
  /** Who to call at the owner; the gateway fills it in from the agency registry. */
  contactPoint: string | null;
  /**
   * Cite this when asking the owner to release the record. Between a subgraph and the
   * gateway it is the record's `Type/id`; the gateway replaces it with an opaque handle
   * (`newHitReference`) before the answer leaves, and keeps the pair in the audit.
   */
  reference: string;
  advice: string;
}

export const HIT_ADVICE = 'A record matches. Confirm with its owner before acting; its content is not released to you.';

/** The reference a subgraph gives the gateway for a matched record: its type and id. Never sent to a caller. */
export const hitReference = (type: string, id: string) => `${type}/${id}`;

/** A GraphQL type name: what comes before the first `/` of a reference. */
const TYPE_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/**
 * The record a subgraph's `hitReference` names, or undefined when it is not one. The type
 * is a GraphQL name and never holds a `/`; the id is everything after the first `/`, and
 * may hold more of them (an INTERPOL notice's `A-1001/3-2026`).
 */
export function parseHitReference(reference: string): { type: string; id: string } | undefined {
  const cut = reference.indexOf('/');
  if (cut < 0) return undefined;
  const [type, id] = [reference.slice(0, cut), reference.slice(cut + 1)];
  return TYPE_NAME.test(type) && id !== '' ? { type, id } : undefined;
}

/**
 * What a caller gets as a hit's reference: `HIT-` and 22 base64url characters (128 random
 * bits), new for every answer. It names no record and opens nothing; the gateway stores it
 * with the match in the audit entry (`matches[].reference`), where the release-request flow
 * resolves it, for the agency that was given it only, to the record's type, id and owner.
 * A new handle per answer means two answers cannot be tied to one record by their handles.
 */
export const newHitReference = () => `HIT-${randomBytes(16).toString('base64url')}`;

/** The shape of a handle `newHitReference` makes. */
export const HIT_REFERENCE_PATTERN = /^HIT-[A-Za-z0-9_-]{22}$/;

/**
 * How a subgraph answers a lookup that matched a record the caller may only know exists:
 * the field is null, and this error at its path carries the hit/no-hit answer, so no
 * content ever leaves the owner's subgraph.
 */
export function hitAnswerError(type: string, id: string, owner: string): GraphQLError {
  const hit: HitAnswer = { matched: true, owner, contactPoint: null, reference: hitReference(type, id), advice: HIT_ADVICE };
  return clientError(ErrorCode.HIT, HIT_ADVICE, { extensions: { hit } });
}

/**
 * A lookup as a subgraph answers it: the record when it is released to the caller; a
 * hit/no-hit answer when the caller may only know it exists (`match` finds it, reading its
 * id and owner only); otherwise null.
 */
export async function contentOrHit<K, T>(
  type: string,
  key: K,
  content: { load(key: K): Promise<T | null> },
  match: { load(key: K): Promise<{ _id: string; provenance: { owner: string } } | null> },
): Promise<T | null> {
  const record = await content.load(key);
  if (record) return record;
  const matched = await match.load(key);
  if (matched) throw hitAnswerError(type, matched._id, matched.provenance.owner);
  return null;
}
