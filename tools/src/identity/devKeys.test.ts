import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSubgraphTokenKeyFile, readSubgraphTokenKeysFile } from '@intel-gateway/shared/identity';
import { subgraphRegistry } from '@intel-gateway/shared/registry';
import { createDevIdentity, ensureDevIdentity, subgraphTokenKeyFile, subgraphTokenKeysFile } from './devKeys';

/** Development gateway-token keys: one per registered subgraph, private files, kept across runs, and a subgraph added later gets one. */
const names = subgraphRegistry.map((s) => s.name);
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dev-keys-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('makes a distinct 256-bit key for every registered subgraph, in memory', async () => {
  const identity = await createDevIdentity(['extra']);
  expect(Object.keys(identity.subgraphTokenKeys).sort()).toEqual([...names, 'extra'].sort());
  const keys = Object.values(identity.subgraphTokenKeys).map((list) => list[0]!);
  expect(new Set(keys).size).toBe(keys.length);
  for (const key of keys) expect(Buffer.from(key, 'base64url')).toHaveLength(32);
});

it("writes the gateway's keys file and each subgraph's own key file, readable by their owner only, that the services' readers accept", async () => {
  const identity = await ensureDevIdentity(dir);
  expect(statSync(subgraphTokenKeysFile(dir)).mode & 0o777).toBe(0o600);
  const all = readSubgraphTokenKeysFile(subgraphTokenKeysFile(dir), names);
  for (const name of names) {
    expect(statSync(subgraphTokenKeyFile(dir, name)).mode & 0o777).toBe(0o600);
    const own = readSubgraphTokenKeyFile(subgraphTokenKeyFile(dir, name), name);
    expect(own.map((k) => k.kid)).toEqual(all[name]!.map((k) => k.kid));
    expect(readFileSync(subgraphTokenKeyFile(dir, name), 'utf8')).toBe(`${identity.subgraphTokenKeys[name]!.join('\n')}\n`);
    // A subgraph's file holds its own key only.
    for (const other of names.filter((n) => n !== name))
      expect(readFileSync(subgraphTokenKeyFile(dir, name), 'utf8')).not.toContain(identity.subgraphTokenKeys[other]![0]);
  }
});

it('keeps existing keys on the next run, and gives a subgraph that has none (one added since) a new key', async () => {
  const first = await ensureDevIdentity(dir);
  expect((await ensureDevIdentity(dir)).subgraphTokenKeys).toEqual(first.subgraphTokenKeys);
  // As before a contributed subgraph was registered: the keys file lacks it.
  const [added, ...kept] = names;
  const older = Object.fromEntries(kept.map((name) => [name, first.subgraphTokenKeys[name]!]));
  writeFileSync(subgraphTokenKeysFile(dir), JSON.stringify(older));
  rmSync(subgraphTokenKeyFile(dir, added!));
  const next = await ensureDevIdentity(dir);
  for (const name of kept) expect(next.subgraphTokenKeys[name]).toEqual(first.subgraphTokenKeys[name]);
  expect(next.subgraphTokenKeys[added!]).toHaveLength(1);
  expect(next.subgraphTokenKeys[added!]).not.toEqual(first.subgraphTokenKeys[added!]);
  expect(readSubgraphTokenKeyFile(subgraphTokenKeyFile(dir, added!), added!)[0]!.kid).toBe(
    readSubgraphTokenKeysFile(subgraphTokenKeysFile(dir), names)[added!]![0]!.kid,
  );
});
