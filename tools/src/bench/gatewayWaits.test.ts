import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { meanWaits, measureWaits } from './gatewayWaits';

/** The exposition a gateway serves after `answers` answers, each with `fetchMs` of subgraph fetches and `auditMs` of audit wait. */
const exposition = (answers: number, fetchMs: number, auditMs: number) =>
  [
    '# HELP intel_gateway_http_request_duration_seconds Time from request to the end of the response, by route.',
    `intel_gateway_http_request_duration_seconds_count{route="/graphql"} ${answers}`,
    // Other routes are not answers to operations.
    'intel_gateway_http_request_duration_seconds_count{route="/metrics"} 7',
    // Two subgraphs: their fetch times add up.
    `intel_gateway_subgraph_fetch_duration_seconds_sum{subgraph="interpol",outcome="ok"} ${(answers * fetchMs) / 2000}`,
    `intel_gateway_subgraph_fetch_duration_seconds_sum{subgraph="europol",outcome="ok"} ${(answers * fetchMs) / 2000}`,
    `intel_gateway_audit_write_duration_seconds_sum{outcome="ok"} ${(answers * auditMs) / 1000}`,
    `intel_gateway_audit_write_duration_seconds_count{outcome="ok"} ${answers}`,
    '',
  ].join('\n');

let server: Server;
let body = '';
let url = '';

beforeAll(async () => {
  server = createServer((_, res) => res.end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('measureWaits and meanWaits: where ours’ answers waited, from its own metrics', () => {
  it('counts only what happened during the load (the difference of two readings), summing every subgraph', async () => {
    body = exposition(100, 3, 1);
    const { result, waits } = await measureWaits(url, async () => {
      body = exposition(300, 3, 1.5);
      return 'loaded';
    });
    expect(result).toBe('loaded');
    // 200 answers: 300 × 3 ms − 100 × 3 ms of fetches; 300 × 1.5 ms − 100 × 1 ms of audit waits.
    expect(waits.answers).toBe(200);
    expect(waits.fetchSeconds).toBeCloseTo(0.6);
    expect(waits.auditWrites).toBe(200);
    expect(waits.auditSeconds).toBeCloseTo(0.35);
    expect(meanWaits([waits]).auditWriteMs).toBeCloseTo(1.75);
  });

  it('weighs each span by its answers and audit records, not a mean of the spans', () => {
    const waits = meanWaits([
      { answers: 100, fetchSeconds: 0.1, auditWrites: 100, auditSeconds: 0.1 },
      { answers: 300, fetchSeconds: 0.9, auditWrites: 300, auditSeconds: 0.6 },
    ]);
    // (100 + 900) ms / 400 answers, not the mean of 1 and 3; (100 + 600) ms / 400 records, not the mean of 1 and 2.
    expect(waits.subgraphFetchMs).toBeCloseTo(2.5);
    expect(waits.auditWriteMs).toBeCloseTo(1.75);
  });

  it('gives no audit wait where no record was written (a gateway without the audit)', () => {
    expect(meanWaits([{ answers: 10, fetchSeconds: 0.01, auditWrites: 0, auditSeconds: 0 }]).auditWriteMs).toBeNaN();
  });

  it('fails on a metrics route that does not answer 200', async () => {
    const refusing = createServer((_, res) => {
      res.statusCode = 401;
      res.end();
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    try {
      await expect(readAt(`http://127.0.0.1:${(refusing.address() as AddressInfo).port}/metrics`)).rejects.toThrow(/answered 401/);
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });
});

const readAt = (metricsUrl: string) => measureWaits(metricsUrl, async () => undefined);
