import { type AuditModels, type HitRecord, repairHits, writeHits } from '@intel-gateway/shared/audit';
import type { Logger } from '@intel-gateway/shared/observability';

/** The first pause before a failed hit write is tried again; it doubles up to MAX_RETRY_MS. */
const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5_000;

/**
 * How long handed-over hits wait before they are written, so that the hits of the answers
 * given meanwhile go in the same write: at one connection, half the document checks of the
 * domain bench have a hit, and one write per answer costs the database as much as the record itself.
 */
export const HIT_BATCH_MS = 20;

/** A record of the chain, by sequence number and hash. */
export interface ChainPosition {
  seq: number;
  hash: string;
}

const newer = (a: ChainPosition | undefined, b: ChainPosition): ChainPosition => (a && a.seq > b.seq ? a : b);

/**
 * Writes the hits of a chain's records after their answers, off the request path, in order,
 * and knows how far they are written (`written`): the trail checkpoints its head no further.
 * A write waits HIT_BATCH_MS first, and the hits handed over meanwhile, or while a write is
 * in flight, go out together in it. A failed write is tried again, after a pause that
 * grows, from the stored records (repairHits), so nothing waits in memory for a store that
 * is down; writes are idempotent (writeHits). Hits left unwritten when the process stops
 * are above the checkpoint, where the next trail to open (of this chain or another) writes
 * them.
 */
export class HitWriter {
  private writtenThrough: ChainPosition;
  /** The newest record whose hits are written, waiting, or to be derived again. */
  private accounted: number;
  private queue: { through: ChainPosition; hits: HitRecord[] }[] = [];
  /** Hits to derive again from the stored records, from `written` through here (after a failure). */
  private rederive: ChainPosition | undefined;
  private running: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private closed = false;

  constructor(
    private readonly models: Pick<AuditModels, 'AuditRecord' | 'AuditChain' | 'Hit'>,
    private readonly chainId: string,
    private readonly logger: Logger,
    /** Called each time `written` moves on. */
    private readonly onWritten: () => void,
    start: ChainPosition,
  ) {
    this.writtenThrough = start;
    this.accounted = start.seq;
  }

  /** Every hit of the records up to here is written. */
  get written(): ChainPosition {
    return this.writtenThrough;
  }

  /** The chain, as opened, has every hit written up to `position`. */
  startAt(position: ChainPosition): void {
    this.writtenThrough = position;
    this.accounted = position.seq;
  }

  /** The records up to `through` are stored and answered, with these hits: write them next. */
  afterRecords(through: ChainPosition, hits: HitRecord[]): void {
    this.accounted = through.seq;
    if (hits.length === 0 && !this.running && !this.rederive) {
      this.writtenThrough = through;
      this.onWritten();
      return;
    }
    this.queue.push({ through, hits });
    this.start();
  }

  /** A write of records failed; the chain's newest stored record is `stored`, perhaps part of that write: write its hits too. */
  afterFailedWrite(stored: ChainPosition): void {
    if (stored.seq <= this.accounted) return;
    this.accounted = stored.seq;
    this.rederive = newer(this.rederive, stored);
    this.start();
  }

  /** Resolves once every hit handed over so far is written (it waits while the writes fail). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Tries once more at once, and stops: what is still unwritten is left to the next trail opening. */
  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
    await this.settled();
  }

  private start(): void {
    this.running ??= this.run();
  }

  private async run(): Promise<void> {
    // After the answers of the batch that handed these hits over have left, with the hits of the answers that follow.
    if (!this.closed) await this.pause(HIT_BATCH_MS);
    let delay = FIRST_RETRY_MS;
    try {
      while (this.queue.length > 0 || this.rederive) {
        const items = this.queue;
        const rederive = this.rederive;
        this.queue = [];
        this.rederive = undefined;
        const through = newer(rederive, items.at(-1)?.through ?? this.written);
        try {
          if (rederive) await repairHits(this.models, this.chainId, { afterSeq: this.written.seq, throughSeq: through.seq });
          else
            await writeHits(
              this.models.Hit,
              items.flatMap((item) => item.hits),
            );
          this.writtenThrough = through;
          delay = FIRST_RETRY_MS;
          this.onWritten();
        } catch (error) {
          this.logger.error(
            { err: error, chainId: this.chainId, from: this.written.seq + 1, through: through.seq },
            this.closed
              ? 'could not write the hits of audit records; they are written when a trail is opened again'
              : 'could not write the hits of audit records; trying again',
          );
          // Derived again from the stored records: nothing is kept in memory for a store that is down.
          this.rederive = newer(this.rederive, through);
          if (this.closed) break;
          await this.pause(delay);
          delay = Math.min(delay * 2, MAX_RETRY_MS);
        }
      }
    } finally {
      this.running = undefined;
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => (this.wake = undefined));
  }
}
