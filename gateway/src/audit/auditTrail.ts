import { createPrivateKey, randomBytes, sign, type JsonWebKey, type KeyObject } from 'node:crypto';
import { hostname } from 'node:os';
import type { Connection } from 'mongoose';
import type { JWK } from 'jose';
import { auditHash, createAuditModels, DURABLE_WRITE, GENESIS_HASH, sealedBytes, syncIndexes, type AuditEntry, type AuditModels, type AuditRecord, type HitRecord, type Logger } from '@intel-gateway/shared';


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
  ) {
    this.head = { seq: -1, hash: GENESIS_HASH };
  }

  /**
   * Opens (or continues) this instance's chain; `chainId` defaults to a new one per process.
   * `signingKey` is the gateway's Ed25519 private key (JWK).
   */
  static async open(connection: Connection, signingKey: JWK, logger: Logger, chainId: string = `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`): Promise<AuditTrail> {
    const models = createAuditModels(connection);
    await syncIndexes(connection);
    await models.AuditChain.updateOne({ _id: chainId }, { $setOnInsert: { startedAt: new Date(), host: hostname() } }, { upsert: true, writeConcern: DURABLE_WRITE });
    const key = createPrivateKey({ key: signingKey as JsonWebKey, format: 'jwk' });
    const trail = new AuditTrail(connection, models, chainId, key, logger);
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
          for (const pending of batch) pending.resolve();
        } catch (error) {
          this.logger.error({ err: error, chainId: this.chainId }, 'audit write failed; the requests in this batch get no data');
          for (const pending of batch) pending.reject(error);
          await this.readHead().catch((readError: unknown) => this.logger.error({ err: readError }, 'could not read the audit chain head back'));
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
    const hits: HitRecord[] = records.flatMap((record) =>
      [...record.disclosures.map((d) => ({ ...d, kind: 'disclosure' as const })), ...record.matches.map((m) => ({ ...m, kind: 'match' as const }))]
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
        })),
    );
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
