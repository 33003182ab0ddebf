import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { CLIENT_SAFE_CODES, ErrorCode } from '../errors';

/**
 * Lets through errors whose code is meant for clients and replaces everything else with a
 * generic message, after logging the original. No stack trace or internal message leaves.
 */
export function maskError(formatted: GraphQLFormattedError, error: unknown, logger: Logger): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_SAFE_CODES.has(code)) return formatted;
  logger.error({ err: error, path: formatted.path }, 'internal error masked from client');
  return {
    message: 'Internal server error',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
