/** What spending an id in a replay cache found: a new id (now spent), one already spent, or no room left. */
export type ReplayVerdict = 'fresh' | 'replayed' | 'full';

/** The ids of tokens already used, each until its token expires (see createReplayCache). */
export interface ReplayCache {
  /** Whether `id` was spent and has not expired yet. */
  has(id: string): boolean;
  /**
   * Spends `id` until `expiresAtMs` (the moment the token carrying it is refused anyway).
   * When the cache holds `maxEntries` live ids it answers `full` and spends nothing: it
   * never forgets a live id to make room, since a forgotten id could be replayed.
   */
  spend(id: string, expiresAtMs: number): ReplayVerdict;
  /** Live ids held now. */
  readonly size: number;
}

/** How often, at most, a full cache looks through all its entries for expired ones. */
const FULL_SWEEP_INTERVAL_MS = 250;

/**
 * A bounded set of spent token ids, each kept until its token's expiry (with the clock
 * tolerance the verifier allows). Ids are dropped only once expired: entries are inserted
 * roughly in expiry order, so expired ones are dropped from the front on each call, and a
 * full cache also sweeps all entries (at most every 250 ms). Since every token's lifetime
 * is bounded, `maxEntries` bounds the ids per second the cache can take (`maxEntries /
 * lifetime`); beyond that it refuses rather than forget.
 */
export function createReplayCache(options: { maxEntries: number; now?: () => number }): ReplayCache {
  const now = options.now ?? Date.now;
  const entries = new Map<string, number>();
  let lastSweep = -Infinity;

  const dropExpiredFront = (at: number) => {
    for (const [id, expiresAt] of entries) {
      if (expiresAt > at) break;
      entries.delete(id);
    }
  };
  const sweepAll = (at: number) => {
    if (at - lastSweep < FULL_SWEEP_INTERVAL_MS) return;
    lastSweep = at;
    for (const [id, expiresAt] of entries) if (expiresAt <= at) entries.delete(id);
  };

  return {
    has(id) {
      const expiresAt = entries.get(id);
      return expiresAt !== undefined && expiresAt > now();
    },
    spend(id, expiresAtMs) {
      const at = now();
      dropExpiredFront(at);
      const known = entries.get(id);
      if (known !== undefined && known > at) return 'replayed';
      if (entries.size >= options.maxEntries) sweepAll(at);
      if (entries.size >= options.maxEntries) return 'full';
      entries.delete(id);
      entries.set(id, expiresAtMs);
      return 'fresh';
    },
    get size() {
      return entries.size;
    },
  };
}
