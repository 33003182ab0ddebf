import type { AuditEntry } from '@intel-gateway/shared/audit';
import { ErrorCode } from '@intel-gateway/shared/errors';
import { type AnswerExecutor, answerOf } from '../execution/operationAnswer';
import { layerRequestContext } from '../testing/layerRequestContext';
import { withDisclosureAudit } from './withDisclosureAudit';

const newRequestContext = () => layerRequestContext('{ notice { id } }');
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
