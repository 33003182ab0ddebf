import { GraphQLError } from 'graphql';

/**
 * Every error code a client can see. Codes are data: clients and tests match on them,
 * so a code, once published, keeps its meaning.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  OPERATION_TOO_DEEP: 'OPERATION_TOO_DEEP',
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  TOO_MANY_ROOT_FIELDS: 'TOO_MANY_ROOT_FIELDS',
  TOO_MANY_DIRECTIVES: 'TOO_MANY_DIRECTIVES',
  TOO_MANY_TOKENS: 'TOO_MANY_TOKENS',
  OPERATION_TOO_COSTLY: 'OPERATION_TOO_COSTLY',
  /** Merging the operation's fragments visits more selections than the limit (a fan-out of fragments). */
  OPERATION_TOO_LARGE: 'OPERATION_TOO_LARGE',
  /** A subgraph returned a record the release rules do not give the caller; nothing was sent. */
  ANSWER_WITHHELD: 'ANSWER_WITHHELD',
  /** An export or forward refused: some content's handling code or TLP forbids it (see extensions.records). */
  EXPORT_REFUSED: 'EXPORT_REFUSED',
  /** A hit/no-hit answer: a record matches, and only that is released (see extensions.hit). */
  HIT: 'HIT',
  /** The disclosure audit could not be written, so no data was sent. */
  AUDIT_UNAVAILABLE: 'AUDIT_UNAVAILABLE',
  /** An operation referenced by id that is not among the caller agency's trusted documents. */
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  /** The caller's agency runs only its trusted documents, and this operation is not one of them. */
  PERSISTED_QUERY_NOT_IN_LIST: 'PERSISTED_QUERY_NOT_IN_LIST',
  /** The request itself is malformed (Apollo Server's own code for it, reused). */
  BAD_REQUEST: 'BAD_REQUEST',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes whose message is safe to show a client as written; everything else is masked. */
export const CLIENT_SAFE_CODES: ReadonlySet<string> = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.SUBGRAPH_UNAVAILABLE,
  ErrorCode.OPERATION_TOO_DEEP,
  ErrorCode.TOO_MANY_ALIASES,
  ErrorCode.TOO_MANY_ROOT_FIELDS,
  ErrorCode.TOO_MANY_DIRECTIVES,
  ErrorCode.TOO_MANY_TOKENS,
  ErrorCode.OPERATION_TOO_COSTLY,
  ErrorCode.OPERATION_TOO_LARGE,
  ErrorCode.AUDIT_UNAVAILABLE,
  ErrorCode.HIT,
  ErrorCode.EXPORT_REFUSED,
  ErrorCode.ANSWER_WITHHELD,
  ErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ErrorCode.PERSISTED_QUERY_NOT_IN_LIST,
  ErrorCode.BAD_REQUEST,
  // Codes Apollo Server itself assigns to malformed requests.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
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

/**
 * A request refused before any GraphQL runs (no or bad token: 401; purpose not allowed:
 * 403; an operation id that names no trusted document: 400; a subgraph too busy to
 * check a gateway token safely: 503). The HTTP server answers it
 * with this status and a GraphQL-shaped error, no data. `reason` is a stable code clients
 * can act on.
 */
export class RequestRefusedError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 503,
    readonly code:
      | typeof ErrorCode.UNAUTHENTICATED
      | typeof ErrorCode.FORBIDDEN
      | typeof ErrorCode.BAD_REQUEST
      | typeof ErrorCode.PERSISTED_QUERY_NOT_FOUND
      | typeof ErrorCode.PERSISTED_QUERY_NOT_IN_LIST,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }

  toResponseBody(): { errors: { message: string; extensions: { code: string; reason: string } }[] } {
    return { errors: [{ message: this.message, extensions: { code: this.code, reason: this.reason } }] };
  }
}
