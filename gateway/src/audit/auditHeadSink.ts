import { createSocket } from 'node:dgram';
import { open } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { hostname } from 'node:os';

/** Where the gateway ships its signed chain heads: an append-only file, or a syslog collector over UDP. */
export type AuditHeadSinkTarget = { kind: 'file'; path: string } | { kind: 'syslog'; host: string; port: number };

/** An open sink: `ship` appends one signed head line (see signedHeadLine). */
export interface AuditHeadSink {
  readonly target: AuditHeadSinkTarget;
  ship(line: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Parses the AUDIT_HEAD_SINK setting: `file:/absolute/path` (one JSON line per head,
 * appended) or `syslog:udp://host:port` (one RFC 5424 message per head, facility "log
 * audit"). Throws a message saying what is accepted.
 */
export function parseAuditHeadSink(setting: string): AuditHeadSinkTarget {
  if (setting.startsWith('file:')) {
    const path = setting.slice('file:'.length);
    if (!isAbsolute(path)) throw new Error(`AUDIT_HEAD_SINK file: must name an absolute path, got "${path}"`);
    return { kind: 'file', path };
  }
  if (setting.startsWith('syslog:udp://')) {
    let url: URL;
    try {
      url = new URL(setting.slice('syslog:'.length));
    } catch {
      throw new Error(`AUDIT_HEAD_SINK syslog:udp:// needs host:port, got "${setting}"`);
    }
    const port = Number(url.port);
    if (!url.hostname || !Number.isInteger(port) || port < 1 || url.pathname.replace(/^\/$/, '') !== '') throw new Error(`AUDIT_HEAD_SINK syslog:udp:// needs host:port and nothing else, got "${setting}"`);
    return { kind: 'syslog', host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port };
  }
  throw new Error(`AUDIT_HEAD_SINK must be file:/absolute/path or syslog:udp://host:port, got "${setting}"`);
}

/** Facility 13 (log audit), severity 6 (informational). */
const SYSLOG_PRIORITY = 13 * 8 + 6;

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
  const socket = createSocket(target.host.includes(':') ? 'udp6' : 'udp4');
  socket.unref();
  const host = hostname();
  return {
    target,
    ship: (line) =>
      new Promise<void>((resolve, reject) => {
        const message = `<${SYSLOG_PRIORITY}>1 ${new Date().toISOString()} ${host} intel-gateway ${process.pid} audit-head - ${line}`;
        socket.send(message, target.port, target.host, (error) => (error ? reject(error) : resolve()));
      }),
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
