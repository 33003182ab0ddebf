import { createPrivateKey, type JsonWebKey, type KeyObject, randomBytes, sign } from 'node:crypto';
import { hostname } from 'node:os';
import type { JWK } from 'jose';
import type { Connection } from 'mongoose';
import {
  type AuditEntry,
  auditHash,
  type AuditModels,
  type AuditRecord,
  type AuditRegistryRecord,
  createAuditModels,
  DURABLE_WRITE,
  GENESIS_HASH,
  hitsOfRecord,
  registryHash,
  registrySealedBytes,
  sealedBytes,
  type ShippedHead,
  signedHeadLine,
} from '@intel-gateway/shared/audit';
import { syncIndexes } from '@intel-gateway/shared/database';
import type { Logger } from '@intel-gateway/shared/observability';
import type { AuditHeadSink } from './auditHeadSink';

/** How often a registration is retried when another instance registered its chain at the same moment. */
const REGISTRATION_ATTEMPTS = 20;

/** How long shipping one head may take before it is given up (and logged). */
const SINK_TIMEOUT_MS = 2_000;

const isDuplicateKey = (error: unknown) => (error as { code?: unknown } | null)?.code === 11000;

export interface AuditTrailOptions {
  /** Where each new chain head (and registration) is shipped, signed, outside the database. */
  headSink?: AuditHeadSink;
}

interface Pending {
  entry: AuditEntry;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The disclosure audit as one gateway instance writes it: an append-only chain of its own
 * (chain id + sequence), so instances never contend for a chain head, each record sealed
 * with a hash over the previous one and signed with the gateway's key. `record` resolves
 * only once the record and its hits are written in one transaction and acknowledged
 * durably; the caller must not send any data before that.
 *
 * Records waiting while a write is in flight go out together in the next transaction, so
 * the chain costs one round trip per batch, not per request. If a write fails, every
 * request in that batch is failed and the chain head is read back from the database.
 *
 * Each chain is registered when it opens in the chain registry (itself a signed hash chain),
 * so a chain that existed cannot vanish unseen. With a head sink, each registration and
 * each new head is shipped, signed, before the requests of its batch get their answers; a
 * sink that fails is logged and does not withhold answers (the record itself is stored).
 */
export class AuditTrail {
  private head: { seq: number; hash: string };
  private queue: Pending[] = [];
  private writing = false;

  private constructor(
    /** The gateway's store, which the trail writes to. */
    readonly connection: Connection,
    private readonly models: AuditModels,
    readonly chainId: string,
    private readonly signingKey: KeyObject,
    private readonly logger: Logger,
    private readonly headSink: AuditHeadSink | undefined,
  ) {
    this.head = { seq: -1, hash: GENESIS_HASH };
  }

  /**
   * Opens (or continues) this instance's chain, registering it if it is new; `chainId`
   * defaults to a new one per process. `signingKey` is the gateway's Ed25519 private key (JWK).
   */
  static async open(
    connection: Connection,
    signingKey: JWK,
    logger: Logger,
    chainId: string = `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`,
    options: AuditTrailOptions = {},
  ): Promise<AuditTrail> {
    const models = createAuditModels(connection);
    await syncIndexes(connection);
    const key = createPrivateKey({ key: signingKey as JsonWebKey, format: 'jwk' });
    const trail = new AuditTrail(connection, models, chainId, key, logger, options.headSink);
    const registration = await trail.register();
    if (registration)
      await trail.ship({ kind: 'registry', chainId, seq: registration.seq, hash: registration.hash, at: new Date().toISOString() });
    await trail.readHead();
    return trail;
  }

  /** Appends one operation's entry; resolves once it is durably stored. */
  record(entry: AuditEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  /**
   * Creates this chain's document and, unless the chain is registered already (a chain id
   * given again), appends its registration to the registry, in one transaction. Returns
   * the new registration, if any.
   */
  private async register(): Promise<AuditRegistryRecord | undefined> {
    const { AuditChain, AuditRegistry } = this.models;
    for (let attempt = 1; ; attempt++) {
      const session = await this.connection.startSession();
      try {
        let registration: AuditRegistryRecord | undefined;
        await session.withTransaction(
          async () => {
            registration = undefined;
            const now = new Date();
            await AuditChain.collection.updateOne(
              { _id: this.chainId } as never,
              { $setOnInsert: { startedAt: now, host: hostname() } },
              { upsert: true, session },
            );
            if (await AuditRegistry.exists({ chainId: this.chainId }).session(session)) return;
            const last = await AuditRegistry.findOne().sort({ seq: -1 }).session(session).lean<AuditRegistryRecord>();
            const seq = last ? last.seq + 1 : 0;
            const unsealed = {
              _id: seq,
              seq,
              chainId: this.chainId,
              startedAt: now,
              host: hostname(),
              registeredAt: now,
              prevHash: last?.hash ?? GENESIS_HASH,
            };
            const hash = registryHash(unsealed);
            registration = { ...unsealed, hash, signature: sign(null, registrySealedBytes(hash), this.signingKey).toString('base64url') };
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

  /**
   * Ships a head to the sink, if there is one; a failure, or a sink that has not taken it
   * within SINK_TIMEOUT_MS (a hung mount), is logged, not thrown, so the sink never holds
   * up the answers.
   */
  private async ship(head: ShippedHead): Promise<void> {
    if (!this.headSink) return;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the audit head sink did not take the head within ${SINK_TIMEOUT_MS} ms`)),
        SINK_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([this.headSink.ship(signedHeadLine(head, this.signingKey)), late]);
    } catch (error) {
      this.logger.error({ err: error, chainId: this.chainId, seq: head.seq, kind: head.kind }, 'could not ship the audit head to its sink');
    } finally {
      clearTimeout(timer);
    }
  }

  private async readHead(): Promise<void> {
    const last = await this.models.AuditRecord.findOne({ chainId: this.chainId }).sort({ seq: -1 }).lean<AuditRecord>();
    this.head = last ? { seq: last.seq, hash: last.hash } : { seq: -1, hash: GENESIS_HASH };
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        try {
          await this.write(batch.map((p) => p.entry));
          await this.ship({ kind: 'chain', chainId: this.chainId, seq: this.head.seq, hash: this.head.hash, at: new Date().toISOString() });
          for (const pending of batch) pending.resolve();
        } catch (error) {
          this.logger.error({ err: error, chainId: this.chainId }, 'audit write failed; the requests in this batch get no data');
          for (const pending of batch) pending.reject(error);
          await this.readHead().catch((readError: unknown) =>
            this.logger.error({ err: readError }, 'could not read the audit chain head back'),
          );
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private async write(entries: AuditEntry[]): Promise<void> {
    let { seq, hash } = this.head;
    const records: AuditRecord[] = entries.map((entry) => {
      seq += 1;
      const unsealed = { ...entry, _id: `${this.chainId}:${seq}`, chainId: this.chainId, seq, prevHash: hash };
      hash = auditHash(unsealed);
      return { ...unsealed, hash, signature: sign(null, sealedBytes(hash), this.signingKey).toString('base64url') };
    });
    const hits = records.flatMap(hitsOfRecord);
    const session = await this.connection.startSession();
    try {
      await session.withTransaction(
        async () => {
          // The driver's own writes: the records are built above, typed, and mongoose's
          // per-document casting and validation would cost more than the writes on the request path.
          await this.models.AuditRecord.collection.insertMany(records as never[], { session, ordered: true });
          if (hits.length > 0) await this.models.Hit.collection.insertMany(hits as never[], { session, ordered: true });
          await this.models.AuditChain.collection.updateOne({ _id: this.chainId } as never, { $set: { head: { seq, hash } } }, { session });
        },
        { writeConcern: DURABLE_WRITE },
      );
    } finally {
      await session.endSession();
    }
    this.head = { seq, hash };
  }
}
