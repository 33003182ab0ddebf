import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type GatewayServer, loadGatewayConfig } from '@intel-gateway/gateway';
import { loadInterpolConfig } from '@intel-gateway/interpol';
import { type AuditRecord, createAuditModels } from '@intel-gateway/shared/audit';
import { connectDatabase } from '@intel-gateway/shared/database';
import { close, listen } from '@intel-gateway/shared/http';
import { createLogger, createTracing } from '@intel-gateway/shared/observability';
import { getSubgraph } from '@intel-gateway/shared/registry';
import {
  databaseNames,
  ensureDevIdentity,
  gatewayJwksFile,
  gatewaySigningKeyFile,
  mintAgencyToken,
  registryFile,
  seedDatabases,
  startFederation,
  STORY,
  subgraphTokenKeyFile,
  subgraphTokenKeysFile,
} from '@intel-gateway/tools';
import {
  callerHeaders,
  DEFAULT_CALLER,
  postGraphQL,
  startExtraGateway,
  startSubgraphProxy,
  startTestFederation,
  testDatabaseUri,
  type TestFederation,
  uniqueSuffix,
  waitFor,
} from './harness';

/**
 * Observability: every request has an id the gateway makes (a caller's own is only logged
 * beside it) that comes back in `x-request-id`, reaches the subgraphs and is on every log line of the request, one
 * JSON access line per request included, with no token in any of them; and, when turned
 * on, traces whose gateway and subgraph spans form one trace per operation.
 *
 * The log tests run the federation in this process with every service logging into one
 * captured stream; the trace tests run it as processes (as deployed, configured through
 * the environment) against a loopback OTLP/HTTP receiver, and stop them with SIGTERM so
 * the last spans are flushed on shutdown.
 */
jest.setTimeout(180_000);

const CROSS_OWNER = `query NoticeWithRecords($id: ID!) { notice(id: $id) { id type nationalRecords { id } europolEntries { id } } }`;
const VEHICLE_CHECK = `query VehicleCheck { vehicle(vin: "${STORY.stolenVehicle.vin}") { smv { status } } }`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface LogEntry {
  name: string;
  level: number;
  msg: string;
  requestId?: string;
  method?: string;
  path?: string;
  status?: number;
  durationMs?: number;
  agency?: string;
  user?: string;
  [key: string]: unknown;
}

describe('request ids and logs', () => {
  const raw: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((line) => line.length > 0),
      );
      done();
    },
  });
  const entries = () => raw.map((line) => JSON.parse(line) as LogEntry);
  const accessLines = (requestId: string) => entries().filter((e) => e.msg === 'request' && e.requestId === requestId);
  let federation: TestFederation;
  let token: string;
  const asCaller = (extra: Record<string, string> = {}) => ({ ...callerHeaders(token, 'CRIMINAL_INVESTIGATION'), ...extra });

  beforeAll(async () => {
    federation = await startTestFederation({ logger: (service) => createLogger(service, 'info', sink) });
    token = await mintAgencyToken({ identity: federation.identity, ...DEFAULT_CALLER });
  });
  afterAll(() => federation.stop());

  it("makes its own id, logs the caller's beside it at the gateway only, and the gateway and every subgraph the operation reached log their access line under its id", async () => {
    const clientId = 'case-4711.fr:analyst_7';
    const { status, headers, body } = await postGraphQL(
      federation.gatewayUrl,
      CROSS_OWNER,
      { id: STORY.redNotice.id },
      asCaller({ 'x-request-id': clientId }),
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.notice.nationalRecords.length).toBeGreaterThan(0);
    expect(body.data.notice.europolEntries.length).toBeGreaterThan(0);
    const id = headers.get('x-request-id')!;
    expect(id).toMatch(UUID);

    const services = ['gateway', 'interpol', 'national', 'europol'];
    // Log lines are written when a response closes, which may be just after the client has it.
    await waitFor(() => services.every((service) => accessLines(id).some((e) => e.name === service)), 'an access line from each service');
    for (const service of services) {
      const lines = accessLines(id).filter((e) => e.name === service);
      expect(lines.length).toBeGreaterThanOrEqual(1);
      for (const line of lines) {
        expect(line).toMatchObject({ level: 30, method: 'POST', path: '/graphql', status: 200, agency: 'NCB-FR', user: 'ncb-fr-user' });
        expect(typeof line.durationMs).toBe('number');
        expect(line.durationMs).toBeGreaterThanOrEqual(0);
      }
    }
    // Only the gateway's one request and the subgraph calls it made carry the id; the
    // caller's own id is beside it on the gateway's lines and nowhere else.
    expect(accessLines(id).filter((e) => e.name === 'gateway')).toHaveLength(1);
    expect(accessLines(id).find((e) => e.name === 'gateway')).toMatchObject({ clientRequestId: clientId });
    expect(entries().filter((e) => e.name !== 'gateway' && JSON.stringify(e).includes(clientId))).toEqual([]);
    expect(accessLines(id).filter((e) => e.name === 'accountability')).toHaveLength(0);

    // The operation's audit record is the one the caller can cite by the id it was given.
    const records = await createAuditModels(federation.audit.connection).AuditRecord.find({ requestId: id }).lean<AuditRecord[]>();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ agency: 'NCB-FR', user: 'ncb-fr-user', operationName: 'NoticeWithRecords' });
  });

  it("logs the longest well-formed caller id as it is, beside the gateway's", async () => {
    const clientId = `${'A'.repeat(64)}${'9'.repeat(63)}-`;
    expect(clientId).toHaveLength(128);
    const { headers } = await postGraphQL(federation.gatewayUrl, VEHICLE_CHECK, undefined, asCaller({ 'x-request-id': clientId }));
    const id = headers.get('x-request-id')!;
    expect(id).toMatch(UUID);
    await waitFor(() => accessLines(id).some((e) => e.name === 'interpol'), 'the subgraph access line');
    expect(accessLines(id).find((e) => e.name === 'gateway')).toMatchObject({ clientRequestId: clientId });
  });

  it('makes an id when the caller sends none, and the subgraphs log under that one', async () => {
    const { headers, body } = await postGraphQL(federation.gatewayUrl, VEHICLE_CHECK, undefined, asCaller());
    expect(body.data.vehicle.smv.status).toBe('STOLEN');
    const id = headers.get('x-request-id')!;
    expect(id).toMatch(UUID);
    await waitFor(
      () => ['gateway', 'interpol'].every((service) => accessLines(id).some((e) => e.name === service)),
      'gateway and interpol access lines',
    );
  });

  it.each([
    ['empty', ''],
    ['one character too long', 'a'.repeat(129)],
    ['with a space', 'abc def'],
    ['with a quote and angle brackets', '"><script>x'],
    ['with a semicolon', 'id;drop'],
    ['with a slash', 'case/4711'],
    ['with a comma (two ids)', 'first,second'],
    ['non-ASCII', 'caf\u00e9-4711'],
  ])('drops a malformed caller id (%s) and logs nothing of it', async (_label, malformed) => {
    const before = raw.length;
    const { headers, body } = await postGraphQL(federation.gatewayUrl, VEHICLE_CHECK, undefined, asCaller({ 'x-request-id': malformed }));
    expect(body.data.vehicle.smv.status).toBe('STOLEN');
    const id = headers.get('x-request-id')!;
    expect(id).toMatch(UUID);
    expect(id).not.toBe(malformed);
    await waitFor(
      () => ['gateway', 'interpol'].every((service) => accessLines(id).some((e) => e.name === service)),
      'access lines under the replacement id',
    );
    expect(accessLines(id).find((e) => e.name === 'gateway')).not.toHaveProperty('clientRequestId');
    if (malformed.length > 0) expect(raw.slice(before).join('\n')).not.toContain(JSON.stringify(malformed).slice(1, -1));
  });

  it('writes each access line as JSON with the id, names the caller only once authenticated, and logs no token', async () => {
    const refused = await postGraphQL(federation.gatewayUrl, VEHICLE_CHECK, undefined, {
      authorization: `Bearer ${token}x`,
      'x-purpose': 'CRIMINAL_INVESTIGATION',
    });
    expect(refused.status).toBe(401);
    const refusedId = refused.headers.get('x-request-id')!;
    const health = await fetch(federation.gatewayUrl.replace(/\/graphql$/, '/healthz'));
    const healthId = health.headers.get('x-request-id')!;
    const schema = await fetch(federation.gatewayUrl.replace(/\/graphql$/, '/schema.graphql'), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(schema.status).toBe(200);
    const schemaId = schema.headers.get('x-request-id')!;
    for (const id of [refusedId, healthId, schemaId]) expect(id).toMatch(UUID);
    await waitFor(() => [refusedId, healthId, schemaId].every((id) => accessLines(id).length === 1), 'the three access lines');

    const [refusedLine] = accessLines(refusedId);
    expect(refusedLine).toMatchObject({ name: 'gateway', method: 'POST', path: '/graphql', status: 401 });
    expect(refusedLine).not.toHaveProperty('agency');
    expect(refusedLine).not.toHaveProperty('user');
    expect(accessLines(healthId)[0]).toMatchObject({ method: 'GET', path: '/healthz', status: 200 });
    expect(accessLines(healthId)[0]).not.toHaveProperty('agency');
    expect(accessLines(schemaId)[0]).toMatchObject({
      method: 'GET',
      path: '/schema.graphql',
      status: 200,
      agency: 'NCB-FR',
      user: 'ncb-fr-user',
    });

    // Every line every service wrote is one JSON object; none holds a token: not the
    // caller's, not the gateway's subgraph tokens (all JWTs start "eyJ"), no header at all.
    expect(raw.length).toBeGreaterThan(20);
    for (const line of raw) expect(() => JSON.parse(line)).not.toThrow();
    const everything = raw.join('\n');
    expect(everything).not.toContain(token);
    expect(everything).not.toContain('eyJ');
    expect(everything).not.toMatch(/authorization|x-gateway-token|bearer/i);
    // Only the path is logged, never the query string an operation's variables may sit in.
    const queryId = (await fetch(`${federation.gatewayUrl.replace(/\/graphql$/, '/healthz')}?name=Yusuf%20Hadad`)).headers.get(
      'x-request-id',
    )!;
    await waitFor(() => accessLines(queryId).length === 1, 'the access line');
    expect(accessLines(queryId)[0]!.path).toBe('/healthz');
    expect(raw.join('\n')).not.toContain('Yusuf');
  });

  it('logs an error masked from the client under the request id', async () => {
    // INTERPOL, through a proxy, answers every call with an internal error of its own.
    const broken = await startSubgraphProxy(federation.subgraphs.interpol.url, {
      transform: () =>
        JSON.stringify({ data: null, errors: [{ message: 'secret internal detail', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }),
    });
    let gateway: GatewayServer | undefined;
    try {
      let url: string;
      ({ gateway, url } = await startExtraGateway(federation, {
        subgraphUrls: { interpol: broken.url },
        logger: createLogger('gateway-with-broken-interpol', 'info', sink),
      }));
      const { body, headers } = await postGraphQL(url, VEHICLE_CHECK, undefined, asCaller());
      const id = headers.get('x-request-id')!;
      expect(id).toMatch(UUID);
      expect(body.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([['Internal server error', 'INTERNAL_SERVER_ERROR']]);
      const masked = entries().filter((e) => e.name === 'gateway-with-broken-interpol' && e.msg === 'internal error masked from client');
      expect(masked).toHaveLength(1);
      expect(masked[0]).toMatchObject({ level: 50, requestId: id });
      expect(JSON.stringify(masked[0])).toContain('secret internal detail');
    } finally {
      await gateway?.stop();
      await broken.close();
    }
  });
});

describe('tracing settings', () => {
  const gatewayBase = { AUDIT_MONGODB_URI: 'mongodb://127.0.0.1:27017' };

  it('are off by default and name each service after itself', () => {
    expect(loadGatewayConfig(gatewayBase)).toMatchObject({ OTEL_TRACES_EXPORTER: 'none', OTEL_SERVICE_NAME: 'gateway' });
    expect(loadInterpolConfig({ MONGODB_URI: 'mongodb://127.0.0.1:27017' })).toMatchObject({
      OTEL_TRACES_EXPORTER: 'none',
      OTEL_SERVICE_NAME: 'interpol',
    });
    expect(createTracing(loadGatewayConfig(gatewayBase))).toBeUndefined();
  });

  it('take an exporter, an http(s) endpoint and a service name', () => {
    const config = loadGatewayConfig({
      ...gatewayBase,
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://collector.internal:4318/v1/traces',
      OTEL_SERVICE_NAME: 'gateway-eu-1',
    });
    expect(config).toMatchObject({
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://collector.internal:4318/v1/traces',
      OTEL_SERVICE_NAME: 'gateway-eu-1',
    });
  });

  it.each([
    ['an unknown exporter', { OTEL_TRACES_EXPORTER: 'zipkin' }, 'OTEL_TRACES_EXPORTER'],
    ['an endpoint that is not a URL', { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'collector:4318' }, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'],
    [
      'an endpoint that is not http(s)',
      { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'ftp://collector/v1/traces' },
      'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    ],
    ['a service name with a space', { OTEL_SERVICE_NAME: 'gateway eu' }, 'OTEL_SERVICE_NAME'],
  ])('refuse %s, in the gateway and in every subgraph', (_label, setting, name) => {
    expect(() => loadGatewayConfig({ ...gatewayBase, ...setting })).toThrow(name);
    expect(() => loadInterpolConfig({ MONGODB_URI: 'mongodb://127.0.0.1:27017', ...setting })).toThrow(name);
  });
});

/** One span as OTLP JSON carries it. */
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: Record<string, unknown> }[];
  status?: { code?: number };
}
interface ExportedSpan extends OtlpSpan {
  service: string;
  attribute(key: string): string | undefined;
}
const SPAN_KIND_SERVER = 2;
const SPAN_KIND_CLIENT = 3;

/** A loopback OTLP/HTTP receiver: keeps every span posted to it, with its service name. */
async function startOtlpReceiver(): Promise<{ url: string; posts: number; spans: ExportedSpan[]; close(): Promise<void> }> {
  const received = { posts: 0, spans: [] as ExportedSpan[] };
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.posts += 1;
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceSpans: { resource: { attributes: OtlpSpan['attributes'] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
      };
      for (const { resource, scopeSpans } of body.resourceSpans) {
        const service = String(resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue);
        for (const { spans } of scopeSpans) {
          for (const span of spans) {
            received.spans.push({
              ...span,
              service,
              attribute: (key) => {
                const value = span.attributes.find((a) => a.key === key)?.value;
                return value === undefined ? undefined : String(Object.values(value)[0]);
              },
            });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const base = await listen(server, '127.0.0.1', 0);
  return {
    url: `${base}/v1/traces`,
    get posts() {
      return received.posts;
    },
    spans: received.spans,
    close: () => close(server),
  };
}

describe('traces across processes', () => {
  const keysDir = mkdtempSync(join(tmpdir(), 'intel-gateway-traces-'));
  const databaseSuffix = uniqueSuffix();
  const output: string[] = [];

  beforeAll(async () => {
    await ensureDevIdentity(keysDir);
    await seedDatabases({ uri: testDatabaseUri(), size: 50, databaseSuffix });
  });
  afterAll(async () => {
    const cleanup = await connectDatabase(testDatabaseUri(), 'admin');
    for (const name of [...Object.values(databaseNames(databaseSuffix)), getSubgraph('accountability').databaseName + databaseSuffix])
      await cleanup.useDb(name).dropDatabase();
    await cleanup.close();
    rmSync(keysDir, { recursive: true, force: true });
  });

  /** Runs the built services as processes with these settings, sends one cross-owner operation (with the caller's own request id), and stops them (SIGTERM). */
  async function runOnce(environment: Record<string, string>, clientRequestId: string) {
    const federation = await startFederation({
      databaseUri: testDatabaseUri(),
      gatewayHost: '127.0.0.1',
      gatewayPort: 0,
      subgraphPortBase: 0,
      agencyRegistryPath: registryFile(keysDir),
      gatewaySigningKeyPath: gatewaySigningKeyFile(keysDir),
      gatewayJwksPath: gatewayJwksFile(keysDir),
      subgraphTokenKeysPath: subgraphTokenKeysFile(keysDir),
      subgraphTokenKeyPath: (subgraph) => subgraphTokenKeyFile(keysDir, subgraph),
      databaseSuffix,
      logLevel: 'info',
      environment,
      output: (line) => output.push(line),
    });
    try {
      const token = await mintAgencyToken({ identity: await ensureDevIdentity(keysDir), ...DEFAULT_CALLER });
      return await postGraphQL(
        federation.gatewayUrl,
        CROSS_OWNER,
        { id: STORY.redNotice.id },
        { ...callerHeaders(token, 'CRIMINAL_INVESTIGATION'), 'x-request-id': clientRequestId },
      );
    } finally {
      await federation.stop();
    }
  }

  it("records one trace per operation: the gateway's request span, a client span per subgraph call, and each subgraph's span under its call", async () => {
    const receiver = await startOtlpReceiver();
    try {
      const clientId = 'traced-1';
      const { status, body, headers } = await runOnce(
        { OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: receiver.url },
        clientId,
      );
      expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
      const requestId = headers.get('x-request-id')!;
      expect(requestId).toMatch(UUID);
      // The services were stopped: what they had not yet sent was flushed on the way out.
      const spans = receiver.spans;

      const requests = spans.filter((s) => s.service === 'gateway' && s.kind === SPAN_KIND_SERVER);
      expect(requests).toHaveLength(1);
      const request = requests[0]!;
      expect(request.name).toBe('POST /graphql');
      expect(request.parentSpanId ?? '').toBe('');
      expect(
        Object.fromEntries(
          [
            'graphql.operation.name',
            'graphql.operation.type',
            'intel_gateway.agency',
            'http.response.status_code',
            'intel_gateway.request_id',
          ].map((k) => [k, request.attribute(k)]),
        ),
      ).toEqual({
        'graphql.operation.name': 'NoticeWithRecords',
        'graphql.operation.type': 'query',
        'intel_gateway.agency': 'NCB-FR',
        'http.response.status_code': '200',
        'intel_gateway.request_id': requestId,
      });

      const fetches = spans.filter((s) => s.service === 'gateway' && s.kind === SPAN_KIND_CLIENT);
      expect(new Set(fetches.map((f) => f.attribute('intel_gateway.subgraph')))).toEqual(new Set(['interpol', 'national', 'europol']));
      for (const fetch of fetches) expect(fetch).toMatchObject({ traceId: request.traceId, parentSpanId: request.spanId });

      const inTrace = spans.filter((s) => s.service !== 'gateway' && s.traceId === request.traceId);
      expect(inTrace.length).toBe(fetches.length);
      for (const fetch of fetches) {
        const answered = inTrace.filter((s) => s.parentSpanId === fetch.spanId);
        expect(answered).toHaveLength(1);
        expect(answered[0]).toMatchObject({
          service: fetch.attribute('intel_gateway.subgraph'),
          kind: SPAN_KIND_SERVER,
          name: 'POST /graphql',
        });
        expect(answered[0]!.attribute('intel_gateway.request_id')).toBe(requestId);
        expect(answered[0]!.attribute('http.response.status_code')).toBe('200');
      }
      // No user, token or record id in any span.
      const exported = JSON.stringify(spans);
      expect(exported).not.toContain('ncb-fr-user');
      expect(exported).not.toContain(clientId);
      expect(exported).not.toContain('eyJ');
      expect(exported).not.toContain(STORY.redNotice.id);
    } finally {
      await receiver.close();
    }
  });

  it('sends nothing when tracing is off, though an endpoint is set', async () => {
    const receiver = await startOtlpReceiver();
    try {
      const { status, headers } = await runOnce(
        { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url.replace(/\/v1\/traces$/, '') },
        'untraced-1',
      );
      expect(status).toBe(200);
      expect(headers.get('x-request-id')).toMatch(UUID);
      expect(receiver.posts).toBe(0);
      expect(receiver.spans).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});
