import type { LoadResult } from './loadResult';

/** One load of one gateway in one round of a point (a workload at a number of connections). */
export interface RoundRow extends LoadResult {
  /** Which of the point's rounds (from 1); the gateways take turns within each. */
  round: number;
  peakRssMiB: number;
  /** The gateway process's CPU time per answered request (ms). */
  cpuMsPerRequest: number;
}

/** One gateway against the baseline at one point, measured in the same rounds (subject / baseline throughout). */
export interface RoundComparison<Row extends RoundRow> {
  /** Requests answered over all rounds (the rounds are of the same length, so this is the ratio of the mean rates). */
  requestsOverAllRounds: number;
  /** Requests per second, round by round. */
  requestsByRound: number[];
  /** p95 latency, round by round. */
  p95ByRound: number[];
  /** CPU ms per request over all rounds, subject over baseline: each side's CPU time in all rounds over its answers in all rounds, for what `of` reads; NaN where it is missing. */
  cpuPerRequest(of: (row: Row) => number | undefined): number;
  /** The subject's highest peak RSS in any round, over the baseline's. */
  peakRss: number;
}

/**
 * Compares a gateway's loads at one point with the baseline's, round by round and over all
 * rounds. Both must have been measured in the same rounds; `point` names the point in the
 * error otherwise.
 */
export function compareOverRounds<Row extends RoundRow>(
  subject: readonly Row[],
  baseline: readonly Row[],
  point: string,
): RoundComparison<Row> {
  const [ours, base] = [subject, baseline].map((rows) => [...rows].sort((a, b) => a.round - b.round)) as [Row[], Row[]];
  if (ours.length !== base.length || ours.some((row, i) => row.round !== base[i]!.round))
    throw new Error(`${point} was not measured in the same rounds for both gateways`);
  const sum = (rows: readonly Row[], value: (row: Row) => number) => rows.reduce((total, row) => total + value(row), 0);
  const cpuPerRequest = (rows: readonly Row[], of: (row: Row) => number | undefined) =>
    sum(rows, (row) => (of(row) ?? NaN) * row.requests) / sum(rows, (row) => row.requests);
  return {
    requestsOverAllRounds: sum(ours, (row) => row.requests) / sum(base, (row) => row.requests),
    requestsByRound: ours.map((row, i) => row.requestsPerSecond / base[i]!.requestsPerSecond),
    p95ByRound: ours.map((row, i) => row.p95 / base[i]!.p95),
    cpuPerRequest: (of) => cpuPerRequest(ours, of) / cpuPerRequest(base, of),
    peakRss: Math.max(...ours.map((row) => row.peakRssMiB)) / Math.max(...base.map((row) => row.peakRssMiB)),
  };
}

/** A ratio as the bench prints it: `1.23x`, or `n/a` where it could not be measured. */
export const times = (ratio: number) => (Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : 'n/a');

/** The throughput and latency part of a comparison's printed line: over all rounds, then round by round. */
export function describeThroughputAndLatency(
  comparison: Pick<RoundComparison<RoundRow>, 'requestsOverAllRounds' | 'requestsByRound' | 'p95ByRound'>,
): string {
  return `requests/s ${times(comparison.requestsOverAllRounds)} over all rounds (${comparison.requestsByRound.map(times).join(', ')} by round), p95 ${comparison.p95ByRound.map(times).join(', ')} by round`;
}

/**
 * The order the gateways take their turns in, in a round (from 1): rotated by one each
 * round, so none is always first. A steady drift in the machine's speed falls on all alike
 * only over as many rounds as gateways (for two, any even number); over fewer, about alike.
 */
export function turnOrder<Gateway>(gateways: readonly Gateway[], round: number): Gateway[] {
  const shift = (round - 1) % gateways.length;
  return [...gateways.slice(shift), ...gateways.slice(0, shift)];
}

/**
 * Seconds of unmeasured load each gateway gets at the point's connection count just before
 * its measured turn: between turns it idles while the others are measured, and a gateway
 * that had idled was seen to be slower for a while (docs/benchmark.md); the turn measures it
 * warm, as a gateway under steady traffic is.
 */
const TURN_WARMUP_SECONDS = 2;

/**
 * Measures one point in `rounds` rounds, the gateways taking turns (turnOrder), each
 * measured turn right after an unmeasured load of TURN_WARMUP_SECONDS; gives the measured
 * loads in the order they were made.
 */
export async function measureInTurns<Gateway, Row>(
  gateways: readonly Gateway[],
  rounds: number,
  turn: {
    /** An unmeasured load of `seconds` at the point. */
    warm: (gateway: Gateway, seconds: number) => Promise<unknown>;
    /** The measured load of the gateway's turn in `round`. */
    measure: (gateway: Gateway, round: number) => Promise<Row>;
  },
): Promise<Row[]> {
  const rows: Row[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const gateway of turnOrder(gateways, round)) {
      await turn.warm(gateway, TURN_WARMUP_SECONDS);
      rows.push(await turn.measure(gateway, round));
    }
  }
  return rows;
}
