import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * A pino logger for one service. Credentials never reach the log: authorization and
 * cookie headers are redacted wherever a request is logged.
 */
export function createLogger(service: string, level: string): Logger {
  return pino({
    name: service,
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        'headers.cookie',
        '*.headers.authorization',
      ],
      censor: '[redacted]',
    },
  });
}
