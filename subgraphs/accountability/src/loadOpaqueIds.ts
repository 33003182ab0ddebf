import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { type Connection, Schema } from 'mongoose';
import { DURABLE_WRITE } from '@intel-gateway/shared/audit';
import { isDuplicateKey, registerModel } from '@intel-gateway/shared/database';

/**
 * Handles for audit entries and hits, for callers who may not learn the store's sequence numbers.
 * Stored ids are `<chainId>:<seq>` (and `:<n>` for a hit): shown as they are, two of them
 * would tell how many operations of every agency the gateway served in between. A handle is
 * a keyed digest of the stored id (the same id always gives the same handle, and nobody
 * without the key can tell which id, nor how many others lie between two); a cursor is the stored id
 * encrypted and authenticated under the same key, so a page can continue after it and
 * nothing else can be read from it or forged.
 */
export interface OpaqueIds {
  /** The stable handle shown for a stored id. */
  idOf(storedId: string): string;
  /** A cursor payload naming a stored id, readable only with this store's key. */
  seal(storedId: string): string;
  /** The stored id a sealed payload names; undefined for anything this store's key did not seal. */
  open(sealed: string): string | undefined;
}

const KEY_ID = 'opaque-ids';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** How much of the keyed digest a handle keeps: 128 bits, base64url. */
const HANDLE_CHARS = 22;

interface AccountabilityKeyRecord {
  _id: string;
  key: string;
}

const keySchema = new Schema<AccountabilityKeyRecord>(
  { _id: { type: String, required: true }, key: { type: String, required: true } },
  { versionKey: false },
);

/**
 * The key is made once and kept in the gateway's store beside the trail, so handles stay
 * the same across restarts and replicas of this subgraph. Someone who can read the store
 * reads the trail itself; the handles only keep the sequence numbers from callers of the API.
 */
async function storedKey(connection: Connection): Promise<Buffer> {
  const Key = registerModel(connection, 'AccountabilityKey', keySchema, 'accountabilityKeys');
  // Made once and never changed (the store's user may insert it, not update it); of two replicas starting at once, one insert wins and the other reads it.
  const made = { _id: KEY_ID, key: randomBytes(32).toString('base64url') };
  const kept =
    (await Key.findById(KEY_ID).lean<AccountabilityKeyRecord>()) ??
    (await Key.collection
      // Durable: a key lost to a failover would change every id and cursor handed out.
      .insertOne(made as never, { writeConcern: DURABLE_WRITE })
      .then(() => made)
      .catch(async (error: unknown) => {
        // Another replica inserted it first: read that one. Any other failure is the store's, and stops the start.
        if (!isDuplicateKey(error)) throw error;
        return Key.findById(KEY_ID).lean<AccountabilityKeyRecord>();
      }));
  if (!kept) throw new Error('the accountability key could not be read or made');
  return Buffer.from(kept.key, 'base64url');
}

/** The opaque handles and cursors of this store (see `OpaqueIds`). */
export async function loadOpaqueIds(connection: Connection): Promise<OpaqueIds> {
  const key = await storedKey(connection);
  const derive = (use: string) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), use, 32));
  const handleKey = derive('audit handles');
  const cursorKey = derive('audit cursors');
  return {
    idOf: (storedId) => createHmac('sha256', handleKey).update(storedId).digest('base64url').slice(0, HANDLE_CHARS),
    seal: (storedId) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', cursorKey, iv);
      const sealed = Buffer.concat([cipher.update(storedId, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
    },
    open: (sealed) => {
      const bytes = Buffer.from(sealed, 'base64url');
      if (bytes.length <= IV_BYTES + TAG_BYTES) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', cursorKey, bytes.subarray(0, IV_BYTES));
        decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        return undefined;
      }
    },
  };
}
