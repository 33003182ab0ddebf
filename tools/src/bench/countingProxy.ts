import { type AddressInfo, connect, createServer, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the database that counts round trips: every MongoDB wire
 * message a client sends (each starts with its int32 length) is one request the server
 * answers. The bench points the subgraphs at it, so "database round trips per operation"
 * is counted on the wire, not estimated.
 */
export interface CountingProxy {
  /** The connection string to hand the subgraphs (direct, so the driver does not bypass the proxy). */
  uri: string;
  /** Messages sent through the proxy so far. */
  messages(): number;
  close(): Promise<void>;
}

export async function startCountingProxy(targetUri: string): Promise<CountingProxy> {
  const target = new URL(targetUri.replace(/^mongodb:/, 'http:'));
  let messages = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    // Bytes still owed to the message in flight, and a length prefix split across chunks.
    let remaining = 0;
    let prefix = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      let offset = 0;
      while (offset < chunk.length) {
        if (remaining > 0) {
          const take = Math.min(remaining, chunk.length - offset);
          remaining -= take;
          offset += take;
          continue;
        }
        const part = chunk.subarray(offset, offset + 4 - prefix.length);
        prefix = Buffer.concat([prefix, part]);
        offset += part.length;
        if (prefix.length < 4) break;
        messages++;
        remaining = prefix.readInt32LE(0) - 4;
        prefix = Buffer.alloc(0);
      }
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return {
    uri: `mongodb://127.0.0.1:${(server.address() as AddressInfo).port}/?directConnection=true`,
    messages: () => messages,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
