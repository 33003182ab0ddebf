import { ErrorCode } from './errorCodes';

/**
 * What each error code a client can see means: the one table the docs' error page
 * (`docs/errors.md`, written by `npm run errors:doc`) is generated from.
 */
export const ERROR_CODES: { readonly [C in ErrorCode]: string } = {
  BAD_USER_INPUT:
    'A value the client sent cannot be accepted (an argument, an input field, a reserved alias, introspection mixed with data); `extensions.field` names it where there is one.',
  UNAUTHENTICATED:
    'No valid token: the agency token at the gateway, or the gateway token at a subgraph. `extensions.reason` says why (HTTP 401, or 503 when a subgraph cannot check replays safely).',
  FORBIDDEN:
    'Refused by a rule: a field the policy denies (at its path, with `extensions.field`), a purpose not declared or not allowed (HTTP 403), or no visible field at all. `extensions.reason` says which rule.',
  INTERNAL_SERVER_ERROR:
    'Anything unexpected; the message is masked and the detail is in the log. Also served while the supergraph does not match the field policy.',
  SUBGRAPH_UNAVAILABLE:
    'A subgraph gave nothing for the fields it was to fill (unreachable, too slow, too large, malformed); `extensions.serviceName` and `extensions.reason` say which and why. What other subgraphs answered stays.',
  OPERATION_TOO_DEEP: 'The operation nests deeper than the limit (`extensions.limit`, `extensions.value`).',
  TOO_MANY_ALIASES: 'The operation has more aliases than the limit.',
  TOO_MANY_ROOT_FIELDS: 'The operation asks for more root fields than the limit.',
  TOO_MANY_DIRECTIVES: 'The operation uses more directives than the limit.',
  TOO_MANY_TOKENS: 'The document has more tokens than the parser accepts (the operation is too long).',
  OPERATION_TOO_COSTLY: 'The operation could fetch more objects than the cost limit allows.',
  OPERATION_TOO_LARGE: 'Merging the operation’s fragments visits more selections than the limit allows (a fan-out of fragments).',
  ANSWER_WITHHELD:
    'A subgraph returned a record the release rules do not give the caller, or a record of an owner it does not serve: nothing was sent, and the incident is logged.',
  EXPORT_REFUSED: "An export or forward refused: some content's handling code or TLP forbids it (see `extensions.records`).",
  HIT: 'A hit/no-hit answer: a record matches, and only that is released (see `extensions.hit`: owner, contact point, an opaque reference to cite when asking for release).',
  AUDIT_UNAVAILABLE:
    'The disclosure audit (or the release records it is checked against) could not be written or read, so no data was sent (HTTP 503). Try again later.',
  PERSISTED_QUERY_NOT_FOUND: "An operation referenced by id that is not among the caller agency's trusted documents.",
  PERSISTED_QUERY_NOT_IN_LIST: "The caller's agency runs only its trusted documents, and this operation is not one of them (HTTP 403).",
  BAD_REQUEST: 'The request itself is malformed (a body that is not JSON, too large, a malformed or mismatched document id).',
};

/** One refusal reason: the code it comes with, where it is decided, and what it means. */
export interface RefusalReasonEntry {
  code: ErrorCode;
  /** Where the refusal is made. */
  where: string;
  description: string;
}

const field = (description: string): RefusalReasonEntry => ({
  code: ErrorCode.FORBIDDEN,
  where: 'field policy (gateway and subgraphs)',
  description,
});
const agencyToken = (description: string): RefusalReasonEntry => ({
  code: ErrorCode.UNAUTHENTICATED,
  where: 'gateway, agency token (HTTP 401)',
  description,
});
const gatewayToken = (description: string): RefusalReasonEntry => ({
  code: ErrorCode.UNAUTHENTICATED,
  where: 'subgraph, gateway token (HTTP 401)',
  description,
});
const subgraphCall = (description: string): RefusalReasonEntry => ({
  code: ErrorCode.SUBGRAPH_UNAVAILABLE,
  where: 'gateway, subgraph call',
  description,
});

/**
 * Every refusal reason a client can see in `extensions.reason`, with its code: the one
 * table of reasons. The named reason sets (DenialReason, TokenRefusal, GatewayTokenRefusal,
 * PurposeRefusal, DocumentIdRefusal, SubgraphFailure) are checked against it when they are
 * compiled, so a reason cannot reach the wire without a row here.
 */
export const REFUSAL_REASONS = {
  ROLE_NOT_PERMITTED: field("None of the caller's roles may read the field."),
  AGENCY_NOT_PERMITTED: field("The caller's kind of agency may not read the field."),
  NOT_RECORD_OWNER: field("The field is shown to the record owner's agency only."),
  NO_RULE: field('The policy has no rule for the field, so it is denied.'),
  PROTECTED_SUBJECT: field("A victim's or witness's details, outside the project or case that holds them."),
  INFORMANT_PROTECTED: field("An informant's identity, to anyone but the owner's source handlers."),
  DENIED: field('A rule refused without giving a reason.'),
  NO_VISIBLE_FIELDS: {
    code: ErrorCode.FORBIDDEN,
    where: 'gateway, introspection',
    description: "The caller's roles give it no field of the schema to query, so it has no schema to introspect.",
  },
  SUBGRAPH_RULE: {
    code: ErrorCode.FORBIDDEN,
    where: 'subgraph, its own field rules',
    description: "The subgraph's own deny-by-default rules refused the field (defence in depth behind the gateway's policy).",
  },

  PURPOSE_MISSING: {
    code: ErrorCode.FORBIDDEN,
    where: 'gateway, declared purpose (HTTP 403)',
    description: 'The request declares no purpose in the `x-purpose` header.',
  },
  PURPOSE_NOT_ALLOWED: {
    code: ErrorCode.FORBIDDEN,
    where: 'gateway, declared purpose (HTTP 403)',
    description: "The declared purpose is not one of the caller's allowed purposes.",
  },

  TOKEN_MISSING: agencyToken('No agency token: send `Authorization: Bearer <token>`.'),
  TOKEN_MALFORMED: agencyToken('The Authorization header or the token is not a well-formed bearer JWT.'),
  TOKEN_ALGORITHM_NOT_ALLOWED: agencyToken('The token is signed with an algorithm the gateway does not accept.'),
  TOKEN_UNKNOWN_ISSUER: agencyToken('The token was not issued by a registered agency.'),
  TOKEN_BAD_SIGNATURE: agencyToken("The token's signature does not verify against its agency's keys."),
  TOKEN_EXPIRED: agencyToken('The token has expired.'),
  TOKEN_NOT_YET_VALID: agencyToken('The token is not valid yet (`nbf`).'),
  TOKEN_WRONG_AUDIENCE: agencyToken('The token is for another audience than this gateway.'),
  TOKEN_AGENCY_MISMATCH: agencyToken("The token's agency is not the agency of its issuer."),
  TOKEN_CLAIMS_INVALID: agencyToken("The token's claims are missing or invalid."),
  TOKEN_ISSUED_IN_FUTURE: agencyToken('`iat` is later than now plus the clock tolerance: a token from the future.'),
  TOKEN_LIFETIME_TOO_LONG: agencyToken("`exp − iat` is longer than the agency's `maxTokenLifetimeSeconds` in the registry."),
  TOKEN_ROLE_NOT_GRANTED: agencyToken("A role the registry does not let the token's agency grant."),

  GATEWAY_TOKEN_MISSING: gatewayToken('No gateway token: the subgraph answers only the gateway.'),
  GATEWAY_TOKEN_INVALID: gatewayToken('The gateway token is not valid for this subgraph.'),
  GATEWAY_TOKEN_EXPIRED: gatewayToken('The gateway token has expired.'),
  GATEWAY_TOKEN_ISSUED_IN_FUTURE: gatewayToken('The gateway token is issued later than now (beyond the clock tolerance).'),
  GATEWAY_TOKEN_LIFETIME_TOO_LONG: gatewayToken("The gateway token's lifetime (`exp − iat`) is longer than the subgraph accepts."),
  GATEWAY_TOKEN_REQUEST_MISMATCH: gatewayToken("The gateway token was signed for another method or path than the request's."),
  GATEWAY_TOKEN_BODY_MISMATCH: gatewayToken('The gateway token was signed for another body than the one received.'),
  GATEWAY_TOKEN_REPLAYED: gatewayToken("The gateway token's id was already used."),
  GATEWAY_TOKEN_REPLAY_CACHE_FULL: {
    code: ErrorCode.UNAUTHENTICATED,
    where: 'subgraph, gateway token (HTTP 503)',
    description: 'The replay cache holds as many live ids as it may; the request is refused rather than an id forgotten. Retry shortly.',
  },

  DOCUMENT_ID_MALFORMED: {
    code: ErrorCode.BAD_REQUEST,
    where: 'gateway, trusted documents (HTTP 400)',
    description: 'A document id is `sha256:` followed by 64 lower-case hex digits (or the digits alone).',
  },
  DOCUMENT_ID_MISMATCH: {
    code: ErrorCode.BAD_REQUEST,
    where: 'gateway, trusted documents (HTTP 400)',
    description: 'The document id is not the SHA-256 of the query sent with it.',
  },
  DOCUMENT_NOT_LISTED: {
    code: ErrorCode.PERSISTED_QUERY_NOT_FOUND,
    where: 'gateway, trusted documents (HTTP 400)',
    description: "No trusted document with that id is listed for the caller's agency.",
  },
  OPERATION_NOT_LISTED: {
    code: ErrorCode.PERSISTED_QUERY_NOT_IN_LIST,
    where: 'gateway, trusted documents (HTTP 403)',
    description: 'The text an agency under trusted documents sent is not in its manifest.',
  },

  SUBGRAPH_UNREACHABLE: subgraphCall('The subgraph could not be reached.'),
  SUBGRAPH_TIMEOUT: subgraphCall("The subgraph did not answer in full within the call's total deadline."),
  SUBGRAPH_RESPONSE_TOO_LARGE: subgraphCall('The subgraph answered more than the largest answer allowed.'),
  SUBGRAPH_BAD_RESPONSE: subgraphCall("The subgraph's answer was not a GraphQL response (content type, JSON, HTTP status)."),
} as const satisfies Record<string, RefusalReasonEntry>;

/** A refusal reason, as clients see it in `extensions.reason`. */
export type RefusalReason = keyof typeof REFUSAL_REASONS;

/** A named set of refusal reasons (`TokenRefusal.EXPIRED` …), each of which must have its row in REFUSAL_REASONS. */
export type RefusalReasonSet = { readonly [name: string]: RefusalReason };
