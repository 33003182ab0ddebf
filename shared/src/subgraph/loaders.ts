import DataLoader from 'dataloader';

/**
 * A DataLoader that fetches many records by key in one database query and hands each
 * caller its own record (or null) in key order. Every `__resolveReference` goes through
 * one of these, so N entities cost one `$in` query, not N.
 */
export function createKeyLoader<K, V>(
  fetchMany: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (record: V) => K,
  cacheKeyOf: (key: K) => string = String,
): DataLoader<K, V | null, string> {
  return new DataLoader<K, V | null, string>(
    async (keys) => {
      const byKey = new Map<string, V>();
      for (const record of await fetchMany(keys)) byKey.set(cacheKeyOf(keyOf(record)), record);
      return keys.map((key) => byKey.get(cacheKeyOf(key)) ?? null);
    },
    { cacheKeyFn: cacheKeyOf },
  );
}

/**
 * A DataLoader for child lists: one query for the children of all parents in the batch,
 * grouped back by parent key. A record may belong to several parents (a case file that
 * mentions several documents), so `parentKeysOf` returns a list.
 */
export function createGroupLoader<K, V>(
  fetchMany: (keys: readonly K[]) => Promise<V[]>,
  parentKeysOf: (record: V) => readonly K[],
  cacheKeyOf: (key: K) => string = String,
): DataLoader<K, V[], string> {
  return new DataLoader<K, V[], string>(
    async (keys) => {
      const groups = new Map<string, V[]>(keys.map((k) => [cacheKeyOf(k), []]));
      for (const record of await fetchMany(keys)) {
        for (const parentKey of parentKeysOf(record)) groups.get(cacheKeyOf(parentKey))?.push(record);
      }
      return keys.map((key) => groups.get(cacheKeyOf(key)) ?? []);
    },
    { cacheKeyFn: cacheKeyOf },
  );
}
