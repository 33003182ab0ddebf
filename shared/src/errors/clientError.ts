import { GraphQLError } from 'graphql';
import { REFUSAL_REASONS, type RefusalReason } from './errorCatalog';
import type { ErrorCode } from './errorCodes';

/** Where an error sits and what it carries besides its code. */
export interface ClientErrorOptions {
  /** The response path of the field it is about. */
  path?: readonly (string | number)[] | undefined;
  /** Extensions after `code` (and `reason`), in the order given: clients see them as written. */
  extensions?: Record<string, unknown>;
  /** The cause, kept for the log; never shown to the client. */
  originalError?: Error;
}

/**
 * The one way to build a GraphQL error a client sees with one of our codes (see
 * ERROR_CODES): its message, `extensions.code` first, then the extensions of its kind.
 */
export function clientError(code: ErrorCode, message: string, options: ClientErrorOptions = {}): GraphQLError {
  return new GraphQLError(message, {
    ...(options.path ? { path: options.path } : {}),
    ...(options.originalError ? { originalError: options.originalError } : {}),
    extensions: { code, ...options.extensions },
  });
}

/** A refusal for a catalogued reason: its code comes from REFUSAL_REASONS, then `reason`, then the other extensions. */
export function refusalError(reason: RefusalReason, message: string, options: ClientErrorOptions = {}): GraphQLError {
  return clientError(REFUSAL_REASONS[reason].code, message, { ...options, extensions: { reason, ...options.extensions } });
}
