import pino, { type DestinationStream, type Logger } from 'pino';
import { GATEWAY_TOKEN_HEADER } from '../identity/gatewayToken';

export type { Logger } from 'pino';

const SECRET_HEADERS = ['authorization', 'cookie', GATEWAY_TOKEN_HEADER];

/**
 * A pino logger for one service, writing JSON lines to stdout (or to `destination`).
 * Credentials never reach the log: the authorization, cookie and gateway-token headers are
 * redacted wherever a request's headers are logged.
 */
export function createLogger(service: string, level: string, destination?: DestinationStream): Logger {
  const options = {
    name: service,
    level,
    redact: {
      paths: SECRET_HEADERS.flatMap((header) => [`req.headers["${header}"]`, `headers["${header}"]`, `*.headers["${header}"]`]),
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
