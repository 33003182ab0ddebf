import { compareOverRounds, type RoundRow, times, turnOrder } from './roundComparison';

const row = (round: number, requests: number, more: Partial<RoundRow> = {}): RoundRow => ({
  round,
  requests,
  requestsPerSecond: requests / 10,
  p50: 1,
  p95: 2,
  p99: 3,
  errors: 0,
  non2xx: 0,
  mismatches: 0,
  peakRssMiB: 100,
  cpuMsPerRequest: 1,
  ...more,
});

describe('turnOrder: who goes first in a round', () => {
  it('rotates the gateways by one each round, so each takes each place once in as many rounds as gateways', () => {
    const gateways = ['stock', 'hive', 'ours'];
    const orders = [1, 2, 3, 4].map((round) => turnOrder(gateways, round));
    expect(orders).toEqual([
      ['stock', 'hive', 'ours'],
      ['hive', 'ours', 'stock'],
      ['ours', 'stock', 'hive'],
      ['stock', 'hive', 'ours'],
    ]);
    expect(gateways).toEqual(['stock', 'hive', 'ours']);
  });

  it('swaps two gateways every round', () => {
    expect([1, 2, 3].map((round) => turnOrder(['stock', 'ours'], round).join())).toEqual(['stock,ours', 'ours,stock', 'stock,ours']);
  });
});

describe('compareOverRounds', () => {
  it('pairs the rounds by number, whatever order the loads were listed in, and takes the highest peak RSS of each', () => {
    const ratio = compareOverRounds(
      [row(2, 300, { peakRssMiB: 150 }), row(1, 100, { peakRssMiB: 90 })],
      [row(1, 200, { peakRssMiB: 100 }), row(2, 200, { peakRssMiB: 120 })],
      'a point',
    );
    expect(ratio.requestsByRound).toEqual([0.5, 1.5]);
    expect(ratio.requestsOverAllRounds).toBe(1);
    expect(ratio.peakRss).toBe(1.25);
  });

  it('gives NaN for a CPU figure one side lacks, which prints as n/a', () => {
    const ratio = compareOverRounds([row(1, 100)], [row(1, 100)], 'a point');
    expect(ratio.cpuPerRequest(() => undefined)).toBeNaN();
    expect(times(ratio.cpuPerRequest(() => undefined))).toBe('n/a');
    expect(times(ratio.cpuPerRequest((r) => r.cpuMsPerRequest))).toBe('1.00x');
  });

  it('names the point when the rounds do not match', () => {
    expect(() => compareOverRounds([row(1, 1), row(2, 1)], [row(1, 1), row(3, 1)], 'hive at 50 connection(s)')).toThrow(
      'hive at 50 connection(s) was not measured in the same rounds for both gateways',
    );
  });
});
