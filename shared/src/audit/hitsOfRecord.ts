import type { AuditRecord, HitRecord } from './auditRecord';

/**
 * The hits an audit record must have: one per disclosure and per match of a record owned by
 * another agency than the caller's, numbered in that order. The gateway writes exactly these
 * with the record, and verification requires each of them, so deleting or editing a hit
 * (which hides an access from the owner) shows.
 */
export function hitsOfRecord(
  record: Pick<AuditRecord, '_id' | 'agency' | 'user' | 'purpose' | 'at' | 'disclosures' | 'matches'>,
): HitRecord[] {
  return [
    ...record.disclosures.map((d) => ({ ...d, kind: 'disclosure' as const })),
    ...record.matches.map((m) => ({ ...m, kind: 'match' as const })),
  ]
    .filter((d) => d.owner !== '' && d.owner !== record.agency)
    .map((d, index) => ({
      _id: `${record._id}:${index}`,
      kind: d.kind,
      owner: d.owner,
      recordType: d.type,
      recordId: d.id,
      agency: record.agency,
      user: record.user,
      purpose: record.purpose,
      at: record.at,
      auditId: record._id,
      ...('reference' in d && d.reference ? { reference: d.reference } : {}),
    }));
}
