import { roundRow } from '../testing/benchRows';
import { domainRatios, type DomainRow } from './domainTables';

const row = (gateway: DomainRow['gateway'], round: number, requests: number, more: Partial<DomainRow> = {}): DomainRow => ({
  ...roundRow(round, requests),
  gateway,
  workload: 'document checks',
  connections: 1,
  othersCpuMsPerRequest: { subgraphs: 1, database: 1 },
  ...more,
});

describe('domainRatios: ours against stock over rounds the gateways took turns in', () => {
  it("sums the requests of every round (not a mean of the rounds' ratios), and gives each round its own ratio in round order", () => {
    const [ratio] = domainRatios([row('ours', 2, 1500, { p95: 4 }), row('stock', 1, 1000), row('ours', 1, 500), row('stock', 2, 500)]);
    // (500 + 1500) / (1000 + 500); the mean of the rounds' ratios (0.5 and 3) would be 1.75.
    expect(ratio!.requestsOverAllRounds).toBeCloseTo(4 / 3);
    expect(ratio).toMatchObject({ workload: 'document checks', connections: 1, requestsByRound: [0.5, 3], p95ByRound: [1, 2] });
  });

  it('weighs CPU per request by the answers of each round, per process group', () => {
    const [ratio] = domainRatios([
      row('stock', 1, 100, { cpuMsPerRequest: 2, othersCpuMsPerRequest: { subgraphs: 1, database: 1 } }),
      row('ours', 1, 100, { cpuMsPerRequest: 1, othersCpuMsPerRequest: { subgraphs: 1, database: 3 } }),
      row('stock', 2, 300, { cpuMsPerRequest: 2, othersCpuMsPerRequest: { subgraphs: 1, database: 1 } }),
      row('ours', 2, 300, { cpuMsPerRequest: 3, othersCpuMsPerRequest: { subgraphs: 2, database: 1 } }),
    ]);
    // ours: (1*100 + 3*300) / 400 = 2.5 against 2; subgraphs (100 + 600) / 400 = 1.75; database (300 + 300) / 400 = 1.5.
    expect(ratio!.cpu).toEqual({ gateway: 1.25, subgraphs: 1.75, database: 1.5 });
  });

  it('gives no database ratio when the database was not measured (an external one)', () => {
    const [ratio] = domainRatios([
      row('stock', 1, 100, { othersCpuMsPerRequest: { subgraphs: 1 } }),
      row('ours', 1, 100, { othersCpuMsPerRequest: { subgraphs: 1 } }),
    ]);
    expect(ratio!.cpu.database).toBeNaN();
    expect(ratio!.cpu.subgraphs).toBe(1);
  });

  it('keeps the points apart and in the order they were first measured', () => {
    const mixed = (gateway: DomainRow['gateway'], connections: number, requests: number) =>
      row(gateway, 1, requests, { workload: 'mixed', connections });
    const ratios = domainRatios([mixed('stock', 50, 100), mixed('ours', 50, 200), mixed('stock', 1, 100), mixed('ours', 1, 50)]);
    expect(ratios.map(({ connections, requestsOverAllRounds }) => [connections, requestsOverAllRounds])).toEqual([
      [50, 2],
      [1, 0.5],
    ]);
  });

  it('refuses a point whose rounds were not measured for both gateways', () => {
    expect(() => domainRatios([row('stock', 1, 100), row('ours', 1, 100), row('ours', 2, 100)])).toThrow(/same rounds/);
    expect(() => domainRatios([row('stock', 1, 100), row('stock', 3, 100), row('ours', 1, 100), row('ours', 2, 100)])).toThrow(
      /same rounds/,
    );
  });
});
