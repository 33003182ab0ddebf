import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GATEWAY_NODE_FLAGS } from '@intel-gateway/gateway';
import { createAuditModels } from '@intel-gateway/shared/audit';
import { repositoryRoot, subgraphRegistry } from '@intel-gateway/shared/registry';
import { mintAgencyToken, startService, STORY } from '@intel-gateway/tools';
import {
  callerHeaders,
  DEFAULT_CALLER,
  postGraphQL,
  startSubgraphProxy,
  startTestFederation,
  testDatabaseUri,
  type TestFederation,
  waitFor,
} from './harness';

/**
 * Every service process, as deployed (`gateway/dist/main.js`, `subgraphs/<name>/dist/main.js`),
 * stops gracefully whatever its NODE_ENV (production, unset, test: Apollo Server would
 * otherwise install signal handlers of its own outside `test`): on SIGTERM it stops taking
 * connections, lets a request already in flight finish with its answer (and, at the gateway,
 * its audit record), and only then exits, with code 0, within 30 s. At the gateway, INTERPOL
 * answers through a proxy that holds every answer for a while; at a subgraph, the request's
 * body is still arriving when the signal does.
 */
jest.setTimeout(120_000);

const SLOW_MS = 1_500;
const EXIT_WITHIN_MS = 30_000;
/** Each NODE_ENV a deployment may run with; `undefined` removes jest's own `test` from the child's environment. */
const NODE_ENVS: [string, string | undefined][] = [
  ['production', 'production'],
  ['unset', undefined],
  ['test', 'test'],
];

let federation: TestFederation;
let slowInterpol: Awaited<ReturnType<typeof startSubgraphProxy>>;
/** Requests for SLTD records that reached the slow interpol subgraph. */
let slowSltdRequests = 0;
const work = mkdtempSync(join(tmpdir(), 'intel-gateway-shutdown-'));

beforeAll(async () => {
  federation = await startTestFederation();
  slowInterpol = await startSubgraphProxy(federation.subgraphs.interpol.url, {
    delayMs: SLOW_MS,
    onRequest: (body) => {
      if (body.includes('sltd')) slowSltdRequests += 1;
    },
  });
  writeFileSync(join(work, 'registry.json'), JSON.stringify(federation.identity.registry));
  writeFileSync(join(work, 'signing-key.json'), JSON.stringify(federation.identity.gateway.privateKey));
  writeFileSync(join(work, 'gateway-jwks.json'), JSON.stringify(federation.identity.gateway.jwks));
  writeFileSync(join(work, 'subgraph-token-keys.json'), JSON.stringify(federation.identity.subgraphTokenKeys), { mode: 0o600 });
  for (const [name, keys] of Object.entries(federation.identity.subgraphTokenKeys))
    writeFileSync(join(work, `${name}.key`), `${keys.join('\n')}\n`, { mode: 0o600 });
});
/** Every process a test starts; one a failed test leaves running is killed after it. */
const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
afterAll(async () => {
  await slowInterpol.close();
  await federation.stop();
  rmSync(work, { recursive: true, force: true });
});

interface ServiceProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** Resolves when the process exits, with its code and signal, or rejects if it has not exited within 30 s of this call. */
  exitedWithin30s: () => Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** Starts a built service with `env` and the given NODE_ENV; resolves once it listens. */
async function startServiceProcess(
  name: string,
  script: string,
  nodeFlags: readonly string[],
  nodeEnv: string | undefined,
  env: Record<string, string>,
): Promise<ServiceProcess> {
  const lines: string[] = [];
  const { child, url } = startService(name, { script, nodeFlags }, { ...env, NODE_ENV: nodeEnv }, (line) => lines.push(line));
  started.push(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const output = () => lines.join('\n');
  const exitedWithin30s = async () => {
    let timer: NodeJS.Timeout | undefined;
    const tooLate = new Promise<never>(
      (_, reject) =>
        (timer = setTimeout(
          () => reject(new Error(`${name} did not exit within ${EXIT_WITHIN_MS / 1000} s:\n${output()}`)),
          EXIT_WITHIN_MS,
        )),
    );
    return Promise.race([exited, tooLate]).finally(() => clearTimeout(timer));
  };
  try {
    return { child, url: await url, output, exitedWithin30s };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

/** Waits until the service has logged that it is shutting down. */
async function untilShuttingDown(service: ServiceProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!service.output().includes('shutting down')) {
    if (Date.now() > deadline) throw new Error(`no "shutting down" line:\n${service.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * POSTs `body` as JSON in two parts: the headers and the first half, then `between()`, then
 * the rest. The headers ask for 100 Continue, and the first half goes once it comes: then the
 * server has the request in hand (a state, where a pause would only make it likely). Resolves
 * with the answer's status and parsed body.
 */
function postInTwoParts(
  url: string,
  body: string,
  headers: Record<string, string>,
  between: () => Promise<void>,
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          expect: '100-continue',
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
          } catch {
            resolve({ status: res.statusCode ?? 0, body: text });
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    const half = Math.floor(body.length / 2);
    req.flushHeaders();
    req.once('continue', () => {
      req.write(body.slice(0, half));
      between().then(
        () => req.end(body.slice(half)),
        (error: unknown) => {
          req.destroy();
          reject(error);
        },
      );
    });
  });
}

describe.each(NODE_ENVS)('with NODE_ENV %s', (_label, nodeEnv) => {
  const startGateway = () => {
    const subgraphUrls = Object.fromEntries(
      subgraphRegistry.map((s) => [s.urlSetting, s.name === 'interpol' ? slowInterpol.url : federation.subgraphs[s.name]!.url]),
    );
    return startServiceProcess('gateway', join(repositoryRoot, 'gateway', 'dist', 'main.js'), GATEWAY_NODE_FLAGS, nodeEnv, {
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      AGENCY_REGISTRY_PATH: join(work, 'registry.json'),
      GATEWAY_SIGNING_KEY_PATH: join(work, 'signing-key.json'),
      SUBGRAPH_TOKEN_KEYS_PATH: join(work, 'subgraph-token-keys.json'),
      AUDIT_MONGODB_URI: testDatabaseUri(),
      AUDIT_DATABASE_NAME: federation.audit.databaseName,
      ...subgraphUrls,
    });
  };

  it('the gateway, idle, exits 0 on SIGTERM', async () => {
    const gateway = await startGateway();
    gateway.child.kill('SIGTERM');
    const { code, signal } = await gateway.exitedWithin30s();
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(gateway.output()).toContain('shutting down');
  });

  it('the gateway finishes a slow request in flight before it exits 0, and then takes no more', async () => {
    const gateway = await startGateway();
    const headers = callerHeaders(await mintAgencyToken({ identity: federation.identity, ...DEFAULT_CALLER }), 'CRIMINAL_INVESTIGATION');
    const check = `{ travelDocument(issuingCountry: "GB", documentType: PASSPORT, number: "${STORY.stolenGbPassport.number}") { sltd { id status } } }`;

    const started = Date.now();
    const arrivedBefore = slowSltdRequests;
    const inFlight = postGraphQL<any>(gateway.url, check, undefined, headers).then((result) => ({ result, at: Date.now() }));
    // Signal once the request has reached the slow subgraph (the gateway is then in the middle of it).
    await waitFor(() => slowSltdRequests > arrivedBefore, 'the request to reach the slow interpol subgraph');
    gateway.child.kill('SIGTERM');
    const exited = gateway.exitedWithin30s();

    const { result, at: answeredAt } = await inFlight;
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data.travelDocument.sltd).toMatchObject({ status: 'STOLEN' });
    expect(answeredAt - started).toBeGreaterThanOrEqual(SLOW_MS);
    // Its audit record was written before the answer left.
    const requestId = result.headers.get('x-request-id');
    expect(await createAuditModels(federation.audit.connection).AuditRecord.countDocuments({ requestId })).toBe(1);

    const { code, signal, at: exitedAt } = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(exitedAt).toBeGreaterThanOrEqual(answeredAt);
    expect(gateway.output()).toContain('shutting down');
    // Gone: a new connection is refused.
    await expect(postGraphQL(gateway.url, check, undefined, headers)).rejects.toThrow();
  });

  it.each(subgraphRegistry.map((s) => s.name))('the %s subgraph finishes a request in flight before it exits 0', async (name) => {
    const subgraph = federation.subgraphs[name]!;
    const service = await startServiceProcess(name, join(repositoryRoot, 'subgraphs', name, 'dist', 'main.js'), [], nodeEnv, {
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      MONGODB_URI: testDatabaseUri(),
      DATABASE_NAME: subgraphRegistry.find((s) => s.name === name)!.databaseName + federation.databaseSuffix,
      GATEWAY_TOKEN_KEY_PATH: join(work, `${name}.key`),
      GATEWAY_JWKS_PATH: join(work, 'gateway-jwks.json'),
    });
    const body = JSON.stringify({ query: '{ __typename }' });
    const answer = await postInTwoParts(service.url, body, await subgraph.gatewayHeaders('{ __typename }'), async () => {
      // The subgraph has the request (it answered 100 Continue) and half its body when the signal comes.
      service.child.kill('SIGTERM');
      await untilShuttingDown(service);
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    // Its body may also hold the record types of the grants held for the caller (a subgraph that serves on grants).
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ data: { __typename: 'Query' } });
    expect(answer.body).not.toHaveProperty('errors');
    const { code, signal } = await service.exitedWithin30s();
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    await expect(postGraphQL(service.url, '{ __typename }', undefined, await subgraph.gatewayHeaders('{ __typename }'))).rejects.toThrow();
  });
});

it('a service whose stop hangs exits 1 at its deadline, with a message, instead of waiting for SIGKILL', async () => {
  const script = `const { onShutdownSignal } = require(${JSON.stringify(join(repositoryRoot, 'shared', 'dist', 'process', 'onShutdownSignal.js'))});
onShutdownSignal(() => new Promise(() => {}), 300);
setInterval(() => {}, 1000);
console.log('ready');`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const signalled = Date.now();
  child.kill('SIGTERM');
  expect(await exited).toEqual({ code: 1, signal: null });
  expect(Date.now() - signalled).toBeGreaterThanOrEqual(300);
  expect(stderr).toContain('shutdown did not finish within 0.3 s');
});
