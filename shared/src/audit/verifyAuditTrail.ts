import { createPublicKey, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { JWK } from 'jose';
import { auditHash, createAuditModels, GENESIS_HASH, sealedBytes, type AuditRecord, type HitRecord } from './auditRecord';

/** Hits checked per read of their audit records. */
const HIT_BATCH = 1_000;

/** One thing wrong with the stored trail. */
export interface AuditProblem {
  chainId: string;
  seq?: number;
  problem: string;
}

export interface AuditVerification {
  chains: { chainId: string; records: number }[];
  hits: number;
  problems: AuditProblem[];
}

/**
 * Checks every chain in the audit store, record by record in sequence order:
 *
 * - each record's hash is recomputed (an edited record no longer matches);
 * - its signature must verify with one of the gateway's public keys (a record re-sealed
 *   without the key does not);
 * - sequence numbers run without gaps from 0, and each record names its predecessor's hash
 *   (a record inserted or deleted breaks the chain there);
 * - the chain's recorded head must exist (records deleted from the end show as missing);
 * - every hit must point at an existing audit record that disclosed that record.
 *
 * Records and hits are streamed (hits in batches), so a long trail is checked in bounded memory.
 */
export async function verifyAuditTrail(connection: Connection, jwks: { keys: JWK[] }): Promise<AuditVerification> {
  const models = createAuditModels(connection);
  const keys: KeyObject[] = jwks.keys.map((key) => createPublicKey({ key: key as JsonWebKey, format: 'jwk' }));
  const problems: AuditProblem[] = [];
  const chains: AuditVerification['chains'] = [];
  const registered = await models.AuditChain.find().lean();
  const chainIds = new Set([...registered.map((c) => c._id), ...((await models.AuditRecord.distinct('chainId')) as string[])]);

  for (const chainId of [...chainIds].sort()) {
    let expected = 0;
    let previousHash = GENESIS_HASH;
    let count = 0;
    for await (const record of models.AuditRecord.find({ chainId }).sort({ seq: 1 }).lean<AuditRecord>().cursor()) {
      count++;
      const at = (problem: string) => problems.push({ chainId, seq: record.seq, problem });
      if (record.seq !== expected) at(record.seq > expected ? `records ${expected}–${record.seq - 1} are missing` : `sequence number out of order (expected ${expected})`);
      if (record._id !== `${chainId}:${record.seq}`) at(`id ${record._id} does not match its chain and sequence`);
      if (record.prevHash !== previousHash) at('does not follow the record before it (inserted, or a record before it was deleted or altered)');
      const { hash, signature, ...unsealed } = record;
      if (auditHash(unsealed) !== hash) at('its content does not match its hash (altered)');
      const signed = keys.some((key) => verify(null, sealedBytes(hash), key, Buffer.from(signature ?? '', 'base64url')));
      if (!signed) at("its signature does not verify with the gateway's keys (forged or re-sealed)");
      expected = record.seq + 1;
      previousHash = hash;
    }
    const head = registered.find((c) => c._id === chainId)?.head;
    if (head && head.seq > expected - 1) {
      problems.push({ chainId, seq: head.seq, problem: `the chain's head is record ${head.seq}, but the stored chain ends at ${expected - 1} (records deleted from the end)` });
    } else if (head && head.seq === expected - 1 && head.hash !== previousHash) {
      problems.push({ chainId, seq: head.seq, problem: "the newest record is not the one the chain's head names (altered or replaced)" });
    }
    chains.push({ chainId, records: count });
  }

  // Hits are checked a batch at a time: one read of their audit records per batch.
  let hits = 0;
  let batch: HitRecord[] = [];
  const checkBatch = async () => {
    const records = await models.AuditRecord.find({ _id: { $in: [...new Set(batch.map((h) => h.auditId))] } }, { disclosures: 1, matches: 1 }).lean<Pick<AuditRecord, '_id' | 'disclosures' | 'matches'>[]>();
    const byId = new Map(records.map((r) => [r._id, r]));
    for (const hit of batch) {
      const record = byId.get(hit.auditId);
      const named = hit.kind === 'match' ? record?.matches : record?.disclosures;
      const disclosed = named?.some((d) => d.id === hit.recordId && d.owner === hit.owner && d.type === hit.recordType);
      if (!disclosed) problems.push({ chainId: hit.auditId.slice(0, hit.auditId.lastIndexOf(':')), problem: `hit ${hit._id} points at ${record ? 'an audit record that did not disclose it' : `a missing audit record (${hit.auditId})`}` });
    }
    batch = [];
  };
  for await (const hit of models.Hit.find().lean<HitRecord>().cursor()) {
    hits++;
    batch.push(hit);
    if (batch.length === HIT_BATCH) await checkBatch();
  }
  if (batch.length > 0) await checkBatch();
  return { chains, hits, problems };
}
