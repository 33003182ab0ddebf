import type { Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { close, createGraphQLHttpServer, listen, type ListenerLimits } from '@intel-gateway/shared/http';
import { silentLogger } from './harness';

/**
 * The listener's connection limits, attacked with raw sockets on loopback: a caller that
 * stops reading its answer, leaves a connection idle, drips its headers or opens too many
 * connections loses the connection within a bound; a caller that reads slowly but steadily,
 * or waits for a slow operation, is answered in full.
 */

/** Small limits, so each bound is reached in well under a second. */
const LIMITS: ListenerLimits = {
  keepAliveTimeoutMs: 300,
  headersTimeoutMs: 600,
  requestTimeoutMs: 1_000,
  responseIdleTimeoutMs: 500,
  maxConnections: 3,
};

/** Far larger than what the kernel buffers for one loopback connection that nobody reads (a few MB). */
const LARGE_ANSWER_CHARS = 16_000_000;

const typeDefs = `type Query { large: String! slow: String! small: String! }`;
const resolvers = {
  Query: {
    large: () => 'x'.repeat(LARGE_ANSWER_CHARS),
    slow: async () => {
      await new Promise((resolve) => setTimeout(resolve, 3 * LIMITS.responseIdleTimeoutMs));
      return 'done';
    },
    small: () => 'ok',
  },
};

let apollo: ApolloServer;
let server: Server;
let port: number;
/** The listener's end of each connection, by the client's port. */
const serverEnds = new Map<number, Socket>();
beforeAll(async () => {
  apollo = new ApolloServer({ typeDefs, resolvers });
  await apollo.start();
  server = createGraphQLHttpServer({ apollo, context: async () => ({}), logger: silentLogger, listenerLimits: LIMITS });
  server.on('connection', (socket: Socket) => serverEnds.set(socket.remotePort!, socket));
  port = Number(new URL(await listen(server, '127.0.0.1', 0)).port);
});
afterAll(async () => {
  await close(server);
  await apollo.stop();
});

function graphqlRequest(query: string): string {
  const body = JSON.stringify({ query });
  return [
    'POST /graphql HTTP/1.1',
    'Host: 127.0.0.1',
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}

interface Connection {
  socket: Socket;
  received(): number;
  text(): string;
  /** Resolves with the ms from `from` to the server's closing the connection, or undefined if it is still open after `withinMs`. */
  closedWithin(withinMs: number, from?: number): Promise<number | undefined>;
}

/** A raw connection to the listener that records what it receives and when it closes. */
async function openConnection(onData?: (socket: Socket, chunk: Buffer) => void): Promise<Connection> {
  const socket = connect(port, '127.0.0.1');
  let received = 0;
  let text = '';
  let closedAt: number | undefined;
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.once('close', () => (closedAt = performance.now()));
  socket.on('error', () => undefined);
  socket.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (text.length < 4096) text += chunk.toString('latin1');
    onData?.(socket, chunk);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return {
    socket,
    received: () => received,
    text: () => text,
    closedWithin: async (withinMs, from = performance.now()) => {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([closed, new Promise((resolve) => (timer = setTimeout(resolve, withinMs)))]);
      clearTimeout(timer);
      return closedAt === undefined ? undefined : closedAt - from;
    },
  };
}

describe('an answer that is not being read', () => {
  it('is dropped, and its connection closed, once it has made no progress for the response idle timeout', async () => {
    // Read the first chunk of a 16 MB answer, then stop reading.
    let paused = false;
    const connection = await openConnection((socket) => {
      if (!paused) socket.pause();
      paused = true;
    });
    connection.socket.write(graphqlRequest('{ large }'));
    // A client that does not read does not see its connection close either: watch the listener's end.
    const serverEnd = serverEnds.get(connection.socket.localPort!)!;
    let timer: NodeJS.Timeout | undefined;
    const closed = await Promise.race([
      new Promise<boolean>((resolve) => serverEnd.once('close', () => resolve(true))),
      new Promise<boolean>((resolve) => (timer = setTimeout(resolve, 10_000, false))),
    ]);
    clearTimeout(timer);
    expect(connection.text()).toMatch(/^HTTP\/1\.1 200 /);
    expect(closed).toBe(true);
    // What it reads afterwards is what the kernel still held, never the whole answer.
    connection.socket.resume();
    expect(await connection.closedWithin(5_000)).toBeDefined();
    expect(connection.received()).toBeLessThan(LARGE_ANSWER_CHARS);
  });

  it('is sent in full to a caller that reads slowly but keeps reading, however long the whole answer takes', async () => {
    let sincePause = 0;
    const started = performance.now();
    // Pause for most of the idle timeout after every 2 MB: the answer takes far longer than the timeout, but never stalls that long.
    const connection = await openConnection((socket, chunk) => {
      sincePause += chunk.length;
      if (sincePause < 2_000_000) return;
      sincePause = 0;
      socket.pause();
      setTimeout(() => socket.resume(), 300);
    });
    connection.socket.write(graphqlRequest('{ large }'));
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (connection.received() > LARGE_ANSWER_CHARS || connection.socket.destroyed) {
          clearInterval(check);
          resolve();
        }
      }, 20);
    });
    expect(connection.received()).toBeGreaterThan(LARGE_ANSWER_CHARS);
    expect(performance.now() - started).toBeGreaterThan(LIMITS.responseIdleTimeoutMs);
    connection.socket.destroy();
  });

  it('never cuts an operation that runs longer than the response idle timeout before it answers', async () => {
    const connection = await openConnection();
    connection.socket.write(graphqlRequest('{ slow }'));
    await connection.closedWithin(4 * LIMITS.responseIdleTimeoutMs);
    expect(connection.text()).toMatch(/^HTTP\/1\.1 200 /);
    expect(connection.text()).toContain('{"data":{"slow":"done"}}');
    connection.socket.destroy();
  });
});

describe('keep-alive', () => {
  it('serves several requests on one connection, then closes it once idle for the keep-alive timeout', async () => {
    let responses = 0;
    const connection = await openConnection((_socket, chunk) => {
      responses += (chunk.toString('latin1').match(/HTTP\/1\.1 200 /g) ?? []).length;
    });
    connection.socket.write(graphqlRequest('{ small }'));
    await new Promise((resolve) => setTimeout(resolve, LIMITS.keepAliveTimeoutMs / 3));
    connection.socket.write(graphqlRequest('{ small }'));
    await new Promise((resolve) => setTimeout(resolve, LIMITS.keepAliveTimeoutMs / 3));
    expect(responses).toBe(2);
    const closedAfter = await connection.closedWithin(5_000);
    expect(closedAfter).toBeDefined();
  });
});

describe('a request that does not arrive', () => {
  it('closes a connection whose headers never end, at the headers timeout', async () => {
    const connection = await openConnection();
    connection.socket.write('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    const drip = setInterval(() => connection.socket.write('a'), 100);
    const closedAfter = await connection.closedWithin(8_000);
    clearInterval(drip);
    expect(closedAfter).toBeDefined();
  });
});

describe('the connection cap', () => {
  it('closes connections past maxConnections at once, and takes new ones once others have gone', async () => {
    const held = await Promise.all(Array.from({ length: LIMITS.maxConnections }, () => openConnection()));
    // Sent now, so the held connections are past their headers and in use.
    for (const connection of held) connection.socket.write(graphqlRequest('{ slow }'));
    const extra = await openConnection();
    expect(await extra.closedWithin(3_000)).toBeDefined();
    expect(extra.received()).toBe(0);
    for (const connection of held) await connection.closedWithin(4 * LIMITS.responseIdleTimeoutMs);
    for (const connection of held) expect(connection.text()).toContain('{"data":{"slow":"done"}}');
    for (const connection of held) connection.socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const later = await openConnection();
    later.socket.write(graphqlRequest('{ small }'));
    await later.closedWithin(1_000);
    expect(later.text()).toContain('{"data":{"small":"ok"}}');
    later.socket.destroy();
  });
});
