import { createGroupLoader, createKeyLoader } from './loaders';

describe('createKeyLoader', () => {
  it('fetches a whole batch at once and answers each key in order, null when missing', async () => {
    const fetchMany = jest.fn(async (keys: readonly string[]) =>
      keys
        .filter((k) => k !== 'missing')
        .reverse()
        .map((id) => ({ id })),
    );
    const loader = createKeyLoader(fetchMany, (r) => r.id);
    const results = await Promise.all(['b', 'missing', 'a', 'b'].map((k) => loader.load(k)));
    expect(results).toEqual([{ id: 'b' }, null, { id: 'a' }, { id: 'b' }]);
    expect(fetchMany).toHaveBeenCalledTimes(1);
    expect(fetchMany.mock.calls[0]![0]).toEqual(['b', 'missing', 'a']);
  });

  it('matches compound keys by their cache key', async () => {
    type Key = { country: string; number: string };
    const loader = createKeyLoader(
      async (_keys: readonly Key[]) => [
        { country: 'GB', number: '1', status: 'STOLEN' },
        { country: 'FR', number: '1', status: 'LOST' },
      ],
      (r): Key => ({ country: r.country, number: r.number }),
      (k) => `${k.country}|${k.number}`,
    );
    const [gb, fr, de] = await Promise.all(
      [
        { country: 'GB', number: '1' },
        { country: 'FR', number: '1' },
        { country: 'DE', number: '1' },
      ].map((k) => loader.load(k)),
    );
    expect([gb?.status, fr?.status, de]).toEqual(['STOLEN', 'LOST', null]);
  });
});

describe('createGroupLoader', () => {
  it('groups children under every parent they belong to, with empty lists for none', async () => {
    const fetchMany = jest.fn(async (_keys: readonly string[]) => [
      { id: 'c1', parents: ['p1', 'p2'] },
      { id: 'c2', parents: ['p2'] },
    ]);
    const loader = createGroupLoader(fetchMany, (r) => r.parents);
    const [p1, p2, p3] = await Promise.all(['p1', 'p2', 'p3'].map((k) => loader.load(k)));
    expect(p1!.map((c) => c.id)).toEqual(['c1']);
    expect(p2!.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(p3).toEqual([]);
    expect(fetchMany).toHaveBeenCalledTimes(1);
  });
});
