import { ErrorCode, REFUSAL_REASONS } from '@intel-gateway/shared/errors';
import { PurposeRefusal } from './identity/authenticateRequest';
import { TokenRefusal } from './identity/createAgencyTokenVerifier';
import { DocumentIdRefusal } from './trustedDocuments/createDocumentIdResolver';
import { SubgraphFailure } from './undiciDataSource';

/** Each reason the gateway sends is a row of the one table, under the code it is sent with. */
describe("the gateway's refusal reasons", () => {
  it.each([
    ['agency token', TokenRefusal, [ErrorCode.UNAUTHENTICATED]],
    ['purpose', PurposeRefusal, [ErrorCode.FORBIDDEN]],
    ['document id', DocumentIdRefusal, [ErrorCode.BAD_REQUEST, ErrorCode.PERSISTED_QUERY_NOT_FOUND, ErrorCode.PERSISTED_QUERY_NOT_IN_LIST]],
    ['subgraph call', SubgraphFailure, [ErrorCode.SUBGRAPH_UNAVAILABLE]],
  ] as const)('%s reasons are catalogued', (_family, reasons, codes) => {
    for (const reason of Object.values(reasons)) expect(codes).toContain(REFUSAL_REASONS[reason].code);
  });

  it('catalogues the reasons sent as plain strings before: no visible fields, a subgraph rule', () => {
    expect(REFUSAL_REASONS.NO_VISIBLE_FIELDS.code).toBe(ErrorCode.FORBIDDEN);
    expect(REFUSAL_REASONS.SUBGRAPH_RULE.code).toBe(ErrorCode.FORBIDDEN);
  });
});
