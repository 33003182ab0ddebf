import { type KeyObject, sign } from 'node:crypto';
import { hostname } from 'node:os';
import type { Connection } from 'mongoose';
import {
  type AuditModels,
  type AuditRegistryRecord,
  DURABLE_WRITE,
  GENESIS_HASH,
  registryHash,
  registrySealedBytes,
} from '@intel-gateway/shared/audit';
import { isDuplicateKey } from '@intel-gateway/shared/database';

/** How often a registration is retried when another instance registered its chain at the same moment. */
const REGISTRATION_ATTEMPTS = 20;

/**
 * Creates a chain's document (its head naming no record yet) and, unless the chain is
 * registered already (a chain id given again), appends its registration to the chain
 * registry, signed, in one transaction. Returns the new registration, if any.
 */
export async function registerChain(
  connection: Connection,
  models: AuditModels,
  chainId: string,
  signingKey: KeyObject,
): Promise<AuditRegistryRecord | undefined> {
  const { AuditChain, AuditRegistry } = models;
  for (let attempt = 1; ; attempt++) {
    const session = await connection.startSession();
    try {
      let registration: AuditRegistryRecord | undefined;
      await session.withTransaction(
        async () => {
          registration = undefined;
          const now = new Date();
          await AuditChain.collection.updateOne(
            { _id: chainId } as never,
            // A new chain's head names no record yet; a chain document without a head had it removed.
            { $setOnInsert: { startedAt: now, host: hostname(), head: { seq: -1, hash: GENESIS_HASH } } },
            { upsert: true, session },
          );
          if (await AuditRegistry.exists({ chainId }).session(session)) return;
          const last = await AuditRegistry.findOne().sort({ seq: -1 }).session(session).lean<AuditRegistryRecord>();
          const seq = last ? last.seq + 1 : 0;
          const unsealed = {
            _id: seq,
            seq,
            chainId,
            startedAt: now,
            host: hostname(),
            registeredAt: now,
            prevHash: last?.hash ?? GENESIS_HASH,
          };
          const hash = registryHash(unsealed);
          registration = { ...unsealed, hash, signature: sign(null, registrySealedBytes(hash), signingKey).toString('base64url') };
          await AuditRegistry.collection.insertOne(registration as never, { session });
        },
        { writeConcern: DURABLE_WRITE },
      );
      return registration;
    } catch (error) {
      if (!isDuplicateKey(error) || attempt === REGISTRATION_ATTEMPTS) throw error;
    } finally {
      await session.endSession();
    }
  }
}
