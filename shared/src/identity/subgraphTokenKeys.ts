import { createHash, createSecretKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Fewest bytes a subgraph token key has: 256 bits, the HMAC-SHA256 output size. */
export const MIN_SUBGRAPH_TOKEN_KEY_BYTES = 32;

/**
 * One HMAC-SHA256 key of a subgraph's gateway tokens. Its `kid` names the subgraph and the
 * key's version (the first 72 bits of the key's SHA-256, which say nothing usable about the
 * key), so a subgraph that lists a current and a previous key during a rotation knows which
 * one a token claims.
 */
export interface SubgraphTokenKey {
  kid: string;
  secret: KeyObject;
}

/** The keys of each subgraph, by subgraph name; the first of each list is the current one (it signs), the others only verify. */
export type SubgraphTokenKeys = Record<string, readonly SubgraphTokenKey[]>;

/** A subgraph's token key from its base64url text; throws a message naming `where` unless it decodes to at least 32 bytes. */
export function subgraphTokenKey(subgraph: string, encoded: string, where: string): SubgraphTokenKey {
  const text = encoded.trim();
  if (!/^[A-Za-z0-9_-]+$/.test(text)) throw new Error(`${where}: the token key of subgraph "${subgraph}" is not base64url text`);
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.length < MIN_SUBGRAPH_TOKEN_KEY_BYTES) {
    throw new Error(
      `${where}: the token key of subgraph "${subgraph}" has ${bytes.length} bytes; it needs at least ${MIN_SUBGRAPH_TOKEN_KEY_BYTES} (e.g. openssl rand 32 | basenc --base64url)`,
    );
  }
  const version = createHash('sha256').update(bytes).digest('base64url').slice(0, 12);
  return { kid: `${subgraph}.${version}`, secret: createSecretKey(bytes) };
}

function readText(path: string, setting: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`${setting} (${path}) could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The gateway's subgraph token keys (SUBGRAPH_TOKEN_KEYS_PATH): a JSON object from each
 * subgraph's name to its base64url key, or a list of keys with the current one first.
 * Every subgraph in `subgraphs` must have one; a missing one, a file that is not such an
 * object, or a key shorter than 32 bytes throws a message naming the setting and the subgraph.
 */
export function readSubgraphTokenKeysFile(
  path: string,
  subgraphs: readonly string[],
  setting = 'SUBGRAPH_TOKEN_KEYS_PATH',
): SubgraphTokenKeys {
  const where = `${setting} (${path})`;
  let raw: unknown;
  try {
    raw = JSON.parse(readText(path, setting));
  } catch (error) {
    if (error instanceof SyntaxError) throw new Error(`${where} is not JSON: ${error.message}`);
    throw error;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new Error(`${where} must be a JSON object from subgraph names to base64url keys`);
  const entries = new Map(Object.entries(raw as Record<string, unknown>));
  const keys: SubgraphTokenKeys = {};
  for (const subgraph of subgraphs) {
    const value = entries.get(subgraph);
    if (value === undefined) throw new Error(`${where} has no token key for subgraph "${subgraph}"`);
    const list = Array.isArray(value) ? (value as unknown[]) : [value];
    if (list.length === 0 || !list.every((key): key is string => typeof key === 'string')) {
      throw new Error(`${where}: the token key of subgraph "${subgraph}" must be a base64url string or a non-empty list of them`);
    }
    keys[subgraph] = list.map((key) => subgraphTokenKey(subgraph, key, where));
  }
  return keys;
}

/**
 * A subgraph's own token keys (GATEWAY_TOKEN_KEY_PATH): base64url keys, one a line, the
 * current one first and the previous one(s) after it while a rotation rolls out. Throws a
 * message naming the setting when the file is missing, empty or holds a key under 32 bytes.
 */
export function readSubgraphTokenKeyFile(path: string, subgraph: string, setting = 'GATEWAY_TOKEN_KEY_PATH'): SubgraphTokenKey[] {
  const where = `${setting} (${path})`;
  const lines = readText(path, setting)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length === 0) throw new Error(`${where} holds no key`);
  return lines.map((line) => subgraphTokenKey(subgraph, line, where));
}
