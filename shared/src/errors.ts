import { GraphQLError } from 'graphql';

/**
 * Every error code a client can see. Codes are data: clients and tests match on them,
 * so a code, once published, keeps its meaning.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes whose message is safe to show a client as written; everything else is masked. */
export const CLIENT_SAFE_CODES: ReadonlySet<string> = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.SUBGRAPH_UNAVAILABLE,
  // Codes Apollo Server itself assigns to malformed requests.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** A client sent a value that cannot be accepted; `field` names the argument or input field. */
export class BadUserInputError extends GraphQLError {
  constructor(field: string, reason: string) {
    super(`Invalid value for "${field}": ${reason}`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT, field },
    });
  }
}
