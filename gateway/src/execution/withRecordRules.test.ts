import pino from 'pino';
import { ErrorCode } from '@intel-gateway/shared/errors';
import type { CallerContext } from '@intel-gateway/shared/identity';
import { ReleasedRecords, type ReleaseFacts } from '@intel-gateway/shared/policy';
import type { RecordKeys } from '../audit/releasedRecords';
import { checkRecords, type EnforcedDisclosure } from '../policy/recordChecks';
import { ReleaseGrantReports } from '../policy/releaseGrantReports';
import { layerRequestContext, TEST_PRINCIPAL } from '../testing/layerRequestContext';
import { answerOf } from './operationAnswer';
import { subgraphServes } from './subgraphServes';
import { withRecordRules } from './withRecordRules';

const newRequestContext = () => layerRequestContext();
const logger = pino({ enabled: false });
const caller: CallerContext = { principal: TEST_PRINCIPAL, purpose: 'CRIMINAL_INVESTIGATION' };

const facts = (owner: string, restrictions: Partial<ReleaseFacts['restrictions']> = {}): ReleaseFacts => ({
  owner,
  retainUntil: '2999-01-01T00:00:00Z',
  purposes: ['CRIMINAL_INVESTIGATION'],
  classification: 'UNCLASSIFIED',
  restrictions: { allowedAgencies: [], deniedAgencies: [], existenceOnlyAgencies: [], ...restrictions },
});
const disclosure = (id: string, owner: string, provenance: ReleaseFacts): EnforcedDisclosure => ({
  type: 'SltdRecord',
  id,
  owner,
  fields: ['id'],
  path: ['notices', 0],
  subjectDenial: null,
  handling: { code: 'H1', codes: ['H1'], conditions: null, tlp: 'AMBER', facts: provenance },
});
/** Existence-only for NCB-FR: only a release on request lets it through. */
const onRequest = (id: string) => disclosure(id, 'IPSG', facts('IPSG', { existenceOnlyAgencies: ['NCB-FR'] }));
const grant = (recordId: string, conditions: string | null = null) => ({
  recordType: 'SltdRecord',
  owner: 'IPSG',
  recordId,
  until: null,
  conditions,
});

/**
 * The layer over an inner executor that answered `records`, checked as the result
 * enforcement checks them (SLTD records from interpol, which serves IPSG) with `held` as the
 * grants held, and `byRecord` as the read by record.
 */
function layer(
  records: EnforcedDisclosure[],
  options: {
    held?: () => Promise<ReleasedRecords>;
    byRecord?: (caller: CallerContext, records: RecordKeys) => Promise<ReleasedRecords>;
  } = {},
) {
  const reads: RecordKeys[] = [];
  const executor = withRecordRules(
    async () => ({
      ...answerOf({ data: { notices: records.map(({ id }) => ({ id })) } }),
      disclosures: records,
      verdict: await checkRecords(records, {
        caller,
        provenanceSources: new Map([['SltdRecord', ['interpol']]]),
        serves: subgraphServes([{ name: 'interpol', owners: ['IPSG'] }]),
        heldGrants: options.held ?? (async () => ReleasedRecords.NONE),
        grantReports: new ReleaseGrantReports(),
      }),
    }),
    {
      grantsByRecord: async (asker, keys) => {
        reads.push(keys);
        return (options.byRecord ?? (async () => ReleasedRecords.NONE))(asker, keys);
      },
      logger,
    },
  );
  return { executor, reads };
}

describe('withRecordRules, alone', () => {
  it('lets a released record of an owner its subgraph serves through, with its handling attached', async () => {
    const { executor, reads } = layer([disclosure('n-1', 'IPSG', facts('IPSG'))]);
    const answer = await executor(newRequestContext());
    expect(answer.result.data).toEqual({ notices: [{ id: 'n-1' }] });
    expect(answer.result.extensions?.handling).toEqual([
      {
        type: 'SltdRecord',
        id: 'n-1',
        owner: 'IPSG',
        path: ['notices', 0],
        code: 'H1',
        codes: ['H1'],
        tlp: 'AMBER',
        conditions: null,
        evidentialUse: false,
      },
    ]);
    expect(reads).toEqual([]);
  });

  it('withholds the whole answer when a subgraph passes a record off as an owner it does not serve', async () => {
    const answer = await layer([disclosure('n-1', 'NCB-GB', facts('NCB-GB'))]).executor(newRequestContext());
    expect(answer.result).toEqual({ data: null, errors: [expect.objectContaining({ extensions: { code: ErrorCode.ANSWER_WITHHELD } })] });
    expect(answer.disclosures).toEqual([]);
  });

  it("withholds the whole answer when a record is not released to the caller's agency, and no release of it is found by record", async () => {
    const { executor, reads } = layer([disclosure('n-1', 'IPSG', facts('IPSG', { deniedAgencies: ['NCB-FR'] }))]);
    const answer = await executor(newRequestContext());
    expect(answer.result.data).toBeNull();
    expect(answer.result.errors?.map((e) => e.extensions?.code)).toEqual([ErrorCode.ANSWER_WITHHELD]);
    expect(answer.disclosures).toEqual([]);
    expect(reads).toHaveLength(1);
  });

  it('withholds it without reading grants when no release could let a record through (past its retention)', async () => {
    const expired = { ...facts('IPSG'), retainUntil: '2020-01-01T00:00:00Z' };
    const { executor, reads } = layer([disclosure('n-1', 'IPSG', expired), onRequest('n-2')]);
    const answer = await executor(newRequestContext());
    expect(answer.result.errors?.map((e) => e.extensions?.code)).toEqual([ErrorCode.ANSWER_WITHHELD]);
    expect(reads).toEqual([]);
  });

  it('serves a record released on request from the grants held, with the release conditions, and reads nothing', async () => {
    const { executor, reads } = layer([onRequest('n-1')], { held: async () => new ReleasedRecords([grant('n-1', 'Not further.')]) });
    const answer = await executor(newRequestContext());
    expect(answer.result.data).toEqual({ notices: [{ id: 'n-1' }] });
    expect(answer.result.extensions?.handling).toEqual([expect.objectContaining({ id: 'n-1', releaseConditions: 'Not further.' })]);
    expect(reads).toEqual([]);
  });

  it('reads the records the held grants do not release, all in one read: served when released since, withheld when not', async () => {
    const approvedSince = layer([onRequest('n-1'), onRequest('n-2')], {
      held: async () => new ReleasedRecords([grant('n-1')]),
      byRecord: async () => new ReleasedRecords([grant('n-2', 'Confirm first.')]),
    });
    const served = await approvedSince.executor(newRequestContext());
    expect(served.result.data).toEqual({ notices: [{ id: 'n-1' }, { id: 'n-2' }] });
    expect(served.result.extensions?.handling).toEqual([
      expect.objectContaining({ id: 'n-1', releaseConditions: null }),
      expect.objectContaining({ id: 'n-2', releaseConditions: 'Confirm first.' }),
    ]);
    expect(approvedSince.reads.map((keys) => keys.map(({ id }) => id))).toEqual([['n-2']]);

    const never = layer([onRequest('n-1'), onRequest('n-2')], { held: async () => new ReleasedRecords([grant('n-1')]) });
    const withheld = await never.executor(newRequestContext());
    expect(withheld.result.data).toBeNull();
    expect(withheld.result.errors?.map((e) => e.extensions?.code)).toEqual([ErrorCode.ANSWER_WITHHELD]);
    expect(never.reads).toHaveLength(1);
  });

  it('returns no data, 503 and AUDIT_UNAVAILABLE when the release grants cannot be read, held or by record', async () => {
    const requestContext = newRequestContext();
    const down = () => Promise.reject(new Error('store down'));
    const { executor, reads } = layer([disclosure('n-1', 'IPSG', facts('IPSG'))], { held: down, byRecord: down });
    const answer = await executor(requestContext);
    expect(answer.result.data).toBeNull();
    expect(answer.result.errors?.map((e) => e.extensions?.code)).toEqual([ErrorCode.AUDIT_UNAVAILABLE]);
    expect(requestContext.response?.http?.status).toBe(503);
    expect(reads).toHaveLength(1);
  });

  it('reads by record, and serves, when only the held grants cannot be read', async () => {
    const { executor, reads } = layer([disclosure('n-1', 'IPSG', facts('IPSG')), onRequest('n-2')], {
      held: () => Promise.reject(new Error('store slow')),
      byRecord: async () => new ReleasedRecords([grant('n-2')]),
    });
    const answer = await executor(newRequestContext());
    expect(answer.result.data).toEqual({ notices: [{ id: 'n-1' }, { id: 'n-2' }] });
    expect(reads.map((keys) => keys.map(({ id }) => id))).toEqual([['n-1', 'n-2']]);
  });
});
