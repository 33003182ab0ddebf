import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot, subgraphRegistry } from '@intel-gateway/shared/registry';

/**
 * The gateway-token key settings are checked at start, by the built services as deployed:
 * the gateway refuses to start when a registered subgraph has no key (naming it), a
 * subgraph when its key is missing or shorter than 256 bits. Nothing listens.
 */
const work = mkdtempSync(join(tmpdir(), 'token-key-settings-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const key = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** Runs a built service with these settings (no database is reached: the keys are read first) and returns its exit status and error output. */
function start(script: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, [join(repositoryRoot, script)], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'error', HOST: '127.0.0.1', PORT: '0', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr };
}

it('the gateway refuses to start when a registered subgraph has no token key, naming it', () => {
  const [missing, ...others] = subgraphRegistry.map((s) => s.name);
  const path = join(work, 'keys.json');
  writeFileSync(path, JSON.stringify(Object.fromEntries(others.map((name) => [name, key()]))), { mode: 0o600 });
  const { status, stderr } = start('gateway/dist/main.js', {
    SUBGRAPH_TOKEN_KEYS_PATH: path,
    AUDIT_MONGODB_URI: 'mongodb://127.0.0.1:9/none',
  });
  expect(status).toBe(1);
  expect(stderr).toContain(`SUBGRAPH_TOKEN_KEYS_PATH (${path}) has no token key for subgraph "${missing}"`);
});

it('the gateway refuses a key shorter than 256 bits, and a keys file that does not exist', () => {
  const path = join(work, 'short.json');
  writeFileSync(path, JSON.stringify(Object.fromEntries(subgraphRegistry.map((s, i) => [s.name, i === 0 ? key(16) : key()]))), {
    mode: 0o600,
  });
  expect(
    start('gateway/dist/main.js', { SUBGRAPH_TOKEN_KEYS_PATH: path, AUDIT_MONGODB_URI: 'mongodb://127.0.0.1:9/none' }).stderr,
  ).toContain('has 16 bytes; it needs at least 32');
  const absent = join(work, 'absent.json');
  expect(start('gateway/dist/main.js', { SUBGRAPH_TOKEN_KEYS_PATH: absent, AUDIT_MONGODB_URI: 'mongodb://127.0.0.1:9/none' })).toEqual({
    status: 1,
    stderr: expect.stringContaining(`SUBGRAPH_TOKEN_KEYS_PATH (${absent}) could not be read`),
  });
});

it('a subgraph refuses to start without its key file, or with a key shorter than 256 bits', () => {
  const absent = join(work, 'national-absent.key');
  expect(start('subgraphs/national/dist/main.js', { GATEWAY_TOKEN_KEY_PATH: absent, MONGODB_URI: 'mongodb://127.0.0.1:9/none' })).toEqual({
    status: 1,
    stderr: expect.stringContaining(`GATEWAY_TOKEN_KEY_PATH (${absent}) could not be read`),
  });
  const short = join(work, 'national-short.key');
  writeFileSync(short, `${key(31)}\n`, { mode: 0o600 });
  expect(start('subgraphs/national/dist/main.js', { GATEWAY_TOKEN_KEY_PATH: short, MONGODB_URI: 'mongodb://127.0.0.1:9/none' })).toEqual({
    status: 1,
    stderr: expect.stringContaining('the token key of subgraph "national" has 31 bytes; it needs at least 32'),
  });
});
