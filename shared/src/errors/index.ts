/** Error codes and refusal reasons clients see, their descriptions, and the one way to build each error. */
export { BadUserInputError, CLIENT_SAFE_CODES, ErrorCode, RequestRefusedError } from './errorCodes';
export { ERROR_CODES, REFUSAL_REASONS, type RefusalReason, type RefusalReasonEntry, type RefusalReasonSet } from './errorCatalog';
export { clientError, refusalError, type ClientErrorOptions } from './clientError';
