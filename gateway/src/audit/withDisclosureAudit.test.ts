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

  it('tells how long the answer waited for its record to be written', async () => {
    const waits: [number, string][] = [];
    const slowRecord = () => new Promise<void>((resolve) => setTimeout(resolve, 30));
    await withDisclosureAudit(inner, { record: slowRecord }, (seconds, outcome) => waits.push([seconds, outcome]))(newRequestContext());
    expect(waits).toHaveLength(1);
    expect(waits[0]![1]).toBe('ok');
    // The timer may fire a little early; the wait measured is the record's, not the answer's.
    expect(waits[0]![0]).toBeGreaterThanOrEqual(0.025);
    expect(waits[0]![0]).toBeLessThan(1);
  });

  it('answers a written record whatever becomes of the wait it reports (an observer that fails)', async () => {
    const result = await withDisclosureAudit(inner, { record: async () => undefined }, () => {
      throw new Error('metrics broken');
    })(newRequestContext());
    expect(result.data).toEqual({ notice: { id: 'n-1' } });
  });

  it('returns no data, 503 and AUDIT_UNAVAILABLE when the audit record cannot be written', async () => {
    const requestContext = newRequestContext();
    const outcomes: string[] = [];
    const result = await withDisclosureAudit(inner, { record: () => Promise.reject(new Error('disk full')) }, (_, outcome) =>
      outcomes.push(outcome),
    )(requestContext);
    expect(outcomes).toEqual(['error']);
    expect(result.data).toBeNull();
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual([ErrorCode.AUDIT_UNAVAILABLE]);
    expect(JSON.stringify(result)).not.toContain('n-1');
    expect(requestContext.response?.http?.status).toBe(503);
  });
});
