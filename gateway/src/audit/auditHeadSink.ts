import { createSocket } from 'node:dgram';
import { open } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { hostname } from 'node:os';
import { isAbsolute } from 'node:path';

/** Where the gateway ships its signed chain heads: an append-only file, or a syslog collector over UDP or TCP. */
export type AuditHeadSinkTarget = { kind: 'file'; path: string } | { kind: 'syslog'; transport: 'udp' | 'tcp'; host: string; port: number };

/** An open sink: `ship` appends one signed head line (see signedHeadLine). */
export interface AuditHeadSink {
  readonly target: AuditHeadSinkTarget;
  ship(line: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Parses the AUDIT_HEAD_SINK setting: `file:/absolute/path` (one JSON line per head,
 * appended), `syslog:udp://host:port` or `syslog:tcp://host:port` (one RFC 5424 message
 * per head, facility "log audit"; over TCP framed by octet counting, RFC 6587). Throws a
 * message saying what is accepted.
 */
export function parseAuditHeadSink(setting: string): AuditHeadSinkTarget {
  if (setting.startsWith('file:')) {
    const path = setting.slice('file:'.length);
    if (!isAbsolute(path)) throw new Error(`AUDIT_HEAD_SINK file: must name an absolute path, got "${path}"`);
    return { kind: 'file', path };
  }
  const syslog = /^syslog:(udp|tcp):\/\//.exec(setting);
  if (syslog) {
    const transport = syslog[1] as 'udp' | 'tcp';
    let url: URL | undefined;
    try {
      url = new URL(setting.slice('syslog:'.length));
    } catch {
      url = undefined;
    }
    const port = Number(url?.port);
    if (!url?.hostname || !Number.isInteger(port) || port < 1 || url.pathname.replace(/^\/$/, '') !== '' || url.search || url.username) {
      throw new Error(`AUDIT_HEAD_SINK syslog:${transport}:// needs host:port and nothing else, got "${setting}"`);
    }
    return { kind: 'syslog', transport, host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port };
  }
  throw new Error(`AUDIT_HEAD_SINK must be file:/absolute/path, syslog:udp://host:port or syslog:tcp://host:port, got "${setting}"`);
}

/** Facility 13 (log audit), severity 6 (informational). */
const SYSLOG_PRIORITY = 13 * 8 + 6;

const syslogMessage = (line: string) =>
  `<${SYSLOG_PRIORITY}>1 ${new Date().toISOString()} ${hostname()} intel-gateway ${process.pid} audit-head - ${line}`;

/** How long connecting to a TCP collector may take. */
const CONNECT_TIMEOUT_MS = 5_000;

/** A TCP connection to the collector, made on first use and again after it breaks; heads wait for one attempt at a time. */
function tcpSink(target: Extract<AuditHeadSinkTarget, { kind: 'syslog' }>): AuditHeadSink {
  let connection: Promise<Socket> | undefined;
  const connected = () =>
    (connection ??= new Promise<Socket>((resolve, reject) => {
      const socket = connect({ host: target.host, port: target.port });
      socket.unref();
      socket.setTimeout(CONNECT_TIMEOUT_MS, () =>
        socket.destroy(new Error(`no connection to the syslog collector within ${CONNECT_TIMEOUT_MS} ms`)),
      );
      socket.once('error', reject);
      // Once closed (by either side, or an error), the next head opens another connection.
      socket.once('close', () => (connection = undefined));
      socket.once('connect', () => {
        socket.setTimeout(0);
        socket.off('error', reject);
        socket.on('error', () => socket.destroy());
        socket.setNoDelay(true);
        resolve(socket);
      });
    }));
  return {
    target,
    ship: async (line) => {
      const socket = await connected();
      const message = syslogMessage(line);
      await new Promise<void>((resolve, reject) =>
        socket.write(`${Buffer.byteLength(message)} ${message}`, (error) => (error ? reject(error) : resolve())),
      );
    },
    close: async () => {
      const open = await connection?.catch(() => undefined);
      if (open && !open.destroyed) await new Promise<void>((resolve) => open.end(resolve));
    },
  };
}

/** Opens the sink a setting names (see parseAuditHeadSink); a file is created if missing, readable by its owner only. */
export async function openAuditHeadSink(target: AuditHeadSinkTarget): Promise<AuditHeadSink> {
  if (target.kind === 'file') {
    const file = await open(target.path, 'a', 0o600);
    return {
      target,
      ship: async (line) => {
        await file.appendFile(`${line}\n`);
      },
      close: () => file.close(),
    };
  }
  if (target.transport === 'tcp') return tcpSink(target);
  const socket = createSocket(target.host.includes(':') ? 'udp6' : 'udp4');
  socket.unref();
  return {
    target,
    ship: (line) =>
      new Promise<void>((resolve, reject) =>
        socket.send(syslogMessage(line), target.port, target.host, (error) => (error ? reject(error) : resolve())),
      ),
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
