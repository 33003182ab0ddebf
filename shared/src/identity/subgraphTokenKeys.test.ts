import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSubgraphTokenKeyFile, readSubgraphTokenKeysFile, subgraphTokenKey } from './subgraphTokenKeys';

/** The key files of gateway tokens are checked at start, each problem with a message naming the setting and the subgraph. */
const dir = mkdtempSync(join(tmpdir(), 'token-keys-'));
const key = () => randomBytes(32).toString('base64url');
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

it('reads the gateway keys file, a key or a list of keys per subgraph, current first', () => {
  const [a, b, c] = [key(), key(), key()];
  const keys = readSubgraphTokenKeysFile(file('keys.json', JSON.stringify({ interpol: a, national: [b, c] })), ['interpol', 'national']);
  expect(keys.interpol!.map((k) => k.kid)).toEqual([subgraphTokenKey('interpol', a, 'x').kid]);
  expect(keys.national!.map((k) => k.kid)).toEqual([subgraphTokenKey('national', b, 'x').kid, subgraphTokenKey('national', c, 'x').kid]);
  expect(keys.national![0]!.secret.export()).toEqual(Buffer.from(b, 'base64url'));
});

it('refuses a gateway keys file that lacks a registered subgraph, naming it', () => {
  const path = file('missing.json', JSON.stringify({ interpol: key() }));
  expect(() => readSubgraphTokenKeysFile(path, ['interpol', 'national'])).toThrow(
    `SUBGRAPH_TOKEN_KEYS_PATH (${path}) has no token key for subgraph "national"`,
  );
  expect(() => readSubgraphTokenKeysFile(file('constructor.json', '{}'), ['constructor'])).toThrow(
    'has no token key for subgraph "constructor"',
  );
});

it('refuses missing files, non-JSON, short keys and non-base64url keys', () => {
  expect(() => readSubgraphTokenKeysFile(join(dir, 'absent.json'), ['interpol'])).toThrow(/SUBGRAPH_TOKEN_KEYS_PATH .* could not be read/);
  expect(() => readSubgraphTokenKeysFile(file('bad.json', 'not json'), ['interpol'])).toThrow(/is not JSON/);
  expect(() => readSubgraphTokenKeysFile(file('array.json', '[]'), ['interpol'])).toThrow(/must be a JSON object/);
  expect(() => readSubgraphTokenKeysFile(file('empty-list.json', '{"interpol":[]}'), ['interpol'])).toThrow(/non-empty list/);
  expect(() =>
    readSubgraphTokenKeysFile(file('short.json', JSON.stringify({ interpol: randomBytes(31).toString('base64url') })), ['interpol']),
  ).toThrow(/has 31 bytes; it needs at least 32/);
  expect(() => readSubgraphTokenKeyFile(file('short.key', randomBytes(16).toString('base64url')), 'interpol')).toThrow(
    /GATEWAY_TOKEN_KEY_PATH .* has 16 bytes/,
  );
  expect(() => readSubgraphTokenKeyFile(file('text.key', 'not a key!'), 'interpol')).toThrow(/not base64url/);
  expect(() => readSubgraphTokenKeyFile(file('empty.key', '\n'), 'interpol')).toThrow(/holds no key/);
  expect(() => readSubgraphTokenKeyFile(join(dir, 'absent.key'), 'interpol')).toThrow(/GATEWAY_TOKEN_KEY_PATH .* could not be read/);
});

it("reads a subgraph's key file, one key a line, current first", () => {
  const [a, b] = [key(), key()];
  const keys = readSubgraphTokenKeyFile(file('national.key', `${a}\n${b}\n`), 'national');
  expect(keys.map((k) => k.kid)).toEqual([subgraphTokenKey('national', a, 'x').kid, subgraphTokenKey('national', b, 'x').kid]);
});
