import { roundRow } from '../testing/benchRows';
import { compareOverRounds, measureInTurns, times, turnOrder } from './roundComparison';

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

describe('measureInTurns', () => {
  it('gives each gateway an unmeasured load just before each measured turn, in the turn order of every round', async () => {
    const calls: string[] = [];
    const rows = await measureInTurns(['stock', 'ours'], 2, {
      warm: async (gateway, seconds) => void calls.push(`warm ${gateway} ${seconds} s`),
      measure: async (gateway, round) => {
        calls.push(`measure ${gateway} round ${round}`);
        return `${gateway}@${round}`;
      },
    });
    expect(calls).toEqual([
      'warm stock 2 s',
      'measure stock round 1',
      'warm ours 2 s',
      'measure ours round 1',
      'warm ours 2 s',
      'measure ours round 2',
      'warm stock 2 s',
      'measure stock round 2',
    ]);
    expect(rows).toEqual(['stock@1', 'ours@1', 'ours@2', 'stock@2']);
  });
});

describe('compareOverRounds', () => {
  it('pairs the rounds by number on both sides, whatever order they were listed in', () => {
    const ratio = compareOverRounds(
      [roundRow(2, 300, { p95: 6 }), roundRow(1, 100, { p95: 1 })],
      [roundRow(2, 100, { p95: 2 }), roundRow(1, 300, { p95: 4 })],
      'a point',
    );
    expect(ratio.requestsByRound).toEqual([1 / 3, 3]);
    expect(ratio.p95ByRound).toEqual([0.25, 3]);
    // Summed, not a mean of the rounds' ratios (which would be 5/3).
    expect(ratio.requestsOverAllRounds).toBe(1);
  });

  it("compares each side's highest peak RSS, whichever round it came in", () => {
    const ratio = compareOverRounds(
      [roundRow(1, 100, { peakRssMiB: 150 }), roundRow(2, 100, { peakRssMiB: 120 })],
      [roundRow(1, 100, { peakRssMiB: 200 }), roundRow(2, 100, { peakRssMiB: 100 })],
      'a point',
    );
    // Not the last round's 1.2, nor the largest round's ratio 1.2, nor a mean.
    expect(ratio.peakRss).toBe(0.75);
  });

  it('weighs CPU per request by the answers of each round', () => {
    const ratio = compareOverRounds(
      [roundRow(1, 100, { cpuMsPerRequest: 1 }), roundRow(2, 300, { cpuMsPerRequest: 3 })],
      [roundRow(1, 100, { cpuMsPerRequest: 2 }), roundRow(2, 300, { cpuMsPerRequest: 2 })],
      'a point',
    );
    // (1*100 + 3*300) / 400 = 2.5 against 2; a mean of the rounds would give 2 against 2.
    expect(ratio.cpuPerRequest((r) => r.cpuMsPerRequest)).toBe(1.25);
  });

  it('gives NaN for a CPU figure one side lacks, which prints as n/a', () => {
    const ratio = compareOverRounds([roundRow(1, 100)], [roundRow(1, 100)], 'a point');
    expect(ratio.cpuPerRequest(() => undefined)).toBeNaN();
    expect(times(ratio.cpuPerRequest(() => undefined))).toBe('n/a');
    expect(times(ratio.cpuPerRequest((r) => r.cpuMsPerRequest))).toBe('1.00x');
  });

  it('names the point when the rounds do not match, in number or in which rounds', () => {
    expect(() => compareOverRounds([roundRow(1, 1), roundRow(2, 1)], [roundRow(1, 1), roundRow(3, 1)], 'hive at 50 connection(s)')).toThrow(
      'hive at 50 connection(s) was not measured in the same rounds for both gateways',
    );
    expect(() => compareOverRounds([roundRow(1, 1), roundRow(2, 1)], [roundRow(1, 1)], 'a point')).toThrow(/same rounds/);
  });
});
