import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { parse } from 'graphql';
import type { AuditEntry } from '@intel-gateway/shared/audit';
import { ErrorCode } from '@intel-gateway/shared/errors';
import type { Principal } from '@intel-gateway/shared/identity';
import { type AnswerExecutor, answerOf } from '../execution/operationAnswer';
import { withDisclosureAudit } from './withDisclosureAudit';

const principal: Principal = {
  user: 'u1',
  agency: 'NCB-FR',
  agencyKind: 'NCB',
  agencyGroups: ['EU'],
  country: 'FR',
  roles: ['ANALYST'],
  clearance: 'RESTRICTED',
  purposes: ['CRIMINAL_INVESTIGATION'],
  projects: [],
};
const newRequestContext = () =>
  ({
    request: { query: '{ notice { id } }', variables: {} },
    document: parse('{ notice { id } }'),
    queryHash: 'hash',
    operationName: null,
    response: { http: { status: undefined } },
    context: { principal, purpose: 'CRIMINAL_INVESTIGATION' },
  }) as unknown as GatewayGraphQLRequestContext;
const inner: AnswerExecutor = async () => ({
  ...answerOf({ data: { notice: { id: 'n-1' } } }),
  disclosures: [
    {
      type: 'Notice',
      id: 'n-1',
      owner: 'IPSG',
      fields: ['id'],
      path: ['notice'],
      subjectDenial: null,
      handling: { code: 'H0', codes: ['H0'], conditions: null, tlp: 'GREEN', facts: null },
    },
  ],
});

describe('withDisclosureAudit, alone', () => {
  it('records who disclosed which record before the answer leaves', async () => {
    const written: AuditEntry[] = [];
    const result = await withDisclosureAudit(inner, { record: async (entry) => void written.push(entry) })(newRequestContext());
    expect(result.data).toEqual({ notice: { id: 'n-1' } });
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({
      user: 'u1',
      agency: 'NCB-FR',
      purpose: 'CRIMINAL_INVESTIGATION',
      disclosures: [{ type: 'Notice', id: 'n-1', owner: 'IPSG', fields: ['id'] }],
      outcome: 'ok',
    });
  });

  it('returns no data, 503 and AUDIT_UNAVAILABLE when the audit record cannot be written', async () => {
    const requestContext = newRequestContext();
    const result = await withDisclosureAudit(inner, { record: () => Promise.reject(new Error('disk full')) })(requestContext);
    expect(result.data).toBeNull();
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual([ErrorCode.AUDIT_UNAVAILABLE]);
    expect(JSON.stringify(result)).not.toContain('n-1');
    expect(requestContext.response?.http?.status).toBe(503);
  });
});
