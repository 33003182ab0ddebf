import { createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject, randomBytes, sign } from 'node:crypto';
import { hostname } from 'node:os';
import type { JWK } from 'jose';
import type { Connection } from 'mongoose';
import {
  type AuditEntry,
  auditHash,
  type AuditModels,
  type AuditRecord,
  createAuditModels,
  DURABLE_WRITE,
  GENESIS_HASH,
  type HitRecord,
  hitsOfRecord,
  publicKeysOf,
  repairHits,
  repairHitsOfOtherChains,
  sealedBytes,
  type ShippedHead,
  signedHeadLine,
} from '@intel-gateway/shared/audit';
import { syncIndexes } from '@intel-gateway/shared/database';
import type { Logger } from '@intel-gateway/shared/observability';
import type { AuditHeadSink } from './auditHeadSink';
import { HitWriter } from './hitWriter';
import { registerChain } from './registerChain';

/** How long shipping one head may take before it is given up (and logged). */
const SINK_TIMEOUT_MS = 2_000;

/** How far behind the newest record the chain's head document may fall, by default (see checkpointHead). */
export const DEFAULT_HEAD_CHECKPOINT_MS = 1_000;

/** How many records may wait for their hits before the trail refuses further records, by default (see record). */
export const DEFAULT_MAX_RECORDS_AWAITING_HITS = 10_000;

export interface AuditTrailOptions {
  /** Where each new chain head (and registration) is shipped, signed, outside the database. */
  headSink?: AuditHeadSink;
  /** How often, at most, the chain's head document is brought up to the newest record (ms); DEFAULT_HEAD_CHECKPOINT_MS. */
  headCheckpointMs?: number;
  /** How many records may wait for their hits (written after the answers) before further records are refused; DEFAULT_MAX_RECORDS_AWAITING_HITS. */
  maxRecordsAwaitingHits?: number;
  /** The gateway's previous public keys (after a rotation): records they sealed still count as sealed (see `sealKeys`). */
  previousKeys?: { keys: JWK[] };
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
 * only once the record is written and acknowledged durably; the caller must not send any
 * data before that.
 *
 * Records waiting while a write is in flight go out together in the next write, so the
 * chain costs one round trip per batch, not per request: a single insert, with no
 * transaction. The hits of those records (hitsOfRecord: everything they are derived from is
 * in the record) are written after the answers, off the request path (HitWriter), and tried
 * again until they are written. The chain's head is kept here, in the one instance that owns
 * the chain; its copy in the chain document is a checkpoint written after the answers
 * (checkpointHead), never past a record whose hits are not written, so the hits a crash left
 * unwritten are all above it, where opening a trail, of this chain or another, writes them. If a
 * write fails, every request in that batch is failed, the head is read back from the records
 * and the hits of any record of that batch that was stored are written all the same.
 *
 * Each chain is registered when it opens in the chain registry (itself a signed hash chain),
 * so a chain that existed cannot vanish unseen. With a head sink, each registration and
 * each new head is shipped, signed, before the requests of its batch get their answers; a
 * sink that fails is logged and does not withhold answers (the record itself is stored).
 */
export class AuditTrail {
  private head: { seq: number; hash: string };
  private queue: Pending[] = [];
  /** The write loop while it runs (drain); undefined when no write is in flight. */
  private draining: Promise<void> | undefined;
  /** The newest sequence number the chain document's head is known to name. */
  private checkpointed = -1;
  private checkpointTimer: NodeJS.Timeout | undefined;
  private lastCheckpointAt = 0;
  private checkpointing: Promise<void> | undefined;
  private closed = false;
  private readonly hits: HitWriter;
  /** The public keys a record of this trail's store must be signed with to count as sealed: the signing key's, and the previous ones. */
  readonly sealKeys: readonly KeyObject[];

  private constructor(
    /** The gateway's store, which the trail writes to. */
    readonly connection: Connection,
    private readonly models: AuditModels,
    readonly chainId: string,
    private readonly signingKey: KeyObject,
    private readonly logger: Logger,
    private readonly headSink: AuditHeadSink | undefined,
    private readonly headCheckpointMs: number,
    private readonly maxRecordsAwaitingHits: number,
    previousKeys: readonly KeyObject[],
  ) {
    this.sealKeys = [createPublicKey(signingKey), ...previousKeys];
    this.head = { seq: -1, hash: GENESIS_HASH };
    this.hits = new HitWriter(models, chainId, logger, () => this.scheduleCheckpoint(), this.head);
  }

  /**
   * Opens (or continues) this instance's chain, registering it if it is new; `chainId`
   * defaults to a new one per process. `signingKey` is the gateway's Ed25519 private key (JWK).
   * A chain opened again first gets the hits its previous run left unwritten (above its
   * checkpoint), and its head checkpointed past them; every other chain gets the hits above
   * its checkpoint too (repairHitsOfOtherChains: a crashed process's chain is never opened
   * again), its checkpoint left to its own gateway.
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
    const checkpointMs = options.headCheckpointMs ?? DEFAULT_HEAD_CHECKPOINT_MS;
    const maxAwaiting = options.maxRecordsAwaitingHits ?? DEFAULT_MAX_RECORDS_AWAITING_HITS;
    const previousKeys = options.previousKeys ? publicKeysOf(options.previousKeys) : [];
    const trail = new AuditTrail(connection, models, chainId, key, logger, options.headSink, checkpointMs, maxAwaiting, previousKeys);
    const registration = await registerChain(connection, models, chainId, key);
    if (registration)
      await trail.ship({ kind: 'registry', chainId, seq: registration.seq, hash: registration.hash, at: new Date().toISOString() });
    const repair = await repairHits(models, chainId);
    if (repair.hits > 0)
      logger.warn(
        { chainId, from: repair.from, through: repair.through, hits: repair.hits },
        'wrote the hits a previous run of this audit chain left unwritten',
      );
    for (const other of await repairHitsOfOtherChains(models, chainId))
      if (other.repair.hits > 0)
        logger.warn(
          { chainId: other.chainId, from: other.repair.from, through: other.repair.through, hits: other.repair.hits },
          'wrote the hits of another audit chain above its checkpoint (left unwritten by a gateway that stopped, or being written by one alive)',
        );
    await trail.readHead();
    trail.hits.startAt(trail.head);
    if (repair.records > 0) await trail.checkpointHead();
    return trail;
  }

  /**
   * Appends one operation's entry; resolves once it is durably stored (its hits follow after
   * the answer). Refused while `maxRecordsAwaitingHits` records or more wait for their hits,
   * so a store that takes records but not hits cannot hold the checkpoint back without bound.
   */
  record(entry: AuditEntry): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the audit trail is closed'));
    const awaiting = this.head.seq - this.hits.written.seq;
    if (awaiting >= this.maxRecordsAwaitingHits)
      return Promise.reject(new Error(`the hits of ${awaiting} records are not written yet: no further record until they are`));
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  /**
   * Brings the chain document's head up to the newest record whose hits are written, durably.
   * Verification reports a chain that ends before this head (its newest records deleted), and
   * a hit missing at or below it as deleted, so the head is the database's own witness of the
   * chain's length and of its hits; between checkpoints it lags by at most `headCheckpointMs`
   * behind the hits written (the head sink, when set, witnesses every head). A checkpoint
   * never moves the head back: the update only applies to a lower one, or to a document without one.
   */
  async checkpointHead(): Promise<void> {
    while (this.checkpointing) await this.checkpointing;
    const head = this.hits.written;
    if (head.seq <= this.checkpointed) return;
    this.lastCheckpointAt = Date.now();
    this.checkpointing = this.models.AuditChain.collection
      .updateOne(
        // A chain document from before checkpoints may have no head yet (opened again, never written).
        { _id: this.chainId, $or: [{ head: { $exists: false } }, { 'head.seq': { $lt: head.seq } }] } as never,
        { $set: { head: { seq: head.seq, hash: head.hash } } },
        { writeConcern: DURABLE_WRITE },
      )
      .then(() => {
        this.checkpointed = Math.max(this.checkpointed, head.seq);
      })
      .finally(() => (this.checkpointing = undefined));
    await this.checkpointing;
  }

  /** Resolves once the hits of every record answered so far are written (they follow the answers). */
  whenHitsWritten(): Promise<void> {
    return this.hits.settled();
  }

  /** Refuses further records, waits for the ones in flight and their hits and checkpoints the head: call before closing the connection. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.checkpointTimer);
    this.checkpointTimer = undefined;
    await this.draining;
    await this.hits.close();
    await this.checkpointHead();
  }

  /** Checkpoints the head after hits are written: at once if the last checkpoint is older than headCheckpointMs, else when it will be. */
  private scheduleCheckpoint(): void {
    if (this.checkpointTimer || this.closed) return;
    const delay = Math.max(0, this.lastCheckpointAt + this.headCheckpointMs - Date.now());
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = undefined;
      this.checkpointHead().catch((error: unknown) =>
        this.logger.error({ err: error, chainId: this.chainId }, 'could not checkpoint the audit chain head'),
      );
    }, delay);
    this.checkpointTimer.unref();
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
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        try {
          const hits = await this.write(batch.map((p) => p.entry));
          await this.ship({ kind: 'chain', chainId: this.chainId, seq: this.head.seq, hash: this.head.hash, at: new Date().toISOString() });
          for (const pending of batch) pending.resolve();
          // The checkpoint follows once these hits are written (HitWriter's onWritten).
          this.hits.afterRecords(this.head, hits);
        } catch (error) {
          this.logger.error({ err: error, chainId: this.chainId }, 'audit write failed; the requests in this batch get no data');
          for (const pending of batch) pending.reject(error);
          await this.readHead().catch((readError: unknown) =>
            this.logger.error({ err: readError }, 'could not read the audit chain head back'),
          );
          // Part of the batch may be stored: its records' hits are due all the same.
          this.hits.afterFailedWrite(this.head);
        }
      }
    } finally {
      this.draining = undefined;
    }
  }

  /** Stores the records of these entries in one durable insert; returns their hits, to be written after the answers. */
  private async write(entries: AuditEntry[]): Promise<HitRecord[]> {
    let { seq, hash } = this.head;
    const records: AuditRecord[] = entries.map((entry) => {
      seq += 1;
      const unsealed = { ...entry, _id: `${this.chainId}:${seq}`, chainId: this.chainId, seq, prevHash: hash };
      hash = auditHash(unsealed);
      return { ...unsealed, hash, signature: sign(null, sealedBytes(hash), this.signingKey).toString('base64url') };
    });
    // The driver's own write: the records are built above, typed, and mongoose's per-document
    // casting and validation would cost more than the write on the request path. Ordered: if it
    // fails part way, the records stored are a prefix of the batch and the head is read back.
    await this.models.AuditRecord.collection.insertMany(records as never[], { ordered: true, writeConcern: DURABLE_WRITE });
    this.head = { seq, hash };
    return records.flatMap(hitsOfRecord);
  }
}
