import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { loadGatewayConfig } from '@intel-gateway/gateway';
import { close, GATEWAY_POOL_KEEP_ALIVE_MS, listen, PUBLIC_LISTENER_LIMITS } from '@intel-gateway/shared/http';
import { mintAgencyToken, STORY } from '@intel-gateway/tools';
import {
  callerHeaders,
  DEFAULT_CALLER,
  postGraphQL,
  startExtraGateway,
  startSubgraphProxy,
  startTestFederation,
  type TestFederation,
} from './harness';

/**
 * Reading before knowing who asks, attacked at the gateway's edge: a caller with no valid
 * token cannot make the gateway read (or wait for) a body; `/readyz`, open to all, cannot
 * be turned into a stream of subgraph calls; `/metrics` answers only the operator when a
 * metrics token is set, or only on an address of its own.
 */
let federation: TestFederation;
beforeAll(async () => {
  federation = await startTestFederation();
});
afterAll(() => federation.stop());

/**
 * Opens a raw connection, sends `head` (a request announcing a 10 MB body) and one byte of
 * body, then nothing more. Resolves with what the gateway sent back within `waitMs`, and
 * whether it closed the connection.
 */
function announceHugeBody(url: string, headers: Record<string, string>, waitMs = 3_000): Promise<{ response: string; closed: boolean }> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let response = '';
    let closed = false;
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ response, closed });
    };
    const timer = setTimeout(finish, waitMs);
    socket.on('data', (chunk) => (response += chunk.toString('latin1')));
    socket.on('end', () => {
      closed = true;
      finish();
    });
    socket.on('error', finish);
    const lines = [
      `POST ${pathname} HTTP/1.1`,
      `Host: ${hostname}:${port}`,
      'Content-Type: application/json',
      'Content-Length: 10000000',
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ];
    socket.write(`${lines.join('\r\n')}\r\n\r\n{`);
  });
}

/** What `promise` gives, or undefined if it has not settled within `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

describe('the token is checked from the headers, before the body is read', () => {
  it('no token: 401 at once, connection closed, the announced 10 MB never awaited', async () => {
    const { response, closed } = await announceHugeBody(federation.gatewayUrl, {});
    expect(response).toMatch(/^HTTP\/1\.1 401 /);
    expect(response).toMatch(/"reason":"TOKEN_MISSING"/);
    expect(closed).toBe(true);
  });

  it('a forged token: 401 at once, connection closed', async () => {
    const { response, closed } = await announceHugeBody(federation.gatewayUrl, {
      Authorization: 'Bearer eyJhbGciOiJFZERTQSJ9.e30.AAAA',
      'x-purpose': 'CRIMINAL_INVESTIGATION',
    });
    expect(response).toMatch(/^HTTP\/1\.1 401 /);
    expect(closed).toBe(true);
  });

  it('the control: a valid token makes the gateway wait for the body it was promised', async () => {
    const token = await mintAgencyToken({ identity: federation.identity, ...DEFAULT_CALLER });
    const { response } = await announceHugeBody(
      federation.gatewayUrl,
      { Authorization: `Bearer ${token}`, 'x-purpose': 'CRIMINAL_INVESTIGATION' },
      1_000,
    );
    expect(response).toBe('');
  });
});

describe('/readyz answers from a cached probe', () => {
  it('makes at most one subgraph round per interval, however many callers ask', async () => {
    const probes: Record<string, number> = {};
    const proxies = await Promise.all(
      Object.values(federation.subgraphs).map(async (subgraph) => {
        probes[subgraph.name] = 0;
        const proxy = await startSubgraphProxy(subgraph.url, { onRequest: () => void (probes[subgraph.name]! += 1) });
        return [subgraph.name, proxy] as const;
      }),
    );
    const { gateway, url } = await startExtraGateway(federation, {
      subgraphUrls: Object.fromEntries(proxies.map(([name, proxy]) => [name, proxy.url])),
      readinessIntervalMs: 60_000,
    });
    const readyz = url.replace(/\/graphql$/, '/readyz');
    try {
      // Fifty at once, then fifty one after another.
      const concurrent = await Promise.all(Array.from({ length: 50 }, () => fetch(readyz).then((r) => r.status)));
      const sequential: number[] = [];
      for (let i = 0; i < 50; i += 1) sequential.push(await fetch(readyz).then((r) => r.status));
      expect(new Set([...concurrent, ...sequential])).toEqual(new Set([200]));
      expect(probes).toEqual(Object.fromEntries(Object.keys(federation.subgraphs).map((name) => [name, 1])));
    } finally {
      await gateway.stop();
      for (const [, proxy] of proxies) await proxy.close();
    }
  });

  it('probes again once the interval has passed', async () => {
    // Long enough that the two asks below fall inside it on a busy machine too.
    const intervalMs = 2_000;
    let probes = 0;
    let probedAt = 0;
    const proxy = await startSubgraphProxy(federation.subgraphs.interpol.url, {
      onRequest: () => {
        probes += 1;
        probedAt = performance.now();
      },
    });
    const { gateway, url } = await startExtraGateway(federation, {
      subgraphUrls: { interpol: proxy.url },
      readinessIntervalMs: intervalMs,
    });
    const readyz = url.replace(/\/graphql$/, '/readyz');
    try {
      expect((await fetch(readyz)).status).toBe(200);
      expect((await fetch(readyz)).status).toBe(200);
      expect(probes).toBe(1);
      // Ask again once the interval has passed since the probe (which the proxy sees just after the gateway starts it).
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, probedAt + intervalMs - performance.now()) + 10));
      expect((await fetch(readyz)).status).toBe(200);
      expect(probes).toBe(2);
    } finally {
      await gateway.stop();
      await proxy.close();
    }
  });
});

/**
 * A subgraph gone bad on a loopback port: it answers every request `200 application/json`
 * and then sends `chunk` every `everyMs` without end. `answers` counts the answers it began,
 * `closed` those whose connection was closed; `stop` ends them all.
 */
async function startEndlessSubgraph(
  chunk: Buffer,
  everyMs: number,
): Promise<{ url: string; answers: () => number; closed: () => number; stop(): Promise<void> }> {
  let answers = 0;
  let closed = 0;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      answers += 1;
      res.once('close', () => (closed += 1));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":{"__typename":"');
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(chunk)), everyMs);
      timers.add(timer);
    });
  });
  server.on('connection', (socket) => sockets.add(socket));
  const url = `${await listen(server, '127.0.0.1', 0)}/graphql`;
  return {
    url,
    answers: () => answers,
    closed: () => closed,
    stop: async () => {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      await close(server);
    },
  };
}

describe('/readyz against a subgraph that answers without end', () => {
  it.each([
    ['streams a megabyte every 20 ms', Buffer.alloc(1024 * 1024, 0x41), 20],
    ['trickles a byte every 100 ms', Buffer.from('A'), 100],
  ])('answers not ready within its bounds, and drops the connection, when a subgraph %s', async (_how, chunk, everyMs) => {
    const bad = await startEndlessSubgraph(chunk, everyMs);
    const { gateway, url } = await startExtraGateway(federation, { subgraphUrls: { interpol: bad.url }, readinessIntervalMs: 60_000 });
    try {
      const readyz = fetch(url.replace(/\/graphql$/, '/readyz')).then(async (response) => ({
        status: response.status,
        report: (await response.json()) as { subgraphs: { name: string; ready: boolean }[] },
      }));
      const answered = await within(readyz, 8_000);
      expect(answered).toBeDefined();
      expect(answered!.status).toBe(503);
      expect(answered!.report.subgraphs.find((s) => s.name === 'interpol')).toEqual({ name: 'interpol', ready: false });
      expect(bad.answers()).toBeGreaterThan(0);
      // The gateway stopped reading: the answer's connection is closed, not drained.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(bad.closed()).toBe(bad.answers());
    } finally {
      await bad.stop();
      await gateway.stop();
    }
  });
});

describe('how long the listeners hold connections', () => {
  it('the public listener holds idle connections and slow requests briefly, and a bounded number of connections', () => {
    expect(federation.gateway.http).toMatchObject({
      keepAliveTimeout: PUBLIC_LISTENER_LIMITS.keepAliveTimeoutMs,
      headersTimeout: PUBLIC_LISTENER_LIMITS.headersTimeoutMs,
      requestTimeout: PUBLIC_LISTENER_LIMITS.requestTimeoutMs,
      maxConnections: PUBLIC_LISTENER_LIMITS.maxConnections,
    });
    expect(PUBLIC_LISTENER_LIMITS.keepAliveTimeoutMs).toBeLessThanOrEqual(5_000);
  });

  it("a subgraph keeps an idle connection open longer than the gateway's pool does", () => {
    for (const subgraph of Object.values(federation.subgraphs))
      expect(subgraph.server.http.keepAliveTimeout).toBeGreaterThan(GATEWAY_POOL_KEEP_ALIVE_MS);
  });

  it('the gateway closes an idle connection once its keep-alive timeout has passed', async () => {
    const { gateway, url } = await startExtraGateway(federation, {
      listenerLimits: { ...PUBLIC_LISTENER_LIMITS, keepAliveTimeoutMs: 300 },
    });
    const { hostname, port } = new URL(url);
    try {
      const socket = connect(Number(port), hostname);
      let response = '';
      socket.on('data', (chunk) => (response += chunk.toString('latin1')));
      const closed = new Promise<boolean>((resolve) => socket.once('close', () => resolve(true)));
      socket.write(`GET /healthz HTTP/1.1\r\nHost: ${hostname}:${port}\r\n\r\n`);
      const closedInTime = await within(closed, 5_000);
      socket.destroy();
      expect(response).toMatch(/^HTTP\/1\.1 200 /);
      expect(closedInTime).toBe(true);
    } finally {
      await gateway.stop();
    }
  });
});

describe('/metrics behind an operator token', () => {
  const METRICS_TOKEN = 'operator-metrics-token-0123456789abcdef';
  let gateway: Awaited<ReturnType<typeof startExtraGateway>>;
  let metricsUrl: string;
  beforeAll(async () => {
    gateway = await startExtraGateway(federation, { metricsToken: METRICS_TOKEN });
    metricsUrl = gateway.url.replace(/\/graphql$/, '/metrics');
  });
  afterAll(() => gateway.gateway.stop());

  it('refuses a scrape without the token, with a wrong one, and with an agency token', async () => {
    const agencyToken = await mintAgencyToken({ identity: federation.identity, ...DEFAULT_CALLER });
    for (const authorization of [
      undefined,
      'Bearer wrong-token-wrong-token-wrong-token',
      `Bearer ${METRICS_TOKEN}x`,
      `Bearer ${agencyToken}`,
      METRICS_TOKEN,
    ]) {
      const response = await fetch(metricsUrl, { headers: authorization ? { authorization } : {} });
      const text = await response.text();
      expect({ authorization, status: response.status }).toEqual({ authorization, status: 401 });
      expect(text).not.toContain('intel_gateway_');
    }
  });

  it('serves the operator who presents the token', async () => {
    const response = await fetch(metricsUrl, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('intel_gateway_http_requests_total');
  });
});

describe('/metrics on an operator-only address of its own', () => {
  it('is served there, and no longer beside /graphql', async () => {
    const { gateway, url } = await startExtraGateway(federation, { metricsOnOwnServer: true });
    try {
      expect(gateway.metricsHttp).toBeDefined();
      const operatorUrl = await listen(gateway.metricsHttp!, '127.0.0.1', 0);
      const scraped = await fetch(`${operatorUrl}/metrics`);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('intel_gateway_http_requests_total');
      const publicScrape = await fetch(url.replace(/\/graphql$/, '/metrics'));
      expect(publicScrape.status).toBe(404);
      expect(await publicScrape.text()).not.toContain('intel_gateway_');
      expect((await fetch(`${operatorUrl}/graphql`)).status).toBe(404);
    } finally {
      await gateway.stop();
    }
  });

  it('reads METRICS_PORT and METRICS_HOST, and refuses a short METRICS_TOKEN at start', () => {
    const env = { AUDIT_MONGODB_URI: 'mongodb://127.0.0.1:27017' };
    expect(loadGatewayConfig({ ...env, METRICS_PORT: '9464', METRICS_HOST: '10.0.0.5' })).toMatchObject({
      METRICS_PORT: 9464,
      METRICS_HOST: '10.0.0.5',
    });
    expect(loadGatewayConfig(env)).toMatchObject({ METRICS_HOST: '127.0.0.1' });
    expect(loadGatewayConfig(env).METRICS_PORT).toBeUndefined();
    expect(() => loadGatewayConfig({ ...env, METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: at least 32 characters/);
  });
});

describe('the query plan never reaches a caller', () => {
  // @apollo/gateway puts the plan (subgraph names, the policy's added fields) in the answer's
  // extensions for anyone who sends this header, unless NODE_ENV is "production".
  it.each(['apollo', 'own'] as const)('with the %s plan executor, whatever headers the caller sends', async (planExecutor) => {
    const { gateway, url } = await startExtraGateway(federation, { planExecutor });
    try {
      const headers = {
        ...callerHeaders(await mintAgencyToken({ identity: federation.identity, ...DEFAULT_CALLER }), 'CRIMINAL_INVESTIGATION'),
        'Apollo-Query-Plan-Experimental': 'true',
      };
      const result = await postGraphQL(
        url,
        `{ notice(id: "${STORY.redNotice.id}") { id subject { name { familyName } } } }`,
        undefined,
        headers,
      );
      expect(result.status).toBe(200);
      expect(result.body.data?.notice?.id).toBe(STORY.redNotice.id);
      expect(JSON.stringify(result.body)).not.toMatch(/queryPlan|_policy_record|Fetch\(service/i);
    } finally {
      await gateway.stop();
    }
  });
});
