import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Connection } from 'mongoose';
import pino from 'pino';
import { AuditTrail } from '@intel-gateway/gateway';
import {
  type AuditEntry,
  type AuditRecord,
  createAuditModels,
  type HitRecord,
  UNWRITTEN_HIT_GRACE_MS,
  verifyAuditTrail,
} from '@intel-gateway/shared/audit';
import { repositoryRoot } from '@intel-gateway/shared/registry';
import { childEnvironment, createDevIdentity, type DevIdentity } from '@intel-gateway/tools';
import { entryWithHits, scratchDatabases } from './auditFixtures';
import { silentLogger, testDatabaseUri, uniqueSuffix, waitFor } from './harness';

/**
 * The hits of an audit record are written after its answer, off the request path. What an
 * attacker (or a crash) can do in between: the answer leaves, the hits never follow. No hit
 * may be lost for good, a deleted one must still show, and the chain's checkpoint (the
 * database's witness of its length) never vouches for a record whose hits are not written.
 */
let identity: DevIdentity;
const scratch = scratchDatabases('audit_hits');
const directory = mkdtempSync(join(tmpdir(), 'audit-hits-'));
beforeAll(async () => {
  identity = await createDevIdentity();
});
afterEach(() => jest.restoreAllMocks());
afterAll(async () => {
  await scratch.dropAll();
  rmSync(directory, { recursive: true, force: true });
});

const scratchDatabase = scratch.open;

/** When this file's records were made: they are younger than UNWRITTEN_HIT_GRACE_MS while its tests run. */
const recordedFrom = Date.now();
/** NCB-FR reads an NCB-GB document and matches an NCB-DE person: two hits. */
const withHits = (i: number): AuditEntry => entryWithHits(i, new Date(recordedFrom + i * 1_000));
/** NCB-FR reading its own record: no hit. */
const ownRead = (i: number): AuditEntry => ({
  ...withHits(i),
  disclosures: [{ type: 'SltdRecord', id: `S${i}`, owner: 'NCB-FR', fields: ['status'] }],
  matches: [],
});

const open = (connection: Connection, logger = silentLogger) =>
  AuditTrail.open(connection, identity.gateway.privateKey, logger, 'chain-a', { headCheckpointMs: 60_000 });
const verify = (connection: Connection) => verifyAuditTrail(connection, identity.gateway.jwks);
const headOf = async (connection: Connection) =>
  (await createAuditModels(connection).AuditChain.findById('chain-a').lean<{ head?: { seq: number; hash: string } }>())?.head;
const recordAt = async (connection: Connection, seq: number) =>
  (await createAuditModels(connection).AuditRecord.findById(`chain-a:${seq}`).lean<AuditRecord>())!;
const hitIds = async (connection: Connection) =>
  (await createAuditModels(connection).Hit.find().sort({ _id: 1 }).lean<HitRecord[]>()).map((hit) => hit._id);
const hitWrites = (connection: Connection) => jest.spyOn(createAuditModels(connection).Hit.collection, 'insertMany');
/**
 * Chain-a writes record 0 and its hits, then a gateway of it writes records 1 and 2 and
 * dies while their hits are being written (the write never ends; it is left once begun).
 */
async function dieWritingHits(connection: Connection): Promise<void> {
  const first = await open(connection);
  await first.record(withHits(0));
  await first.close();
  const stuck = hitWrites(connection).mockImplementation((() => new Promise(() => undefined)) as never);
  const dead = await open(connection);
  await dead.record(withHits(1));
  await dead.record(withHits(2));
  await waitFor(() => stuck.mock.calls.length > 0, 'the hit write that never ends');
  jest.restoreAllMocks();
}
/** Settles after `ms` with `value`: a bound on how long an answer may wait. */
const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms).unref());

it('the answer does not wait for its hits; a crash before they are written leaves them to the owner of the chain, who writes them when it opens the chain again', async () => {
  const connection = await scratchDatabase();
  const trail = await open(connection);
  await trail.record(ownRead(0));
  await trail.checkpointHead();
  // The process dies while the hits are being written: the first of them reached the store, the rest never do.
  const original = createAuditModels(connection).Hit.collection.insertMany.bind(createAuditModels(connection).Hit.collection);
  const partial: Promise<unknown>[] = [];
  hitWrites(connection).mockImplementation(((hits: HitRecord[]) => {
    partial.push(original(hits.slice(0, 1) as never[]));
    return partial.at(-1)!.then(() => new Promise(() => undefined));
  }) as never);
  const answered = await Promise.race([trail.record(withHits(1)).then(() => 'answered'), after(5_000, 'still waiting')]);
  expect(answered).toBe('answered');
  // Within HIT_BATCH_MS or not, these hits wait behind the write that never ends.
  await trail.record(withHits(2));
  // The checkpoint does not vouch for records whose hits are not written.
  await trail.checkpointHead();
  expect(await headOf(connection)).toEqual({ seq: 0, hash: (await recordAt(connection, 0)).hash });
  await waitFor(() => partial.length > 0, 'the hit write');
  await Promise.all(partial);
  expect(partial).toHaveLength(1);
  expect(await hitIds(connection)).toEqual(['chain-a:1:0']);
  // Above the checkpoint a missing hit is not (yet) a deletion: verification lists it as not written.
  expect(await verify(connection)).toEqual({
    chains: [{ chainId: 'chain-a', records: 3 }],
    hits: 1,
    releaseGrants: 0,
    problems: [],
    unwrittenHits: [
      { chainId: 'chain-a', seq: 1, hit: 'chain-a:1:1' },
      { chainId: 'chain-a', seq: 2, hit: 'chain-a:2:0' },
      { chainId: 'chain-a', seq: 2, hit: 'chain-a:2:1' },
    ],
  });

  // The gateway starts again with the same chain (AUDIT_CHAIN_ID); the dead trail is never heard from again.
  jest.restoreAllMocks();
  await (await open(connection)).close();
  expect(await hitIds(connection)).toEqual(['chain-a:1:0', 'chain-a:1:1', 'chain-a:2:0', 'chain-a:2:1']);
  expect(await verify(connection)).toEqual({ chains: [{ chainId: 'chain-a', records: 3 }], hits: 4, releaseGrants: 0, problems: [] });
  expect(await headOf(connection)).toEqual({ seq: 2, hash: (await recordAt(connection, 2)).hash });
});

it('a failed hit write is not lost: it is tried again, also when the first try was stored but not acknowledged, and the checkpoint follows once the hits are written', async () => {
  const connection = await scratchDatabase();
  const lines: string[] = [];
  const trail = await open(connection, pino({ level: 'error' }, { write: (line: string) => lines.push(line) }));
  const collection = createAuditModels(connection).Hit.collection;
  const original = collection.insertMany.bind(collection);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const writes = hitWrites(connection)
    .mockImplementationOnce(() => Promise.reject(new Error('hits unavailable')))
    .mockImplementationOnce(((hits: HitRecord[], options: never) =>
      held.then(() => original(hits as never[], options)).then(() => Promise.reject(new Error('no acknowledgement')))) as never);
  await trail.record(ownRead(0));
  await trail.record(withHits(1));
  await trail.record(ownRead(2));
  await trail.checkpointHead();
  expect(await headOf(connection)).toEqual({ seq: 0, hash: (await recordAt(connection, 0)).hash });
  release();
  await trail.whenHitsWritten();
  expect(writes.mock.calls.length).toBeGreaterThanOrEqual(3);
  expect(await hitIds(connection)).toEqual(['chain-a:1:0', 'chain-a:1:1']);
  await trail.checkpointHead();
  expect(await headOf(connection)).toEqual({ seq: 2, hash: (await recordAt(connection, 2)).hash });
  expect(await verify(connection)).toEqual({ chains: [{ chainId: 'chain-a', records: 3 }], hits: 2, releaseGrants: 0, problems: [] });
  expect(lines.map((line) => (JSON.parse(line) as { err: { message: string } }).err.message)).toEqual([
    'hits unavailable',
    'no acknowledgement',
  ]);
});

it('after a quiet spell the checkpoint follows a record with hits at once, as soon as its hits are written', async () => {
  const connection = await scratchDatabase();
  const trail = await open(connection);
  await trail.record(withHits(0));
  const deadline = Date.now() + 10_000;
  while ((await headOf(connection))?.seq !== 0 && Date.now() < deadline) await after(20, undefined);
  expect(await headOf(connection)).toEqual({ seq: 0, hash: (await recordAt(connection, 0)).hash });
  expect(await hitIds(connection)).toEqual(['chain-a:0:0', 'chain-a:0:1']);
  await trail.close();
});

it('a batch stored in part when its write failed: its requests get no data, and the hits of the records stored are written all the same', async () => {
  const connection = await scratchDatabase();
  const trail = await open(connection);
  const collection = createAuditModels(connection).AuditRecord.collection;
  const original = collection.insertMany.bind(collection);
  jest
    .spyOn(collection, 'insertMany')
    .mockImplementationOnce(((records: AuditRecord[], options: never) =>
      original(records.slice(0, 1) as never[], options).then(() => Promise.reject(new Error('connection reset')))) as never);
  await expect(trail.record(withHits(0))).rejects.toThrow('connection reset');
  await trail.record(withHits(1));
  await trail.close();
  expect(await hitIds(connection)).toEqual(['chain-a:0:0', 'chain-a:0:1', 'chain-a:1:0', 'chain-a:1:1']);
  expect(await verify(connection)).toEqual({ chains: [{ chainId: 'chain-a', records: 2 }], hits: 4, releaseGrants: 0, problems: [] });
});

it('a hit deleted at or below the checkpoint is reported as deleted, and opening the chain again does not write it back', async () => {
  const connection = await scratchDatabase();
  const trail = await open(connection);
  for (let i = 0; i < 3; i++) await trail.record(withHits(i));
  await trail.close();
  expect((await headOf(connection))!.seq).toBe(2);
  await connection.collection('hits').deleteOne({ _id: 'chain-a:1:1' as never });
  const deleted = [
    {
      chainId: 'chain-a',
      seq: 1,
      problem: expect.stringMatching(/^hit chain-a:1:1 \(NCB-DE's NationalPerson P1, to NCB-FR\) is missing: deleted/),
    },
  ];
  expect((await verify(connection)).problems).toEqual(deleted);
  await (await open(connection)).close();
  expect((await verify(connection)).problems).toEqual(deleted);
});

it('a hit deleted above a rewound checkpoint is reported once its record is older than the grace period; a younger one is listed as not written', async () => {
  const connection = await scratchDatabase();
  const trail = await open(connection);
  for (let i = 0; i < 3; i++) await trail.record(withHits(i));
  await trail.close();
  expect((await headOf(connection))!.seq).toBe(2);
  // An insider deletes a hit of record 2 and rewinds the (unsigned) checkpoint below it, so the hit looks not yet written.
  await connection.collection('hits').deleteOne({ _id: 'chain-a:2:0' as never });
  const record1 = await recordAt(connection, 1);
  await createAuditModels(connection).AuditChain.collection.updateOne({ _id: 'chain-a' } as never, {
    $set: { head: { seq: 1, hash: record1.hash } },
  });
  const recordTime = (await recordAt(connection, 2)).at.getTime();
  const late = await verifyAuditTrail(connection, identity.gateway.jwks, { now: new Date(recordTime + UNWRITTEN_HIT_GRACE_MS + 1) });
  expect(late.unwrittenHits).toBeUndefined();
  expect(late.problems).toEqual([
    {
      chainId: 'chain-a',
      seq: 2,
      problem: expect.stringMatching(
        /^hit chain-a:2:0 \(NCB-GB's SltdRecord S2, to NCB-FR\) is missing, not written 10 minutes after its record: .*audit:repair-hits.* or it was deleted/,
      ),
    },
  ]);
  // Within the grace period the hit may still be on its way: listed, not a problem.
  const soon = await verifyAuditTrail(connection, identity.gateway.jwks, { now: new Date(recordTime + UNWRITTEN_HIT_GRACE_MS) });
  expect(soon).toMatchObject({ problems: [], unwrittenHits: [{ chainId: 'chain-a', seq: 2, hit: 'chain-a:2:0' }] });
  // Without `now`, ages are taken at the current time: this file's records are young.
  expect(await verify(connection)).toMatchObject({ problems: [], unwrittenHits: [{ chainId: 'chain-a', seq: 2, hit: 'chain-a:2:0' }] });
});

it('a chain document stripped of its head vouches for nothing: a missing hit there is reported as deleted, not as unwritten', async () => {
  const connection = await scratchDatabase();
  const trail = await open(connection);
  for (let i = 0; i < 2; i++) await trail.record(withHits(i));
  await trail.close();
  await connection.collection('hits').deleteOne({ _id: 'chain-a:1:0' as never });
  await createAuditModels(connection).AuditChain.collection.updateOne({ _id: 'chain-a' } as never, { $unset: { head: '' } });
  const report = await verify(connection);
  expect(report.unwrittenHits).toBeUndefined();
  expect(report.problems.map((p) => p.problem)).toEqual([
    'the chain has records but no head (its head was removed)',
    expect.stringMatching(/^hit chain-a:1:0 .* is missing: deleted/),
  ]);
});

it('a trail that cannot write its hits for long refuses further records, so the checkpoint cannot be held back without bound', async () => {
  const connection = await scratchDatabase();
  const trail = await AuditTrail.open(connection, identity.gateway.privateKey, silentLogger, 'chain-a', {
    headCheckpointMs: 60_000,
    maxRecordsAwaitingHits: 3,
  });
  const writes = hitWrites(connection).mockImplementation(() => Promise.reject(new Error('hits unavailable')));
  for (let i = 0; i < 3; i++) await trail.record(withHits(i));
  await expect(trail.record(ownRead(3))).rejects.toThrow(/hits of 3 records are not written yet/);
  writes.mockRestore();
  await trail.whenHitsWritten();
  await trail.record(ownRead(3));
  await trail.close();
  expect(await verify(connection)).toEqual({ chains: [{ chainId: 'chain-a', records: 4 }], hits: 6, releaseGrants: 0, problems: [] });
});

it('a trail opening writes the hits other chains left unwritten above their checkpoints, and only those, without moving those checkpoints', async () => {
  const connection = await scratchDatabase();
  // Its process dies while writing the hits of the next records; a new chain id per process means it is never opened again.
  await dieWritingHits(connection);
  await connection.collection('hits').deleteOne({ _id: 'chain-a:0:0' as never });
  const head = await headOf(connection);
  expect(head).toEqual({ seq: 0, hash: (await recordAt(connection, 0)).hash });

  const lines: string[] = [];
  const other = await AuditTrail.open(
    connection,
    identity.gateway.privateKey,
    pino({ level: 'warn' }, { write: (line: string) => lines.push(line) }),
    'chain-b',
    { headCheckpointMs: 60_000 },
  );
  await other.close();
  expect(await hitIds(connection)).toEqual(['chain-a:0:1', 'chain-a:1:0', 'chain-a:1:1', 'chain-a:2:0', 'chain-a:2:1']);
  expect(await headOf(connection)).toEqual(head);
  expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
    expect.objectContaining({ chainId: 'chain-a', from: 1, through: 2, hits: 4, msg: expect.stringMatching(/another audit chain/) }),
  ]);
  // The hit deleted below chain-a's checkpoint is not written back.
  expect(await verify(connection)).toEqual({
    chains: [
      { chainId: 'chain-a', records: 3 },
      { chainId: 'chain-b', records: 0 },
    ],
    hits: 5,
    releaseGrants: 0,
    problems: [{ chainId: 'chain-a', seq: 0, problem: expect.stringMatching(/^hit chain-a:0:0 .* is missing: deleted/) }],
  });
});

it('npm run audit:repair-hits writes the hits a chain whose gateway never returns left unwritten, and only those', async () => {
  const connection = await scratchDatabase();
  // The chain's gateway dies while writing the hits of its next records, and is never started again.
  await dieWritingHits(connection);
  const jwksPath = join(directory, `jwks${uniqueSuffix()}.json`);
  writeFileSync(jwksPath, JSON.stringify(identity.gateway.jwks));
  const run = (tool: string, ...args: string[]) =>
    promisify(execFile)(process.execPath, [join(repositoryRoot, 'tools', 'dist', tool), '--database', connection.name, ...args], {
      env: childEnvironment({ MONGODB_URI: testDatabaseUri() }),
    });
  const before = await run('auditVerify.js', '--jwks', jwksPath);
  expect(before.stdout).toContain('audit trail verified');
  expect(before.stdout).toContain('NOT WRITTEN chain chain-a record 1: hit chain-a:1:0');
  await connection.collection('hits').deleteOne({ _id: 'chain-a:0:0' as never });
  const { stdout } = await run('auditRepairHits.js', '--chain', 'chain-a');
  expect(stdout).toContain('chain chain-a: 4 hits of records 1–2 written');
  expect(await hitIds(connection)).toEqual(['chain-a:0:1', 'chain-a:1:0', 'chain-a:1:1', 'chain-a:2:0', 'chain-a:2:1']);
  // The hit deleted below the checkpoint stays reported.
  expect(await verify(connection)).toEqual({
    chains: [{ chainId: 'chain-a', records: 3 }],
    hits: 5,
    releaseGrants: 0,
    problems: [{ chainId: 'chain-a', seq: 0, problem: expect.stringMatching(/^hit chain-a:0:0 .* is missing: deleted/) }],
  });
});

it('npm run audit:verify fails on a hit not written long after its record, and names the repair', async () => {
  const connection = await scratchDatabase();
  // Its gateway dies while writing the record's hits.
  let hung!: () => void;
  const writing = new Promise<void>((resolve) => (hung = resolve));
  hitWrites(connection).mockImplementation((() => {
    hung();
    return new Promise(() => undefined);
  }) as never);
  const dead = await open(connection);
  await dead.record({ ...withHits(0), at: new Date(Date.now() - UNWRITTEN_HIT_GRACE_MS - 60_000) });
  await writing;
  jest.restoreAllMocks();
  const jwksPath = join(directory, `jwks${uniqueSuffix()}.json`);
  writeFileSync(jwksPath, JSON.stringify(identity.gateway.jwks));
  const failed = await promisify(execFile)(
    process.execPath,
    [join(repositoryRoot, 'tools', 'dist', 'auditVerify.js'), '--database', connection.name, '--jwks', jwksPath],
    { env: childEnvironment({ MONGODB_URI: testDatabaseUri() }) },
  ).then(
    () => undefined,
    (error: { code?: number; stdout?: string }) => error,
  );
  expect(failed?.code).toBe(1);
  expect(failed?.stdout).toMatch(
    /PROBLEM chain chain-a record 0: hit chain-a:0:0 .* is missing, not written 10 minutes after its record: .*npm run audit:repair-hits/,
  );
  expect(failed?.stdout).not.toContain('NOT WRITTEN');
});
