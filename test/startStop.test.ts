import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repositoryRoot, subgraphRegistry } from '@intel-gateway/shared/registry';
import { childEnvironment, ensureDevIdentity, isProcessAlive, mintAgencyToken, runningDatabaseFile, STORY } from '@intel-gateway/tools';
import { callerHeaders, DEFAULT_CALLER, postGraphQL, waitFor } from './harness';

/**
 * `npm start` as a user runs it: it reaches "ready", serves the story queries, and Ctrl-C
 * (SIGINT to the whole process group, as a terminal sends it) stops every service and
 * the database. Started again on the same data directory, it keeps the data.
 */
jest.setTimeout(180_000);

const dataDir = mkdtempSync(join(tmpdir(), 'intel-gateway-start-'));
const keysDir = join(dataDir, 'dev-keys');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Queries as a development NCB-FR analyst, with the keys `npm start` made in keysDir. */
async function query(url: string, operation: string) {
  const token = await mintAgencyToken({ identity: await ensureDevIdentity(keysDir), ...DEFAULT_CALLER });
  return postGraphQL(url, operation, undefined, callerHeaders(token, 'CRIMINAL_INVESTIGATION'));
}

interface Started {
  child: ChildProcess;
  output: () => string;
  gatewayUrl: string;
}

function startFederation(seedSize: number): Promise<Started> {
  const env = childEnvironment({
    DATA_DIR: dataDir,
    DEV_KEYS_DIR: keysDir,
    GATEWAY_PORT: '0',
    SUBGRAPH_PORT_BASE: '0',
    SEED_SIZE: String(seedSize),
    LOG_LEVEL: 'info',
    MONGODB_URI: undefined,
  });
  const child = spawn(process.execPath, [join(repositoryRoot, 'tools', 'start.mjs')], {
    cwd: repositoryRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "ready" within 150 s:\n${text}`)), 150_000);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const ready = /ready: the federation is up\. Gateway: (\S+)/.exec(text);
      if (ready) {
        clearTimeout(timer);
        resolve({ child, output: () => text, gatewayUrl: ready[1]! });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code} before ready:\n${text}`));
    });
  });
}

/** Every process id the run reported: the database's and each service's (from its log lines). */
function reportedPids(output: string): number[] {
  const pids = new Set<number>();
  const database = /\(pid (\d+), data in/.exec(output);
  if (database) pids.add(Number(database[1]));
  const services = [...subgraphRegistry.map((s) => s.name), 'gateway'].join('|');
  for (const match of output.matchAll(new RegExp(`^\\[(${services})\\] \\{.*?"pid":(\\d+)`, 'gm'))) pids.add(Number(match[2]));
  return [...pids];
}

async function ctrlC(started: Started): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => started.child.once('exit', (code) => resolve(code)));
  process.kill(-started.child.pid!, 'SIGINT');
  return exited;
}

const countGbDocuments = async (url: string) => {
  const { body } = await query(url, `{ sltdRecords(issuingCountry: "GB", first: 100) { nodes { id } } }`);
  return body.data.sltdRecords.nodes.length as number;
};

it('starts, serves, stops every process on Ctrl-C, and keeps its data for the next start', async () => {
  const first = await startFederation(150);
  expect(first.output()).toContain('database empty: seeding a first data set');
  expect(first.output()).toContain('npm run -s token -- --agency NCB-FR --role ANALYST --role AP_ANALYST');
  // The analyst workbench is announced at the gateway's root, and answers there.
  const workbench = /Analyst workbench: (http:\/\/127\.0\.0\.1:\d+\/)\n/.exec(first.output());
  expect(workbench?.[1]).toBe(first.gatewayUrl.replace(/graphql$/, ''));
  const page = await fetch(workbench![1]!);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
  const { body } = await query(
    first.gatewayUrl,
    `{ notice(id: "${STORY.redNotice.id}") { type nationalRecords { id } europolEntries { id } } }`,
  );
  expect(body.data.notice).toMatchObject({ type: 'RED', europolEntries: [{ id: STORY.redNotice.europolEntryId }] });
  const documentsBefore = await countGbDocuments(first.gatewayUrl);

  const pids = reportedPids(first.output());
  expect(pids.length).toBe(subgraphRegistry.length + 2); // database, every subgraph, gateway
  expect(pids.every(isProcessAlive)).toBe(true);

  // While it runs, audit:verify finds its database (named in the data directory) and verifies the trail the queries above wrote.
  expect(existsSync(runningDatabaseFile(dataDir))).toBe(true);
  const verifyEnv = childEnvironment({ DATA_DIR: dataDir, DEV_KEYS_DIR: keysDir, MONGODB_URI: undefined });
  const verified = await promisify(execFile)(process.execPath, [join(repositoryRoot, 'tools', 'dist', 'auditVerify.js')], {
    env: verifyEnv,
  });
  expect(verified.stderr).toContain('using the database `npm start` runs at mongodb://127.0.0.1:');
  expect(verified.stdout).toMatch(/chain \S+: [1-9]\d* records/);
  expect(verified.stdout).toContain('audit trail verified');

  expect(await ctrlC(first)).toBe(0);
  expect(first.output()).toContain('stopped.');
  expect(existsSync(runningDatabaseFile(dataDir))).toBe(false);
  expect(pids.filter(isProcessAlive)).toEqual([]);

  // Same data directory, a different seed size: the data already there is kept, not reseeded.
  const second = await startFederation(400);
  expect(second.output()).toContain('database already seeded; keeping its data');
  expect(await countGbDocuments(second.gatewayUrl)).toBe(documentsBefore);
  const secondPids = reportedPids(second.output());
  expect(await ctrlC(second)).toBe(0);
  expect(secondPids.filter(isProcessAlive)).toEqual([]);
});

it('leaves no orphan when the launcher itself is killed outright (SIGKILL)', async () => {
  const started = await startFederation(150);
  const pids = reportedPids(started.output());
  expect(pids.length).toBe(subgraphRegistry.length + 2);
  const exited = new Promise((resolve) => started.child.once('exit', resolve));
  started.child.kill('SIGKILL');
  await exited;
  // The kernel signals each tied child when its parent dies; wait for them to exit.
  await waitFor(() => !pids.some(isProcessAlive), `the tied children (${pids.join(', ')}) to exit`);
  expect(pids.filter(isProcessAlive)).toEqual([]);
});
