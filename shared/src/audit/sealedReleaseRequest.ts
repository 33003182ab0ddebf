import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { z } from 'zod';
import { PURPOSES } from '../records/provenance';
import type { ReleaseRequestRecord } from './releaseRequestRecord';
import { reportedWrites } from './sealedReleaseGrant';

/**
 * The terms of a release request as the disclosure audit seals them when it is made: which
 * record (resolved from the hit reference), to which agency, for which purpose. The
 * accountability subgraph reports each request it makes in its answer, under
 * RELEASE_REQUESTS_WRITTEN_EXTENSION; the gateway puts them in that operation's audit record,
 * which it hashes and signs. An owner's decision takes its grant's terms from there, not
 * from the request as stored, so a pending request edited in the database (another record,
 * agency or purpose, another justification) cannot ride on the owner's approval, and the
 * owner is shown the record from there. The justification is sealed as a hash: the audit
 * holds no content.
 */
export type SealedReleaseRequest = Pick<
  ReleaseRequestRecord,
  '_id' | 'reference' | 'recordType' | 'recordId' | 'owner' | 'requesterAgency' | 'requesterUser' | 'purpose'
> & {
  /** sha256 (hex) of the justification as written: the owner reads the text, the audit keeps no content. */
  justificationHash: string;
};

/** The extension in which the accountability subgraph's answer lists the release requests that operation made (SealedReleaseRequest). */
export const RELEASE_REQUESTS_WRITTEN_EXTENSION = 'releaseRequestsWritten';

/** The terms of a request, as the audit seals them. */
export function sealedReleaseRequest(request: ReleaseRequestRecord): SealedReleaseRequest {
  const { _id, reference, recordType, recordId, owner, requesterAgency, requesterUser, purpose } = request;
  const justificationHash = createHash('sha256').update(String(request.justification)).digest('hex');
  return { _id, reference, recordType, recordId, owner, requesterAgency, requesterUser, purpose, justificationHash };
}

const text = z.string().min(1);
const reportedRequests = z.array(
  z.strictObject({
    _id: text,
    reference: text,
    recordType: text,
    recordId: text,
    owner: text,
    requesterAgency: text,
    requesterUser: text,
    purpose: z.enum(PURPOSES),
    justificationHash: z.string().regex(/^[0-9a-f]{64}$/),
  }),
);

/**
 * The requests an answer of the accountability subgraph reports made
 * (RELEASE_REQUESTS_WRITTEN_EXTENSION): an empty list when it reports none, null when the
 * report is not a list of terms exactly as sealed.
 */
export const reportedReleaseRequests = (extensions: Readonly<Record<string, unknown>> | undefined): SealedReleaseRequest[] | null =>
  reportedWrites(extensions, RELEASE_REQUESTS_WRITTEN_EXTENSION, reportedRequests);

/** Sealed terms as canonical JSON, to compare two of them field by field. */
export const comparableRequestTerms = (terms: SealedReleaseRequest): string => canonicalize(terms) as string;

/**
 * An owner's decision on a release request, as the audit seals it: which request, whose
 * record, approved or refused. A request whose decision is sealed is never decided again,
 * so a refusal (or an approval whose grant was removed) reset to pending in the database
 * cannot be put before the owner a second time.
 */
export interface SealedReleaseDecision {
  _id: string;
  owner: string;
  approve: boolean;
}

/** The extension in which the accountability subgraph's answer lists the decisions that operation made (SealedReleaseDecision). */
export const RELEASE_DECISIONS_WRITTEN_EXTENSION = 'releaseDecisionsWritten';

const reportedDecisions = z.array(z.strictObject({ _id: text, owner: text, approve: z.boolean() }));

/** The decisions an answer of the accountability subgraph reports made: an empty list when none, null when the report is not a list of them exactly as sealed. */
export const reportedReleaseDecisions = (extensions: Readonly<Record<string, unknown>> | undefined): SealedReleaseDecision[] | null =>
  reportedWrites(extensions, RELEASE_DECISIONS_WRITTEN_EXTENSION, reportedDecisions);
