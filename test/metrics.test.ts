import { createAuditModels } from '@intel-gateway/shared/audit';
import { type MetricSample, parseExposition, STORY, sumOfSeries } from '@intel-gateway/tools';
import { startTestFederation, type TestFederation } from './harness';

/**
 * `/metrics` serves Prometheus text with the series an operator needs: requests, errors,
 * the latency histogram, per-subgraph fetch latency, the audit write's latency and policy denials by reason. The
 * test causes each of them, then parses the exposition and checks the counts moved.
 */
let federation: TestFederation;

beforeAll(async () => {
  federation = await startTestFederation();
});
afterAll(() => federation.stop());

async function scrape(): Promise<MetricSample[]> {
  const response = await fetch(federation.gatewayUrl.replace(/\/graphql$/, '/metrics'));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return parseExposition(await response.text());
}

it('counts requests, errors, denials, subgraph fetches and audit writes, with latency histograms', async () => {
  const auditRecords = createAuditModels(federation.audit.connection).AuditRecord;
  const chainId = federation.audit.trail.chainId;
  const recordsBefore = await auditRecords.countDocuments({ chainId });
  const before = await scrape();
  // A document check (one interpol fetch), a field denied on the record (a frontline officer of
  // NCB-FR may not read the sharing conditions of NCB-GB's record), a field outside the caller's
  // schema (refused as unknown, no denial), a bad argument, and a request without a token.
  const check = `{ travelDocument(issuingCountry: "GB", documentType: PASSPORT, number: "${STORY.stolenGbPassport.number}") { sltd { status } } }`;
  expect((await federation.query(check)).body.errors).toBeUndefined();
  const frontline = { agency: 'NCB-FR', roles: ['FRONTLINE' as const], purposes: ['BORDER_CONTROL' as const] };
  const denied = await federation.queryAs(
    frontline,
    'BORDER_CONTROL',
    `{ travelDocument(issuingCountry: "GB", documentType: PASSPORT, number: "${STORY.stolenGbPassport.number}") { sltd { status provenance { restrictions { deniedAgencies } } } } }`,
  );
  expect(denied.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_RECORD_OWNER' });
  const unknown = await federation.queryAs(
    frontline,
    'BORDER_CONTROL',
    `{ travelDocument(issuingCountry: "GB", documentType: PASSPORT, number: "${STORY.stolenGbPassport.number}") { sltd { status circumstances } } }`,
  );
  expect(unknown.body.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
  expect((await federation.query('{ vehicle(vin: "TOO-SHORT") { vin } }')).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  const anonymous = await fetch(federation.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  expect(anonymous.status).toBe(401);

  const after = await scrape();
  const recordsWritten = (await auditRecords.countDocuments({ chainId })) - recordsBefore;
  const grew = (name: string, labels: Record<string, string> = {}) => sumOfSeries(after, name, labels) - sumOfSeries(before, name, labels);
  expect(grew('intel_gateway_http_requests_total', { route: '/graphql', status: '200' })).toBeGreaterThanOrEqual(3);
  expect(grew('intel_gateway_http_requests_total', { route: '/graphql', status: '401' })).toBe(1);
  expect(grew('intel_gateway_graphql_errors_total', { code: 'BAD_USER_INPUT' })).toBe(1);
  expect(grew('intel_gateway_graphql_errors_total', { code: 'FORBIDDEN' })).toBe(1);
  expect(grew('intel_gateway_graphql_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
  expect(grew('intel_gateway_denials_total', { reason: 'NOT_RECORD_OWNER' })).toBe(1);
  expect(grew('intel_gateway_denials_total', { reason: 'ROLE_NOT_PERMITTED' })).toBe(0);
  // Histograms: a count, a sum and cumulative buckets up to +Inf.
  expect(grew('intel_gateway_http_request_duration_seconds_count', { route: '/graphql' })).toBeGreaterThanOrEqual(4);
  expect(grew('intel_gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'interpol', outcome: 'ok' })).toBeGreaterThanOrEqual(2);
  // One wait per audit record written (the check and the denial at least), none failed.
  expect(recordsWritten).toBeGreaterThanOrEqual(2);
  expect(grew('intel_gateway_audit_write_duration_seconds_count', { outcome: 'ok' })).toBe(recordsWritten);
  expect(grew('intel_gateway_audit_write_duration_seconds_sum', { outcome: 'ok' })).toBeGreaterThan(0);
  expect(grew('intel_gateway_audit_write_duration_seconds_count', { outcome: 'error' })).toBe(0);
  const buckets = after.filter(
    (s) =>
      s.name === 'intel_gateway_subgraph_fetch_duration_seconds_bucket' && s.labels.subgraph === 'interpol' && s.labels.outcome === 'ok',
  );
  expect(buckets.map((b) => b.labels.le)).toContain('+Inf');
  for (let i = 1; i < buckets.length; i++) expect(buckets[i]!.value).toBeGreaterThanOrEqual(buckets[i - 1]!.value);
  expect(sumOfSeries(after, 'intel_gateway_process_resident_memory_bytes')).toBeGreaterThan(0);
});

it('names no record, agency or user in any label, and keeps unknown paths out of the route label', async () => {
  await fetch(federation.gatewayUrl.replace(/\/graphql$/, '/no-such-path-A-1001'));
  const samples = await scrape();
  const labelValues = samples.flatMap((s) => Object.values(s.labels));
  expect(labelValues.filter((v) => /NCB-|EUROPOL|IPSG|A-1001|533380006|user/.test(v))).toEqual([]);
  expect(new Set(samples.filter((s) => s.name === 'intel_gateway_http_requests_total').map((s) => s.labels.route))).toContain('other');
});

it('answers GET only', async () => {
  const response = await fetch(federation.gatewayUrl.replace(/\/graphql$/, '/metrics'), { method: 'POST' });
  expect(response.status).toBe(405);
});

it('counts a path spelled another way under the route it reaches', async () => {
  const before = await scrape();
  const { hostname, port } = new URL(federation.gatewayUrl);
  // A URL would be tidied by the client itself; a `path` option is sent as written.
  const { request } = await import('node:http');
  for (const path of ['/./healthz', '/x/../healthz', '/%2e/healthz']) {
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: hostname, port, path }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(200);
  }
  const after = await scrape();
  expect(
    sumOfSeries(after, 'intel_gateway_http_requests_total', { route: '/healthz', status: '200' }) -
      sumOfSeries(before, 'intel_gateway_http_requests_total', { route: '/healthz', status: '200' }),
  ).toBe(3);
});
