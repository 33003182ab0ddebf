import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Connection } from 'mongoose';
import pino from 'pino';
import { type AuditHeadSink, AuditTrail, GATEWAY_NODE_FLAGS, loadGatewayConfig, openAuditHeadSink } from '@intel-gateway/gateway';
import {
  type AuditEntry,
  type AuditRecord,
  type AuditRegistryRecord,
  createAuditModels,
  publicKeysOf,
  readShippedHeads,
  REGISTRY_PROBLEM,
  verifyAuditTrail,
} from '@intel-gateway/shared/audit';
import { connectDatabase } from '@intel-gateway/shared/database';
import { repositoryRoot } from '@intel-gateway/shared/registry';
import {
  childEnvironment,
  createDevIdentity,
  type DevIdentity,
  mintAgencyToken,
  recordRunningDatabase,
  runningDatabaseFile,
  startEmbeddedDatabase,
  startService,
} from '@intel-gateway/tools';
import { entryWithHits, scratchDatabases } from './auditFixtures';
import { loadTestConfig } from './config';
import { callerHeaders, postGraphQL, silentLogger, testDatabaseUri, uniqueSuffix, waitFor } from './harness';

/**
 * Deletions from the disclosure audit, by an insider with write access to its database (but
 * not the gateway's signing key, nor the external head sink): hits, whole chains, the newest
 * records with the head rewound. Each must fail verification; an untouched trail must pass.
 */
let identity: DevIdentity;
const scratch = scratchDatabases('audit_chains');
const directory = mkdtempSync(join(tmpdir(), 'audit-chains-'));
beforeAll(async () => {
  identity = await createDevIdentity();
});
afterAll(async () => {
  await scratch.dropAll();
  rmSync(directory, { recursive: true, force: true });
});

const scratchDatabase = scratch.open;

/** NCB-FR reads an NCB-GB document and matches an NCB-DE person: two hits per record. */
const entry = (i: number): AuditEntry => entryWithHits(i, new Date(Date.UTC(2026, 10, 24, 12, 0, i)));

async function writeTrail(connection: Connection, chainId: string, count: number, headSink?: AuditHeadSink): Promise<AuditTrail> {
  const trail = await AuditTrail.open(connection, identity.gateway.privateKey, silentLogger, chainId, { headSink });
  for (let i = 0; i < count; i++) await trail.record(entry(i));
  // The trail as the gateway leaves it shortly after: the hits written (after the answers), the head checkpointed past them.
  await trail.whenHitsWritten();
  await trail.checkpointHead();
  return trail;
}

const verify = (connection: Connection) => verifyAuditTrail(connection, identity.gateway.jwks);
const verifyWithSink = async (connection: Connection, sinkPath: string) =>
  verifyAuditTrail(connection, identity.gateway.jwks, {
    shippedHeads: await readShippedHeads(sinkPath, publicKeysOf(identity.gateway.jwks)),
  });
const problemsOf = async (report: Promise<{ problems: { problem: string }[] }>) => (await report).problems.map((p) => p.problem);

/** What an insider does to remove a chain: its records, its hits and its chain document (head). */
async function deleteChain(connection: Connection, chainId: string): Promise<void> {
  const escaped = chainId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await connection.collection('auditRecords').deleteMany({ chainId });
  await connection.collection('hits').deleteMany({ auditId: { $regex: `^${escaped}:` } });
  await connection.collection('auditChains').deleteOne({ _id: chainId as never });
}

/** Deletes the chain's records from `seq` on, with their hits, and points its head at the record before. */
async function rewind(connection: Connection, chainId: string, seq: number): Promise<void> {
  const records = connection.collection<AuditRecord>('auditRecords');
  const doomed = await records.find({ chainId, seq: { $gte: seq } }).toArray();
  await records.deleteMany({ chainId, seq: { $gte: seq } });
  await connection.collection('hits').deleteMany({ auditId: { $in: doomed.map((r) => r._id) } });
  const previous = (await records.findOne({ chainId, seq: seq - 1 }))!;
  await connection
    .collection('auditChains')
    .updateOne({ _id: chainId as never }, { $set: { head: { seq: previous.seq, hash: previous.hash } } });
}

const sinkFile = () => join(directory, `heads${uniqueSuffix()}.jsonl`);
const fileSink = (path: string) => openAuditHeadSink({ kind: 'file', path });

it('an untouched trail verifies: every record has its hits, and its chain is registered', async () => {
  const connection = await scratchDatabase();
  await writeTrail(connection, 'chain-a', 5);
  expect(await verify(connection)).toEqual({ chains: [{ chainId: 'chain-a', records: 5 }], hits: 10, releaseGrants: 0, problems: [] });
  const registry = await createAuditModels(connection).AuditRegistry.find().lean<AuditRegistryRecord[]>();
  expect(registry).toEqual([expect.objectContaining({ seq: 0, chainId: 'chain-a', signature: expect.any(String) })]);
});

describe("the chain's head: the instance that owns the chain keeps it, the chain document holds a checkpoint", () => {
  /** NCB-FR reading its own record: nothing to write but the record itself. */
  const ownRead = (i: number): AuditEntry => ({
    ...entry(i),
    disclosures: [{ type: 'SltdRecord', id: `S${i}`, owner: 'NCB-FR', fields: ['status'] }],
    matches: [],
  });
  const headOf = async (connection: Connection, chainId: string) =>
    (await createAuditModels(connection).AuditChain.findById(chainId).lean<{ head?: { seq: number; hash: string } }>())?.head;
  const newestRecord = async (connection: Connection, chainId: string) =>
    (await createAuditModels(connection).AuditRecord.findOne({ chainId }).sort({ seq: -1 }).lean<AuditRecord>())!;

  it('a record is one write, no transaction, with or without hits; the hits follow after the answer', async () => {
    const connection = await scratchDatabase();
    const trail = await AuditTrail.open(connection, identity.gateway.privateKey, silentLogger, 'chain-a', { headCheckpointMs: 60_000 });
    const sessions = jest.spyOn(connection, 'startSession');
    try {
      for (let i = 0; i < 3; i++) await trail.record(ownRead(i));
      expect(sessions).not.toHaveBeenCalled();
      await trail.record(entry(3));
      await trail.whenHitsWritten();
      expect(sessions).not.toHaveBeenCalled();
    } finally {
      sessions.mockRestore();
    }
    expect(await verify(connection)).toEqual({ chains: [{ chainId: 'chain-a', records: 4 }], hits: 2, releaseGrants: 0, problems: [] });
  });

  it('the checkpoint follows after the answers, never moves back, and then shows the newest records deleted', async () => {
    const connection = await scratchDatabase();
    const trail = await AuditTrail.open(connection, identity.gateway.privateKey, silentLogger, 'chain-a', { headCheckpointMs: 60_000 });
    expect(await headOf(connection, 'chain-a')).toEqual({ seq: -1, hash: expect.any(String) });
    await trail.record(ownRead(0));
    // The first write after a quiet spell is checkpointed at once, after its answer.
    const deadline = Date.now() + 10_000;
    while ((await headOf(connection, 'chain-a'))?.seq !== 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await headOf(connection, 'chain-a'))?.seq).toBe(0);
    // The next ones wait for the interval.
    for (let i = 1; i < 4; i++) await trail.record(ownRead(i));
    expect((await headOf(connection, 'chain-a'))?.seq).toBe(0);
    // A head behind the newest records is a checkpoint, not a problem.
    expect(await verify(connection)).toEqual({ chains: [{ chainId: 'chain-a', records: 4 }], hits: 0, releaseGrants: 0, problems: [] });

    await trail.checkpointHead();
    const newest = await newestRecord(connection, 'chain-a');
    expect(await headOf(connection, 'chain-a')).toEqual({ seq: 3, hash: newest.hash });
    // Another writer's older head does not replace a newer one.
    await createAuditModels(connection).AuditChain.collection.updateOne({ _id: 'chain-a', 'head.seq': { $lt: 1 } } as never, {
      $set: { head: { seq: 1, hash: 'x' } },
    });
    expect((await headOf(connection, 'chain-a'))?.seq).toBe(3);

    await connection.collection('auditRecords').deleteOne({ _id: 'chain-a:3' as never });
    expect(await problemsOf(verify(connection))).toEqual([
      "the chain's head is record 3, but the stored chain ends at 2 (records deleted from the end)",
    ]);
  });

  it('a head naming another record than the one stored at its sequence number is reported, also while it lags', async () => {
    const connection = await scratchDatabase();
    const trail = await AuditTrail.open(connection, identity.gateway.privateKey, silentLogger, 'chain-a', { headCheckpointMs: 60_000 });
    for (let i = 0; i < 3; i++) await trail.record(ownRead(i));
    await trail.checkpointHead();
    await trail.record(ownRead(3));
    await createAuditModels(connection).AuditChain.collection.updateOne({ _id: 'chain-a' } as never, {
      $set: { 'head.hash': (await newestRecord(connection, 'chain-a')).prevHash.replace(/^./, (c) => (c === '0' ? '1' : '0')) },
    });
    expect((await verify(connection)).problems).toEqual([
      { chainId: 'chain-a', seq: 2, problem: "it is not the record the chain's head names (altered or replaced)" },
    ]);
  });

  it('a chain document written before checkpoints, without a head, gets one at the first checkpoint', async () => {
    const connection = await scratchDatabase();
    const trail = await AuditTrail.open(connection, identity.gateway.privateKey, silentLogger, 'chain-a', { headCheckpointMs: 60_000 });
    await createAuditModels(connection).AuditChain.collection.updateOne({ _id: 'chain-a' } as never, { $unset: { head: '' } });
    await trail.record(ownRead(0));
    await trail.checkpointHead();
    expect(await headOf(connection, 'chain-a')).toEqual({ seq: 0, hash: (await newestRecord(connection, 'chain-a')).hash });
  });

  it('closing the trail checkpoints the head and refuses further records', async () => {
    const connection = await scratchDatabase();
    const trail = await AuditTrail.open(connection, identity.gateway.privateKey, silentLogger, 'chain-a', { headCheckpointMs: 60_000 });
    const pending = [0, 1, 2].map((i) => trail.record(ownRead(i)));
    await trail.close();
    await Promise.all(pending);
    expect(await headOf(connection, 'chain-a')).toEqual({ seq: 2, hash: (await newestRecord(connection, 'chain-a')).hash });
    await expect(trail.record(ownRead(3))).rejects.toThrow('the audit trail is closed');
  });
});

describe('deleting or editing a hit hides an access from its owner: it is detected, and named', () => {
  it('a deleted hit of a disclosure, and of a match', async () => {
    const connection = await scratchDatabase();
    await writeTrail(connection, 'chain-a', 5);
    await connection.collection('hits').deleteMany({ _id: { $in: ['chain-a:2:0', 'chain-a:4:1'] as never[] } });
    const { problems } = await verify(connection);
    expect(problems).toEqual([
      { chainId: 'chain-a', seq: 2, problem: expect.stringMatching(/^hit chain-a:2:0 \(NCB-GB's SltdRecord S2, to NCB-FR\) is missing/) },
      {
        chainId: 'chain-a',
        seq: 4,
        problem: expect.stringMatching(/^hit chain-a:4:1 \(NCB-DE's NationalPerson P4, to NCB-FR\) is missing/),
      },
    ]);
  });

  it('every hit of a chain deleted', async () => {
    const connection = await scratchDatabase();
    await writeTrail(connection, 'chain-a', 3);
    await connection.collection('hits').deleteMany({});
    expect((await verify(connection)).problems).toHaveLength(6);
  });

  it('a hit edited to name someone else', async () => {
    const connection = await scratchDatabase();
    await writeTrail(connection, 'chain-a', 3);
    await connection.collection('hits').updateOne({ _id: 'chain-a:1:0' as never }, { $set: { user: 'someone-else' } });
    expect(await problemsOf(verify(connection))).toEqual([expect.stringMatching(/^hit chain-a:1:0 .* differs from its audit record/)]);
  });

  it("a match's reference edited (the handle the caller cites to the owner), or a field added to a hit", async () => {
    const connection = await scratchDatabase();
    const trail = await AuditTrail.open(connection, identity.gateway.privateKey, silentLogger, 'chain-a');
    const cited = (i: number): AuditEntry => {
      const plain = entry(i);
      return { ...plain, matches: plain.matches.map((m) => ({ ...m, reference: `HIT-${String(i).repeat(22)}` })) };
    };
    for (let i = 0; i < 3; i++) await trail.record(cited(i));
    await trail.whenHitsWritten();
    await trail.checkpointHead();
    expect((await verify(connection)).problems).toEqual([]);
    // Hit 1 of each record is its match (hit 0 the disclosure).
    await connection.collection('hits').updateOne({ _id: 'chain-a:1:1' as never }, { $set: { reference: `HIT-${'9'.repeat(22)}` } });
    await connection.collection('hits').updateOne({ _id: 'chain-a:2:0' as never }, { $set: { note: 'seen by nobody' } });
    expect(await problemsOf(verify(connection))).toEqual([
      expect.stringMatching(/^hit chain-a:1:1 .* differs from its audit record/),
      expect.stringMatching(/^hit chain-a:2:0 .* differs from its audit record/),
    ]);
  });
});

describe('a chain that existed cannot vanish', () => {
  it('a whole chain deleted (records, hits and head) is reported as gone', async () => {
    const connection = await scratchDatabase();
    await writeTrail(connection, 'chain-a', 3);
    await writeTrail(connection, 'chain-b', 3);
    await writeTrail(connection, 'chain-c', 3);
    await deleteChain(connection, 'chain-b');
    const { problems } = await verify(connection);
    expect(problems).toEqual([{ chainId: 'chain-b', problem: expect.stringContaining('registered (registration 1) but is gone') }]);
  });

  it('a registration deleted, or edited, breaks the registry', async () => {
    const connection = await scratchDatabase();
    await writeTrail(connection, 'chain-a', 2);
    await writeTrail(connection, 'chain-b', 2);
    const registry = connection.collection('auditRegistry');
    await registry.updateOne({ _id: 1 as never }, { $set: { host: 'elsewhere' } });
    expect((await verify(connection)).problems).toEqual([
      { chainId: REGISTRY_PROBLEM, seq: 1, problem: expect.stringContaining('registration of chain chain-b does not match its hash') },
    ]);

    await registry.deleteOne({ _id: 0 as never });
    const problems = await problemsOf(verify(connection));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('registrations 0–0 are missing'),
        expect.stringContaining('not in the chain registry'),
      ]),
    );
  });

  it('a chain and its registration deleted together, both the newest: only the shipped heads show it', async () => {
    const connection = await scratchDatabase();
    const path = sinkFile();
    const sink = await fileSink(path);
    await writeTrail(connection, 'chain-a', 2, sink);
    await writeTrail(connection, 'chain-b', 2, sink);
    await sink.close();
    await deleteChain(connection, 'chain-b');
    await connection.collection('auditRegistry').deleteOne({ _id: 1 as never });
    // The database alone is consistent again ...
    expect((await verify(connection)).problems).toEqual([]);
    // ... but not with what the gateway shipped outside it.
    expect(await problemsOf(verifyWithSink(connection, path))).toEqual(
      expect.arrayContaining([
        expect.stringContaining('registration 1 (of chain chain-b) was shipped to the audit head sink'),
        expect.stringContaining('shipped to the audit head sink, but the chain is not in the database'),
      ]),
    );
  });

  it('the whole store emptied: only the shipped heads show it', async () => {
    const connection = await scratchDatabase();
    const path = sinkFile();
    const sink = await fileSink(path);
    await writeTrail(connection, 'chain-a', 2, sink);
    await sink.close();
    for (const collection of ['auditRecords', 'hits', 'auditChains', 'auditRegistry'])
      await connection.collection(collection).deleteMany({});
    expect((await verify(connection)).problems).toEqual([]);
    expect(await problemsOf(verifyWithSink(connection, path))).toEqual([
      expect.stringContaining('the registry is empty, but registration 0 (of chain chain-a) was shipped'),
      expect.stringContaining("the chain's head at record 1 was shipped to the audit head sink, but the chain is not in the database"),
    ]);
  });
});

describe('the newest records deleted and the head rewound', () => {
  it('is consistent in the database alone, and fails against the shipped heads, saying so', async () => {
    const connection = await scratchDatabase();
    const path = sinkFile();
    const sink = await fileSink(path);
    await writeTrail(connection, 'chain-a', 5, sink);
    await sink.close();
    expect((await verifyWithSink(connection, path)).problems).toEqual([]);

    await rewind(connection, 'chain-a', 3);
    expect((await verify(connection)).problems).toEqual([]);
    expect((await verifyWithSink(connection, path)).problems).toEqual([
      {
        chainId: 'chain-a',
        seq: 4,
        problem: expect.stringContaining(
          'the stored chain ends at 2 but its head at record 4 was shipped to the audit head sink: the database is behind',
        ),
      },
    ]);
  });

  it('npm run audit:verify -- --sink FILE reports it, and exits 1', async () => {
    const connection = await scratchDatabase();
    const path = sinkFile();
    const sink = await fileSink(path);
    await writeTrail(connection, 'chain-a', 4, sink);
    await sink.close();
    const jwksPath = join(directory, `jwks${uniqueSuffix()}.json`);
    writeFileSync(jwksPath, JSON.stringify(identity.gateway.jwks));
    const run = () =>
      promisify(execFile)(
        process.execPath,
        [join(repositoryRoot, 'tools', 'dist', 'auditVerify.js'), '--database', connection.name, '--jwks', jwksPath, '--sink', path],
        {
          env: childEnvironment({ MONGODB_URI: testDatabaseUri() }),
        },
      );
    expect((await run()).stdout).toContain('audit trail verified');
    await rewind(connection, 'chain-a', 2);
    await expect(run()).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringContaining(
        'PROBLEM chain chain-a record 3: the stored chain ends at 1 but its head at record 3 was shipped to the audit head sink',
      ),
    });
  });

  it('a line added to the sink without the key is reported and not believed', async () => {
    const connection = await scratchDatabase();
    const path = sinkFile();
    const sink = await fileSink(path);
    await writeTrail(connection, 'chain-a', 2, sink);
    await sink.close();
    const forged = JSON.parse(readFileSync(path, 'utf8').trim().split('\n').at(-1)!) as Record<string, unknown>;
    appendFileSync(path, `${JSON.stringify({ ...forged, seq: 100 })}\n`);
    const { problems } = await verifyWithSink(connection, path);
    expect(problems).toEqual([{ chainId: '(sink)', problem: expect.stringContaining("not signed by the gateway's keys") }]);
  });

  it('heads shipped to a syslog collector over UDP verify the same way', async () => {
    const collector = createSocket('udp4');
    const received: string[] = [];
    collector.on('message', (message) => received.push(message.toString()));
    await new Promise<void>((resolve) => collector.bind(0, '127.0.0.1', resolve));
    try {
      const config = loadGatewayConfig({
        AUDIT_MONGODB_URI: testDatabaseUri(),
        AUDIT_HEAD_SINK: `syslog:udp://127.0.0.1:${collector.address().port}`,
      });
      const sink = await openAuditHeadSink(config.AUDIT_HEAD_SINK!);
      const connection = await scratchDatabase();
      await writeTrail(connection, 'chain-a', 3, sink);
      await sink.close();
      await waitFor(() => received.length >= 4, 'four messages at the UDP collector');
      expect(received).toHaveLength(4); // the registration and one head per write
      expect(received[0]).toMatch(/^<110>1 \S+ \S+ intel-gateway \d+ audit-head - \{"at":/);
      const collected = join(directory, `syslog${uniqueSuffix()}.log`);
      writeFileSync(collected, received.join('\n'));
      expect((await verifyWithSink(connection, collected)).problems).toEqual([]);
      await rewind(connection, 'chain-a', 2);
      expect(await problemsOf(verifyWithSink(connection, collected))).toEqual([expect.stringContaining('the database is behind')]);
    } finally {
      collector.close();
    }
  });

  it('heads shipped to a syslog collector over TCP (octet-counted frames), reconnecting after the collector drops the connection', async () => {
    const received: string[] = [];
    const collector = createServer((socket) => {
      let buffer = Buffer.alloc(0);
      socket.on('data', (chunk) => {
        buffer = Buffer.concat([buffer, chunk]);
        for (
          let frame = /^(\d+) /.exec(buffer.toString('latin1'));
          frame && buffer.length >= frame[0].length + Number(frame[1]);
          frame = /^(\d+) /.exec(buffer.toString('latin1'))
        ) {
          received.push(buffer.subarray(frame[0].length, frame[0].length + Number(frame[1])).toString());
          buffer = buffer.subarray(frame[0].length + Number(frame[1]));
        }
        // The collector restarts after the second head: the sink must connect again.
        if (received.length === 2) socket.destroy();
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    try {
      const sink = await openAuditHeadSink({
        kind: 'syslog',
        transport: 'tcp',
        host: '127.0.0.1',
        port: (collector.address() as AddressInfo).port,
      });
      const connection = await scratchDatabase();
      await writeTrail(connection, 'chain-a', 1, sink);
      await waitFor(() => received.length >= 2, 'two heads at the TCP collector');
      // The first write after the drop may go to the closed connection (and is logged); the next ones reconnect.
      for (let i = 1; i < 4; i++) {
        await new Promise((r) => setTimeout(r, 50));
        const trail = await AuditTrail.open(connection, identity.gateway.privateKey, silentLogger, 'chain-a', { headSink: sink });
        await trail.record(entry(i));
        await trail.whenHitsWritten();
      }
      await waitFor(() => received.some((m) => m.includes('"seq":3')), 'the head of seq 3 at the TCP collector');
      await sink.close();
      expect(received[0]).toMatch(/^<110>1 \S+ \S+ intel-gateway \d+ audit-head - \{"at":.*"kind":"registry"/);
      expect(received.some((m) => m.includes('"seq":3'))).toBe(true);
      const collected = join(directory, `syslog${uniqueSuffix()}.log`);
      writeFileSync(collected, received.join('\n'));
      expect((await verifyWithSink(connection, collected)).problems).toEqual([]);
      await rewind(connection, 'chain-a', 2);
      expect(await problemsOf(verifyWithSink(connection, collected))).toEqual([expect.stringContaining('the database is behind')]);
    } finally {
      collector.close();
    }
  });
});

it('a sink that fails or hangs is logged and does not hold up the audit', async () => {
  const connection = await scratchDatabase();
  const logged: string[] = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => logged.push(line) });
  const failing: AuditHeadSink = {
    target: { kind: 'file', path: '/unwritable' },
    ship: () => Promise.reject(new Error('disk full')),
    close: async () => undefined,
  };
  const hung: AuditHeadSink = {
    target: { kind: 'syslog', transport: 'tcp', host: '192.0.2.1', port: 514 },
    ship: () => new Promise<void>(() => undefined),
    close: async () => undefined,
  };
  for (const headSink of [failing, hung]) {
    const trail = await AuditTrail.open(connection, identity.gateway.privateKey, logger, undefined, { headSink });
    const started = Date.now();
    await trail.record(entry(0));
    expect(Date.now() - started).toBeLessThan(10_000);
    await trail.whenHitsWritten();
  }
  expect(logged.map((line) => (JSON.parse(line) as { msg: string; err: { message: string } }).err.message)).toEqual([
    'disk full',
    'disk full',
    'the audit head sink did not take the head within 2000 ms',
    'the audit head sink did not take the head within 2000 ms',
  ]);
  expect((await verify(connection)).problems).toEqual([]);
});

it('AUDIT_HEAD_SINK is checked at start: a file path must be absolute, syslog needs host and port', () => {
  const load = (sink: string) => loadGatewayConfig({ AUDIT_MONGODB_URI: testDatabaseUri(), AUDIT_HEAD_SINK: sink });
  expect(load('file:/var/log/intel-gateway/heads.jsonl').AUDIT_HEAD_SINK).toEqual({
    kind: 'file',
    path: '/var/log/intel-gateway/heads.jsonl',
  });
  expect(load('syslog:udp://[::1]:514').AUDIT_HEAD_SINK).toEqual({ kind: 'syslog', transport: 'udp', host: '::1', port: 514 });
  expect(load('syslog:tcp://collector.example:6514').AUDIT_HEAD_SINK).toEqual({
    kind: 'syslog',
    transport: 'tcp',
    host: 'collector.example',
    port: 6514,
  });
  expect(() => load('syslog:tcp://collector.example:6514/path')).toThrow(/AUDIT_HEAD_SINK.*host:port and nothing else/);
  expect(() => load('file:heads.jsonl')).toThrow(/AUDIT_HEAD_SINK.*absolute path/);
  expect(() => load('syslog:udp://collector')).toThrow(/AUDIT_HEAD_SINK.*host:port/);
  expect(() => load('syslog:unix:/dev/log')).toThrow(/AUDIT_HEAD_SINK must be file:/);
  expect(() => load('http://collector/heads')).toThrow(/AUDIT_HEAD_SINK must be file:/);
  expect(loadGatewayConfig({ AUDIT_MONGODB_URI: testDatabaseUri() }).AUDIT_HEAD_SINK).toBeUndefined();
});

it('a restart starts a second chain, registered after the first, and both verify', async () => {
  const connection = await scratchDatabase();
  // Each start of the gateway opens a chain of its own (the default chain id is per process).
  await writeTrail(connection, 'host-1-100-aaaa', 3);
  const [second, third] = await Promise.all([writeTrail(connection, 'host-1-200-bbbb', 2), writeTrail(connection, 'host-2-300-cccc', 1)]);
  const registry = await createAuditModels(connection).AuditRegistry.find().sort({ seq: 1 }).lean<AuditRegistryRecord[]>();
  expect(registry.map((r) => r.seq)).toEqual([0, 1, 2]);
  expect(registry[0]!.chainId).toBe('host-1-100-aaaa');
  expect(
    registry
      .slice(1)
      .map((r) => r.chainId)
      .sort(),
  ).toEqual([second.chainId, third.chainId].sort());
  expect(registry[1]!.prevHash).toBe(registry[0]!.hash);
  expect(registry[2]!.prevHash).toBe(registry[1]!.hash);
  // The same chain id opened again continues its chain and is not registered twice.
  await writeTrail(connection, 'host-1-100-aaaa', 1);
  expect(await createAuditModels(connection).AuditRegistry.countDocuments()).toBe(3);
  const report = await verify(connection);
  expect(report.problems).toEqual([]);
  expect(report.chains).toEqual([
    { chainId: 'host-1-100-aaaa', records: 4 },
    { chainId: 'host-1-200-bbbb', records: 2 },
    { chainId: 'host-2-300-cccc', records: 1 },
  ]);
});

it('the gateway process, restarted with AUDIT_HEAD_SINK set, registers a second chain and ships its heads; both chains verify against them', async () => {
  const connection = await scratchDatabase();
  const path = sinkFile();
  writeFileSync(join(directory, 'registry.json'), JSON.stringify(identity.registry));
  writeFileSync(join(directory, 'signing-key.json'), JSON.stringify(identity.gateway.privateKey));
  writeFileSync(join(directory, 'subgraph-token-keys.json'), JSON.stringify(identity.subgraphTokenKeys), { mode: 0o600 });
  const runGateway = async () => {
    const lines: string[] = [];
    const { child, url } = startService(
      'gateway',
      { script: join(repositoryRoot, 'gateway', 'dist', 'main.js'), nodeFlags: GATEWAY_NODE_FLAGS },
      {
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'info',
        AGENCY_REGISTRY_PATH: join(directory, 'registry.json'),
        GATEWAY_SIGNING_KEY_PATH: join(directory, 'signing-key.json'),
        SUBGRAPH_TOKEN_KEYS_PATH: join(directory, 'subgraph-token-keys.json'),
        AUDIT_MONGODB_URI: testDatabaseUri(),
        AUDIT_DATABASE_NAME: connection.name,
        AUDIT_HEAD_SINK: `file:${path}`,
      },
      (line) => lines.push(line),
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const token = await mintAgencyToken({ identity, agency: 'NCB-FR', roles: ['ANALYST'] });
    const { body } = await postGraphQL(`${await url}`, '{ __typename }', undefined, callerHeaders(token, 'CRIMINAL_INVESTIGATION'));
    expect(body).toEqual({ data: { __typename: 'Query' } });
    child.kill('SIGTERM');
    await exited;
    return lines.join('\n');
  };
  await runGateway();
  await runGateway();
  const registry = await createAuditModels(connection).AuditRegistry.find().sort({ seq: 1 }).lean<AuditRegistryRecord[]>();
  expect(registry).toHaveLength(2);
  const shipped = readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { kind: string; chainId: string; seq: number });
  expect(shipped.map(({ kind, chainId, seq }) => ({ kind, chainId, seq }))).toEqual([
    { kind: 'registry', chainId: registry[0]!.chainId, seq: 0 },
    { kind: 'chain', chainId: registry[0]!.chainId, seq: 0 },
    { kind: 'registry', chainId: registry[1]!.chainId, seq: 1 },
    { kind: 'chain', chainId: registry[1]!.chainId, seq: 0 },
  ]);
  const report = await verifyWithSink(connection, path);
  expect(report.problems).toEqual([]);
  expect(report.chains.map((c) => c.records)).toEqual([1, 1]);
});

it('npm run audit:verify finds the embedded database npm start runs, instead of failing on the data directory in use', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'audit-verify-running-'));
  const database = await startEmbeddedDatabase({
    dataDir,
    cacheDir: loadTestConfig().CACHE_DIR,
    cacheSize: '64M',
    logFileMax: '16MB',
    log: () => undefined,
  });
  const forget = recordRunningDatabase(dataDir, database);
  try {
    const connection = await connectDatabase(database.uri, 'intel_gateway_audit', { failFast: true });
    await AuditTrail.open(connection, identity.gateway.privateKey, silentLogger, 'running-chain');
    await connection.close();
    const jwksPath = join(dataDir, 'jwks.json');
    writeFileSync(jwksPath, JSON.stringify(identity.gateway.jwks));
    // Without MONGODB_URI, so the tool finds the running database through DATA_DIR.
    const env = childEnvironment({ DATA_DIR: dataDir, MONGODB_URI: undefined });
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(repositoryRoot, 'tools', 'dist', 'auditVerify.js'), '--jwks', jwksPath],
      { env },
    );
    expect(stdout).toContain('chain running-chain: 0 records');
    expect(stdout).toContain('audit trail verified');
    forget();
    expect(existsSync(runningDatabaseFile(dataDir))).toBe(false);
  } finally {
    forget();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
