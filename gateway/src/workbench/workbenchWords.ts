import type { ErrorCode } from '@intel-gateway/shared/errors';
import type { DenialReason } from '@intel-gateway/shared/policy';
import type { HANDLING_CODES, TLP_LEVELS } from '@intel-gateway/shared/records';
import type { PurposeRefusal } from '../identity/authenticateRequest';
import type { TokenRefusal } from '../identity/createAgencyTokenVerifier';
import type { DocumentIdRefusal } from '../trustedDocuments/createDocumentIdResolver';

type ValueOf<T> = T[keyof T];
/** Why a request was refused before GraphQL ran (token, purpose, or an operation id). */
type RefusalReason = ValueOf<typeof TokenRefusal> | ValueOf<typeof PurposeRefusal> | ValueOf<typeof DocumentIdRefusal>;

/** The plain words the workbench shows for each code the gateway answers with. */
export interface WorkbenchWords {
  /** A request refused with 400, 401 or 403 before any GraphQL ran, by `extensions.reason`: what to do about it. */
  refusals: Record<RefusalReason, string>;
  /** A field the policy denied, by `extensions.reason`. */
  denials: Record<DenialReason, string>;
  /** Any other error, by `extensions.code`. */
  codes: Record<ErrorCode, string>;
  /** What each handling code asks of whoever holds the record. */
  handling: Record<(typeof HANDLING_CODES)[number], string>;
  /** Who a record of each TLP may be shared with. */
  tlp: Record<(typeof TLP_LEVELS)[number], string>;
}

const NEW_TOKEN = 'Get a new token from your agency (in development: npm run -s token -- --agency NCB-FR --role ANALYST) and paste it.';

/**
 * The workbench's wording, keyed by the codes the gateway already publishes. Typed against
 * those lists, so a new reason or code does not build until it has words here; the page
 * receives them with its settings, and shows the raw code beside them.
 */
export const WORKBENCH_WORDS: WorkbenchWords = {
  refusals: {
    TOKEN_MISSING: `No agency token was sent. ${NEW_TOKEN}`,
    TOKEN_MALFORMED: `This is not a token the gateway can read. ${NEW_TOKEN}`,
    TOKEN_ALGORITHM_NOT_ALLOWED:
      'The token is signed with an algorithm the gateway does not accept (only EdDSA, ES256 and RS256). Ask your agency for a token signed with its registered key.',
    TOKEN_UNKNOWN_ISSUER: 'The token was issued by an agency this gateway does not know. Use a token from an agency in its registry.',
    TOKEN_BAD_SIGNATURE: 'The token does not verify against its agency’s registered keys: it was altered, or signed with another key.',
    TOKEN_EXPIRED: `The token has expired. ${NEW_TOKEN}`,
    TOKEN_NOT_YET_VALID: 'The token is not valid yet: check the clock of the machine that issued it.',
    TOKEN_WRONG_AUDIENCE: 'The token was issued for another service, not this gateway.',
    TOKEN_AGENCY_MISMATCH: 'The token names an agency other than the one that signed it.',
    TOKEN_CLAIMS_INVALID: 'The token lacks a claim the gateway needs (user, agency, country, roles, clearance or purposes).',
    TOKEN_ISSUED_IN_FUTURE: 'The token says it was issued in the future: check the clock of the machine that issued it.',
    TOKEN_LIFETIME_TOO_LONG: `The token is valid for longer than the gateway allows your agency. ${NEW_TOKEN}`,
    TOKEN_ROLE_NOT_GRANTED:
      'The token claims a role the gateway’s agency registry does not grant your agency. Ask your agency for a token with your granted roles.',
    PURPOSE_MISSING: 'Choose the purpose of your work: every operation must declare one.',
    PURPOSE_NOT_ALLOWED: 'Your token does not allow this purpose. Choose one of the purposes your token lists.',
    DOCUMENT_ID_MALFORMED: 'An operation id is "sha256:" followed by 64 hex digits.',
    DOCUMENT_ID_MISMATCH: 'The operation id does not match the operation text sent with it.',
    DOCUMENT_NOT_LISTED: 'Your agency lists no trusted operation with this id.',
    OPERATION_NOT_LISTED:
      'Your agency runs only its trusted operations, and this is not one of them: send a listed operation by its id or its exact text.',
  },
  denials: {
    ROLE_NOT_PERMITTED: 'None of your roles may read this field.',
    AGENCY_NOT_PERMITTED: 'Your kind of agency may not read this field.',
    NOT_RECORD_OWNER: 'Only the agency that owns this record may read this field.',
    NO_RULE: 'No rule of the policy allows this field, so nobody may read it.',
    PROTECTED_SUBJECT: 'A victim’s or witness’s details: only for the project or case that holds them, and the owning agency.',
    INFORMANT_PROTECTED: 'An informant’s identity: only for the owner’s source handlers.',
    DENIED: 'The policy refused this field.',
  },
  codes: {
    BAD_USER_INPUT: 'A value in the operation cannot be accepted.',
    UNAUTHENTICATED: 'The gateway could not tell who you are.',
    FORBIDDEN: 'Refused by the policy.',
    INTERNAL_SERVER_ERROR: 'The gateway failed to answer; the details are in its log.',
    SUBGRAPH_UNAVAILABLE: 'An agency’s service did not answer; its part of the result is missing.',
    OPERATION_TOO_DEEP: 'The operation nests fields too deeply.',
    TOO_MANY_ALIASES: 'The operation uses too many aliases.',
    TOO_MANY_ROOT_FIELDS: 'The operation asks for too many root fields at once.',
    TOO_MANY_DIRECTIVES: 'The operation uses too many directives.',
    TOO_MANY_TOKENS: 'The operation is too long.',
    OPERATION_TOO_COSTLY: 'The operation would read too many records; ask for smaller pages.',
    OPERATION_TOO_LARGE: 'The operation’s fragments expand to too many selections.',
    ANSWER_WITHHELD: 'The whole answer was withheld: an agency’s service returned a record not released to you. The incident is logged.',
    EXPORT_REFUSED: 'The export was refused: some content’s handling code or TLP forbids passing it on.',
    HIT: 'A record matches; only that it exists is released to you.',
    AUDIT_UNAVAILABLE: 'The disclosure audit could not be written, so no data was returned. Try again later.',
    PERSISTED_QUERY_NOT_FOUND: 'No trusted operation with this id is listed for your agency.',
    PERSISTED_QUERY_NOT_IN_LIST: 'Your agency runs only its trusted operations, and this is not one of them.',
    BAD_REQUEST: 'The request itself is malformed.',
  },
  handling: {
    H0: 'Only for preventing and combating crime.',
    H1: 'Not for use in judicial proceedings without the owner’s permission (not evidence).',
    H2: 'Not to be passed on without the owner’s permission.',
    H3: 'Other restrictions: read the owner’s conditions.',
  },
  tlp: {
    CLEAR: 'May be shared without restriction.',
    GREEN: 'Within the community, not in public.',
    AMBER: 'Within your organisation and those it works with, on a need-to-know basis.',
    AMBER_STRICT: 'Within your own organisation only.',
    RED: 'For the people it was given to only.',
  },
};
