import { GraphQLError } from 'graphql';
import { GatewayTokenRefusal } from '../identity/gatewayToken';
import { DenialReason } from '../policy/principalRules';
import { clientError, refusalError } from './clientError';
import { ERROR_CODES, REFUSAL_REASONS } from './errorCatalog';
import { CLIENT_SAFE_CODES, ErrorCode } from './errorCodes';

const wire = (error: GraphQLError) => JSON.stringify(error.toJSON());

describe('the error table', () => {
  it('describes every error code, and every code it describes is one clients may read as written', () => {
    expect(Object.keys(ERROR_CODES).sort()).toEqual(Object.values(ErrorCode).sort());
    for (const [code, description] of Object.entries(ERROR_CODES)) {
      expect(description.length).toBeGreaterThan(20);
      if (code !== ErrorCode.INTERNAL_SERVER_ERROR) expect(CLIENT_SAFE_CODES.has(code)).toBe(true);
    }
  });

  it("has a row, under the code it is sent with, for every reason of shared's reason sets", () => {
    for (const reason of Object.values(DenialReason)) expect(REFUSAL_REASONS[reason].code).toBe(ErrorCode.FORBIDDEN);
    for (const reason of Object.values(GatewayTokenRefusal)) expect(REFUSAL_REASONS[reason].code).toBe(ErrorCode.UNAUTHENTICATED);
    expect(REFUSAL_REASONS.SUBGRAPH_RULE.code).toBe(ErrorCode.FORBIDDEN);
  });
});

describe('the error builders put the same bytes on the wire as the hand-built errors they replace', () => {
  it('a field denial: code, reason, field, at its path', () => {
    expect(
      wire(
        refusalError(DenialReason.NO_RULE, 'Access to Notice.x is denied (NO_RULE).', {
          path: ['notice', 'x'],
          extensions: { field: 'Notice.x' },
        }),
      ),
    ).toBe(
      wire(
        new GraphQLError('Access to Notice.x is denied (NO_RULE).', {
          path: ['notice', 'x'],
          extensions: { code: ErrorCode.FORBIDDEN, reason: 'NO_RULE', field: 'Notice.x' },
        }),
      ),
    );
  });

  it('a subgraph failure: code, serviceName, reason, its cause kept off the wire', () => {
    const cause = new Error('connect ECONNREFUSED 127.0.0.1:1');
    const built = clientError(ErrorCode.SUBGRAPH_UNAVAILABLE, 'Subgraph "interpol" is unavailable', {
      path: ['notice'],
      extensions: { serviceName: 'interpol', reason: 'SUBGRAPH_UNREACHABLE' },
      originalError: cause,
    });
    expect(wire(built)).toBe(
      '{"message":"Subgraph \\"interpol\\" is unavailable","path":["notice"],"extensions":{"code":"SUBGRAPH_UNAVAILABLE","serviceName":"interpol","reason":"SUBGRAPH_UNREACHABLE"}}',
    );
    expect(built.originalError).toBe(cause);
  });

  it('an error with no path and no extension but its code', () => {
    expect(wire(clientError(ErrorCode.ANSWER_WITHHELD, 'withheld', { path: undefined }))).toBe(
      '{"message":"withheld","extensions":{"code":"ANSWER_WITHHELD"}}',
    );
  });
});
