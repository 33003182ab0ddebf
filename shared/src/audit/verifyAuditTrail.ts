import { createPublicKey, type JsonWebKey, type KeyObject, verify } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { JWK } from 'jose';
import type { Connection } from 'mongoose';
import { auditHash, GENESIS_HASH, isSealedRecord, registryHash, registrySealedBytes, sealedBytes } from './auditHash';
import type { AuditChainRecord, AuditRecord, AuditRegistryRecord, HitRecord } from './auditRecord';
import {
  type AuditProblem,
  type AuditVerification,
  type AuditVerificationOptions,
  DEFAULT_GRANT_SEAL_WAIT_MS,
  REGISTRY_PROBLEM,
  SINK_PROBLEM,
  UNWRITTEN_HIT_GRACE_MS,
  type UnwrittenHit,
} from './auditVerification';
import { createAuditModels } from './createAuditModels';
import { hitsOfRecord } from './hitsOfRecord';
import { noteSealedGrants, type SealedGrants, verifyReleaseGrants } from './verifyReleaseGrants';

/** Hits checked per read of their audit records, and expected hits per read of the hits. */
const HIT_BATCH = 1_000;

/** The agencies an audit record is about: its caller's, and the owners of what it disclosed or matched. */
const agenciesOf = (record: Pick<AuditRecord, 'agency' | 'disclosures' | 'matches'>): string[] => [
  record.agency,
  ...record.disclosures.map((d) => d.owner),
  ...record.matches.map((m) => m.owner),
];

/** The public keys of a JWKS, for Ed25519 verification. */
export const publicKeysOf = (jwks: { keys: JWK[] }): KeyObject[] =>
  jwks.keys.map((key) => createPublicKey({ key: key as JsonWebKey, format: 'jwk' }));

/** A hit as canonical JSON (its time as an ISO string; a purpose missing from hits written before purposes as null). */
const comparableHit = (hit: HitRecord) =>
  canonicalize({ ...hit, at: new Date(hit.at).toISOString(), purpose: hit.purpose ?? null }) as string;

/**
 * Whether a stored hit is exactly the one its record derives (hitsOfRecord): every field,
 * the reference a caller cites to the owner included, and no field added.
 */
const hitMatches = (stored: HitRecord, expected: HitRecord) => comparableHit(stored) === comparableHit(expected);

/**
 * Checks the whole audit store:
 *
 * - the chain registry, registration by registration: hash, signature, sequence from 0 and
 *   link to the previous one (a registration removed or edited breaks it);
 * - every chain, registered or found in the store, record by record in sequence order: each
 *   record's hash is recomputed (an edited record no longer matches); its signature must
 *   verify with one of the gateway's public keys (a record re-sealed without the key does
 *   not); sequence numbers run without gaps from 0 and each record names its predecessor's
 *   hash (a record inserted or deleted breaks the chain there); the chain's recorded head
 *   (a checkpoint, which may lag the newest records) must exist and name the record stored
 *   at its sequence number (records deleted from the end, up to the head, show as missing);
 * - a chain must be registered, and a registered chain must still be there (deleting a whole
 *   chain, records and head, shows);
 * - every record must have each of its hits (hitsOfRecord), unchanged: deleting a hit hides
 *   an access from the record's owner. The gateway writes a record's hits after its answer
 *   and checkpoints the head only past records whose hits are written, so a hit missing at
 *   or below the chain's head is reported as deleted; one missing above it (a write in
 *   flight, or left by a crash until the chain is opened again or repaired) is listed in
 *   `unwrittenHits` instead, not as a problem, while its record is younger than
 *   UNWRITTEN_HIT_GRACE_MS: the database alone cannot tell it from a hit deleted within that
 *   window. Older, it is reported (its gateway stopped before writing it, or it was deleted
 *   and the checkpoint rewound below it). A chain without a head vouches for nothing, so
 *   there every missing hit is reported;
 * - every hit must point at an existing audit record that disclosed that record;
 * - every release grant stored must be exactly one an approval sealed in a verified record,
 *   and every grant sealed must still be stored (verifyReleaseGrants);
 * - with `shippedHeads`, no chain (nor the registry) may end before the head last shipped
 *   for it, or differ from it there: deleting the newest records and rewinding the head in
 *   the database shows only against a copy outside it.
 *
 * Records, registrations and hits are streamed with cursors (hits checked in batches), so a
 * long trail is checked in memory that grows with the chains (each one's id and head) and
 * the release approvals, not with the records.
 */
export async function verifyAuditTrail(
  connection: Connection,
  jwks: { keys: JWK[] },
  options: AuditVerificationOptions = {},
): Promise<AuditVerification> {
  const models = createAuditModels(connection);
  const keys = publicKeysOf(jwks);
  const signedBy = (bytes: Buffer, signature: string | undefined) =>
    keys.some((key) => verify(null, bytes, key, Buffer.from(signature ?? '', 'base64url')));
  const about = (agencies: string[]) => (options.concerns ? { concerns: [...new Set(agencies.filter(Boolean))] } : {});
  const shipped = options.shippedHeads;
  const problems: AuditProblem[] = (shipped?.problems ?? []).map((problem) => ({ chainId: SINK_PROBLEM, problem }));
  const chains: AuditVerification['chains'] = [];
  const sealedGrants: SealedGrants = new Map();

  // The chain documents are read before the registry: a chain registers in the same
  // transaction that creates its document, so a chain found here is registered by the time
  // the registry is read, and a registration without a document is read again before it is
  // reported (a gateway may have started meanwhile).
  const stored = new Map((await models.AuditChain.find().lean<AuditChainRecord[]>()).map((chain) => [chain._id, chain]));
  const withRecords = new Set(await models.AuditRecord.distinct('chainId'));

  const registered = new Map<string, number>();
  let expectedRegistration = 0;
  let registryHead = { seq: -1, hash: GENESIS_HASH };
  for await (const registration of models.AuditRegistry.find().sort({ seq: 1 }).lean<AuditRegistryRecord>().cursor()) {
    const at = (problem: string) => problems.push({ chainId: REGISTRY_PROBLEM, seq: registration.seq, problem });
    if (registration.seq !== expectedRegistration)
      at(
        registration.seq > expectedRegistration
          ? `registrations ${expectedRegistration}–${registration.seq - 1} are missing`
          : `sequence number out of order (expected ${expectedRegistration})`,
      );
    if (registration._id !== registration.seq) at(`id ${registration._id} does not match its sequence`);
    if (registration.prevHash !== registryHead.hash)
      at('does not follow the registration before it (inserted, or one before it was deleted or altered)');
    const { hash, signature, ...unsealed } = registration;
    if (registryHash(unsealed) !== hash) at(`the registration of chain ${registration.chainId} does not match its hash (altered)`);
    if (!signedBy(registrySealedBytes(hash), signature))
      at(`the registration of chain ${registration.chainId} is not signed by the gateway's keys (forged or re-sealed)`);
    if (shipped?.registry?.seq === registration.seq && shipped.registry.hash !== hash)
      at('it is not the registration shipped to the audit head sink (the registry was rebuilt or replaced)');
    registered.set(registration.chainId, registration.seq);
    expectedRegistration = registration.seq + 1;
    registryHead = { seq: registration.seq, hash };
  }
  if (shipped?.registry) {
    const last = shipped.registry;
    if (registryHead.seq < last.seq) {
      problems.push({
        chainId: REGISTRY_PROBLEM,
        seq: last.seq,
        problem: `the registry ${registryHead.seq < 0 ? 'is empty' : `ends at registration ${registryHead.seq}`}, but registration ${last.seq} (of chain ${last.chainId}) was shipped to the audit head sink (newest registrations deleted)`,
      });
    }
  }

  // Expected hits (and whether their record is above its chain's head), checked against the stored ones a batch at a time.
  const now = (options.now ?? new Date()).getTime();
  let expectedHits: { hit: HitRecord; chainId: string; seq: number; aboveHead: boolean; overdue: boolean }[] = [];
  const unwrittenHits: UnwrittenHit[] = [];
  const checkExpectedHits = async () => {
    const found = await models.Hit.find({ _id: { $in: expectedHits.map(({ hit }) => hit._id) } }).lean<HitRecord[]>();
    const byId = new Map(found.map((hit) => [hit._id, hit]));
    for (const { hit, chainId, seq, aboveHead, overdue } of expectedHits) {
      const storedHit = byId.get(hit._id);
      const what = `hit ${hit._id} (${hit.owner}'s ${hit.recordType} ${hit.recordId}, to ${hit.agency})`;
      const concerns = about([hit.owner, hit.agency]);
      if (!storedHit && aboveHead && !overdue) unwrittenHits.push({ chainId, seq, hit: hit._id });
      else if (!storedHit && aboveHead)
        problems.push({
          chainId,
          seq,
          ...concerns,
          problem: `${what} is missing, not written ${UNWRITTEN_HIT_GRACE_MS / 60_000} minutes after its record: its gateway stopped before writing it (see npm run audit:repair-hits), or it was deleted`,
        });
      else if (!storedHit)
        problems.push({ chainId, seq, ...concerns, problem: `${what} is missing: deleted, so its owner no longer sees this access` });
      else if (!hitMatches(storedHit, hit))
        problems.push({ chainId, seq, ...concerns, problem: `${what} differs from its audit record (altered)` });
    }
    expectedHits = [];
  };

  for (const chainId of [...new Set([...stored.keys(), ...withRecords, ...registered.keys()])].sort()) {
    const chain = stored.get(chainId) ?? (await models.AuditChain.findById(chainId).lean<AuditChainRecord>()) ?? undefined;
    if (!registered.has(chainId))
      problems.push({
        chainId,
        problem: 'the chain is not in the chain registry (its registration was deleted, or the chain was inserted)',
      });
    let expected = 0;
    let previousHash = GENESIS_HASH;
    let count = 0;
    const shippedHead = shipped?.chains.get(chainId);
    for await (const record of models.AuditRecord.find({ chainId }).sort({ seq: 1 }).lean<AuditRecord>().cursor()) {
      count++;
      const at = (problem: string) => problems.push({ chainId, seq: record.seq, problem, ...about(agenciesOf(record)) });
      if (record.seq !== expected)
        at(
          record.seq > expected
            ? `records ${expected}–${record.seq - 1} are missing`
            : `sequence number out of order (expected ${expected})`,
        );
      if (record._id !== `${chainId}:${record.seq}`) at(`id ${record._id} does not match its chain and sequence`);
      if (record.prevHash !== previousHash)
        at('does not follow the record before it (inserted, or a record before it was deleted or altered)');
      const { hash, signature, ...unsealed } = record;
      const intact = auditHash(unsealed) === hash;
      const sealed = signedBy(sealedBytes(hash), signature);
      if (!intact) at('its content does not match its hash (altered)');
      if (!sealed) at("its signature does not verify with the gateway's keys (forged or re-sealed)");
      if (chain?.head?.seq === record.seq && chain.head.hash !== hash)
        at("it is not the record the chain's head names (altered or replaced)");
      if (shippedHead?.seq === record.seq && shippedHead.hash !== hash)
        at('it is not the record whose head was shipped to the audit head sink (replaced)');
      // Only a record the gateway sealed says which hits it must have.
      const aboveHead = chain?.head ? record.seq > chain.head.seq : false;
      const overdue = now - new Date(record.at).getTime() > UNWRITTEN_HIT_GRACE_MS;
      if (intact && sealed) {
        expectedHits.push(...hitsOfRecord(record).map((hit) => ({ hit, chainId, seq: record.seq, aboveHead, overdue })));
        noteSealedGrants(sealedGrants, record);
      }
      if (expectedHits.length >= HIT_BATCH) await checkExpectedHits();
      expected = record.seq + 1;
      previousHash = hash;
    }
    if (!chain && count === 0) {
      problems.push({
        chainId,
        problem: `the chain was registered (registration ${registered.get(chainId)}) but is gone: its records and head were deleted`,
      });
    } else if (!chain) {
      problems.push({ chainId, problem: "the chain's document (its head) is missing" });
    } else if (!chain.head && count > 0) {
      problems.push({ chainId, problem: 'the chain has records but no head (its head was removed)' });
    }
    const head = chain?.head;
    if (head && head.seq > expected - 1) {
      problems.push({
        chainId,
        seq: head.seq,
        problem: `the chain's head is record ${head.seq}, but the stored chain ends at ${expected - 1} (records deleted from the end)`,
      });
    }
    if (shippedHead && shippedHead.seq > expected - 1) {
      problems.push({
        chainId,
        seq: shippedHead.seq,
        problem: `the stored chain ends at ${expected - 1} but its head at record ${shippedHead.seq} was shipped to the audit head sink: the database is behind (newest records deleted and the head rewound)`,
      });
    }
    chains.push({ chainId, records: count });
  }
  if (expectedHits.length > 0) await checkExpectedHits();
  if (shipped) {
    for (const [chainId, head] of shipped.chains) {
      if (!stored.has(chainId) && !registered.has(chainId) && !withRecords.has(chainId)) {
        problems.push({
          chainId,
          seq: head.seq,
          problem: `the chain's head at record ${head.seq} was shipped to the audit head sink, but the chain is not in the database (deleted)`,
        });
      }
    }
  }

  // Hits are checked a batch at a time: one read of their audit records per batch.
  let hits = 0;
  let batch: HitRecord[] = [];
  const checkBatch = async () => {
    const records = await models.AuditRecord.find(
      { _id: { $in: [...new Set(batch.map((h) => h.auditId))] } },
      { disclosures: 1, matches: 1 },
    ).lean<Pick<AuditRecord, '_id' | 'disclosures' | 'matches'>[]>();
    const byId = new Map(records.map((r) => [r._id, r]));
    for (const hit of batch) {
      const record = byId.get(hit.auditId);
      const named = hit.kind === 'match' ? record?.matches : record?.disclosures;
      const disclosed = named?.some((d) => d.id === hit.recordId && d.owner === hit.owner && d.type === hit.recordType);
      if (!disclosed)
        problems.push({
          chainId: hit.auditId.slice(0, hit.auditId.lastIndexOf(':')),
          ...about([hit.owner, hit.agency]),
          problem: `hit ${hit._id} points at ${record ? 'an audit record that did not disclose it' : `a missing audit record (${hit.auditId})`}`,
        });
    }
    batch = [];
  };
  for await (const hit of models.Hit.find().lean<HitRecord>().cursor()) {
    hits++;
    batch.push(hit);
    if (batch.length === HIT_BATCH) await checkBatch();
  }
  if (batch.length > 0) await checkBatch();
  const grants = await verifyReleaseGrants(models, sealedGrants, {
    isSealed: (record) => isSealedRecord(record, keys),
    sealWaitMs: options.grantSealWaitMs ?? DEFAULT_GRANT_SEAL_WAIT_MS,
    concerns: options.concerns ?? false,
    now,
  });
  problems.push(...grants.problems);
  return { chains, hits, releaseGrants: grants.grants, problems, ...(unwrittenHits.length > 0 ? { unwrittenHits } : {}) };
}
