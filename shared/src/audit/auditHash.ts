import { createHash, type KeyObject, verify } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AuditRecord, AuditRegistryRecord } from './auditRecord';

/** The `prevHash` of the first record of a chain and of the first registration. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash that seals a record: sha256 over the RFC 8785 canonical JSON of every field but
 * the hash itself (dates as ISO strings), so any edit, and any record inserted or removed
 * before it, changes what the next record must name as its predecessor.
 */
export function auditHash(record: Omit<AuditRecord, 'hash' | 'signature'>): string {
  const { at, ...rest } = record;
  const hashable = { ...rest, at: at.toISOString() };
  return createHash('sha256')
    .update(canonicalize(hashable) as string)
    .digest('hex');
}

/** The hash that seals a registration: sha256 over its canonical JSON (dates as ISO strings), without hash and signature. */
export function registryHash(record: Omit<AuditRegistryRecord, 'hash' | 'signature'>): string {
  const { startedAt, registeredAt, ...rest } = record;
  const hashable = { ...rest, startedAt: startedAt.toISOString(), registeredAt: registeredAt.toISOString() };
  return createHash('sha256')
    .update(canonicalize(hashable) as string)
    .digest('hex');
}

/** What the seal signs: the hash, under a label of its own so the key's other uses cannot be replayed here. */
export const sealedBytes = (hash: string) => Buffer.from(`intel-gateway audit record ${hash}`);

/** What a registration's seal signs, under its own label (a record's signature cannot pass for a registration's). */
export const registrySealedBytes = (hash: string) => Buffer.from(`intel-gateway audit chain registration ${hash}`);

/**
 * Whether a stored record is as the gateway sealed it: its hash, recomputed, matches, and
 * its signature verifies with one of `keys`. A record stored in any other shape (a field of
 * another type, as an insider may write it) is not, rather than an error.
 */
export function isSealedRecord({ hash, signature, ...unsealed }: AuditRecord, keys: readonly KeyObject[]): boolean {
  if (typeof hash !== 'string' || typeof signature !== 'string' || !(unsealed.at instanceof Date)) return false;
  try {
    const signed = Buffer.from(signature, 'base64url');
    return auditHash(unsealed) === hash && keys.some((key) => verify(null, sealedBytes(hash), key, signed));
  } catch {
    return false;
  }
}
