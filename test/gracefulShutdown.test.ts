import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GATEWAY_NODE_FLAGS } from '@intel-gateway/gateway';
import { createAuditModels, repositoryRoot, subgraphRegistry } from '@intel-gateway/shared';
import { mintAgencyToken, startService, STORY } from '@intel-gateway/tools';
import { callerHeaders, DEFAULT_CALLER, postGraphQL, startSubgraphProxy, startTestFederation, testDatabaseUri, type TestFederation } from './harness';

/**
 * The gateway process, as deployed (`gateway/dist/index.js`), stops gracefully: on SIGTERM
 * it stops taking connections, lets a request already in flight finish with its answer
 * (and its audit record), and only then exits, with code 0. INTERPOL answers through a
 * proxy that holds every answer for a while, so the request is in flight when the signal
 * arrives.
 */
jest.setTimeout(60_000);

const SLOW_MS = 1_500;
let federation: TestFederation;
let slowInterpol: Awaited<ReturnType<typeof startSubgraphProxy>>;
const work = mkdtempSync(join(tmpdir(), 'intel-gateway-shutdown-'));

beforeAll(async () => {
  federation = await startTestFederation();
  slowInterpol = await startSubgraphProxy(federation.subgraphs.interpol.url, { delayMs: SLOW_MS });
});
afterAll(async () => {
  await slowInterpol.close();
  await federation.stop();
  rmSync(work, { recursive: true, force: true });
});

/** Starts the gateway process against the test federation's subgraphs and store; resolves with its URL. */
async function startGatewayProcess(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  writeFileSync(join(work, 'registry.json'), JSON.stringify(federation.identity.registry));
  writeFileSync(join(work, 'signing-key.json'), JSON.stringify(federation.identity.gateway.privateKey));
  const subgraphUrls = Object.fromEntries(subgraphRegistry.map((s) => [s.urlSetting, s.name === 'interpol' ? slowInterpol.url : federation.subgraphs[s.name as keyof TestFederation['subgraphs']]!.url]));
  const lines: string[] = [];
  const { child, url } = startService(
    'gateway',
    { script: join(repositoryRoot, 'gateway', 'dist', 'index.js'), nodeFlags: GATEWAY_NODE_FLAGS },
    {
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      AGENCY_REGISTRY_PATH: join(work, 'registry.json'),
      GATEWAY_SIGNING_KEY_PATH: join(work, 'signing-key.json'),
      AUDIT_MONGODB_URI: testDatabaseUri(),
      AUDIT_DATABASE_NAME: federation.audit.databaseName,
      ...subgraphUrls,
    },
    (line) => lines.push(line),
  );
  return { child, url: await url, output: () => lines.join('\n') };
}

it('finishes a slow request in flight before it exits, and then takes no more', async () => {
  const gateway = await startGatewayProcess();
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => gateway.child.once('exit', (code) => resolve({ code, at: Date.now() })));
  const headers = callerHeaders(await mintAgencyToken({ identity: federation.identity, ...DEFAULT_CALLER }), 'CRIMINAL_INVESTIGATION');
  const check = `{ travelDocument(issuingCountry: "GB", documentType: PASSPORT, number: "${STORY.stolenGbPassport.number}") { sltd { id status } } }`;

  const started = Date.now();
  const inFlight = postGraphQL<any>(gateway.url, check, undefined, headers).then((result) => ({ result, at: Date.now() }));
  // Signal once the request has surely reached the slow subgraph.
  await new Promise((resolve) => setTimeout(resolve, SLOW_MS / 3));
  gateway.child.kill('SIGTERM');

  const { result, at: answeredAt } = await inFlight;
  expect(result.status).toBe(200);
  expect(result.body.errors).toBeUndefined();
  expect(result.body.data.travelDocument.sltd).toMatchObject({ status: 'STOLEN' });
  expect(answeredAt - started).toBeGreaterThanOrEqual(SLOW_MS);
  // Its audit record was written before the answer left.
  const requestId = result.headers.get('x-request-id');
  expect(await createAuditModels(federation.audit.connection).AuditRecord.countDocuments({ requestId })).toBe(1);

  let timer: NodeJS.Timeout | undefined;
  const tooLate = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`gateway did not exit within 20 s:\n${gateway.output()}`)), 20_000)));
  const { code, at: exitedAt } = await Promise.race([exited, tooLate]).finally(() => clearTimeout(timer));
  expect(code).toBe(0);
  expect(exitedAt).toBeGreaterThanOrEqual(answeredAt);
  expect(gateway.output()).toContain('shutting down');
  // Gone: a new connection is refused.
  await expect(postGraphQL(gateway.url, check, undefined, headers)).rejects.toThrow();
});
