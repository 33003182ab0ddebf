import { createReplayCache } from './createReplayCache';

/** The replay cache of gateway-token ids: bounded, and never forgetting a live id to make room. */
describe('createReplayCache', () => {
  it('knows an id it has spent until that id expires, then lets it go', () => {
    let now = 1_000;
    const cache = createReplayCache({ maxEntries: 10, now: () => now });
    expect(cache.spend('a', 2_000)).toBe('fresh');
    expect(cache.has('a')).toBe(true);
    expect(cache.spend('a', 2_000)).toBe('replayed');
    now = 2_000;
    expect(cache.has('a')).toBe(false);
    expect(cache.spend('b', 3_000)).toBe('fresh');
    expect(cache.size).toBe(1);
  });

  it('when full of live ids, refuses a new one rather than forget any (every spent id stays replayed)', () => {
    const now = 1_000;
    const cache = createReplayCache({ maxEntries: 3, now: () => now });
    for (const id of ['a', 'b', 'c']) expect(cache.spend(id, 60_000)).toBe('fresh');
    expect(cache.spend('d', 60_000)).toBe('full');
    expect(cache.has('d')).toBe(false);
    for (const id of ['a', 'b', 'c']) expect(cache.spend(id, 60_000)).toBe('replayed');
    expect(cache.size).toBe(3);
  });

  it('makes room as ids expire, even when they were not spent in expiry order', () => {
    let now = 1_000;
    const cache = createReplayCache({ maxEntries: 3, now: () => now });
    expect(cache.spend('long', 10_000)).toBe('fresh');
    expect(cache.spend('short-1', 2_000)).toBe('fresh');
    expect(cache.spend('short-2', 2_000)).toBe('fresh');
    now = 3_000;
    // The oldest entry is still live, so only a sweep past it finds the two expired ones.
    expect(cache.spend('next', 10_000)).toBe('fresh');
    expect(cache.spend('long', 10_000)).toBe('replayed');
    expect(cache.size).toBe(2);
  });
});
