/**
 * A small, fast, deterministic random source (mulberry32) for the property tests, so a
 * failing run replays from its seed.
 */
export function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const some = <T>(items: readonly T[], max: number): T[] => [
    ...new Set(Array.from({ length: Math.floor(next() * (max + 1)) }, () => pick(items))),
  ];
  return { chance: (p: number) => next() < p, pick, some, int: (n: number) => Math.floor(next() * n) };
}
