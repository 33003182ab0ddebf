import { type KeyObject, sign, verify } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import canonicalize from 'canonicalize';
import { z } from 'zod';

/**
 * A chain head as the gateway ships it to the external audit head sink: `chain` for an
 * audit chain's newest record, `registry` for the chain registry's newest registration
 * (then `chainId` names the chain it registered). The sink is append-only and outside the
 * database, so an insider who deletes the newest records and rewinds the head in the
 * database cannot rewind what was shipped.
 */
export interface ShippedHead {
  kind: 'chain' | 'registry';
  chainId: string;
  seq: number;
  hash: string;
  /** When it was shipped (ISO 8601). */
  at: string;
}

const shippedLine = z.object({
  kind: z.enum(['chain', 'registry']),
  chainId: z.string().min(1),
  seq: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string().min(1),
  signature: z.string().min(1),
});

/** What a shipped head's signature covers, under a label of its own. */
function shippedHeadBytes(head: ShippedHead): Buffer {
  const { kind, chainId, seq, hash, at } = head;
  return Buffer.from(`intel-gateway audit head ${canonicalize({ kind, chainId, seq, hash, at }) as string}`);
}

/** One sink line: the head and the gateway's Ed25519 signature over it, as canonical JSON. */
export function signedHeadLine(head: ShippedHead, key: KeyObject): string {
  const { kind, chainId, seq, hash, at } = head;
  return canonicalize({ kind, chainId, seq, hash, at, signature: sign(null, shippedHeadBytes(head), key).toString('base64url') }) as string;
}

/** The newest head shipped for each chain, and for the registry, as read back from a sink. */
export interface ShippedHeads {
  chains: Map<string, { seq: number; hash: string }>;
  registry?: { seq: number; hash: string; chainId: string };
  /** Lines that are not a head signed by the gateway (each with its line number). */
  problems: string[];
}

/**
 * Reads a sink's lines one at a time (a file sink's lines, or the messages a syslog target
 * collected: each head is the JSON from the line's first `{`), keeping only the newest head
 * per chain. Lines without a head are skipped; a head whose signature does not verify with
 * the gateway's keys is reported, never used.
 */
export async function readShippedHeads(path: string, keys: readonly KeyObject[]): Promise<ShippedHeads> {
  const heads: ShippedHeads = { chains: new Map(), problems: [] };
  let number = 0;
  for await (const line of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
    number++;
    const start = line.indexOf('{');
    if (start < 0) continue;
    let parsed: z.infer<typeof shippedLine>;
    try {
      parsed = shippedLine.parse(JSON.parse(line.slice(start)));
    } catch {
      heads.problems.push(`line ${number} of the sink is not a shipped head`);
      continue;
    }
    const { signature, ...head } = parsed;
    if (!keys.some((key) => verify(null, shippedHeadBytes(head), key, Buffer.from(signature, 'base64url')))) {
      heads.problems.push(`line ${number} of the sink is not signed by the gateway's keys`);
      continue;
    }
    if (head.kind === 'registry') {
      if (!heads.registry || head.seq > heads.registry.seq) heads.registry = { seq: head.seq, hash: head.hash, chainId: head.chainId };
    } else {
      const known = heads.chains.get(head.chainId);
      if (!known || head.seq > known.seq) heads.chains.set(head.chainId, { seq: head.seq, hash: head.hash });
    }
  }
  return heads;
}
