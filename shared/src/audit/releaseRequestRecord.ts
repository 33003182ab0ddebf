import type { Purpose } from '../records/provenance';

/** A request to an owner to release a record the requester could only match. */
export interface ReleaseRequestRecord {
  _id: string;
  /** The opaque handle the hit/no-hit answer gave (`HIT-…`), resolved through the audit. */
  reference: string;
  /** The record the reference resolved to: its API type, id and owner. */
  recordType: string;
  recordId: string;
  owner: string;
  requesterAgency: string;
  requesterUser: string;
  /** The purpose the requester declared when asking; a release serves only operations declaring it. */
  purpose: Purpose;
  justification: string;
  status: 'PENDING' | 'APPROVED' | 'REFUSED';
  requestedAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  /** The end the owner set on an approval: served before it. Null: no end. */
  until: Date | null;
  /** The owner's handling conditions on an approval. */
  conditions: string | null;
}
