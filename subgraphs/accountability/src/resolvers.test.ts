import { ErrorCode } from '@intel-gateway/shared/errors';
import { DEFAULT_PAGE_SIZE } from '@intel-gateway/shared/pagination';
import { newHitReference } from '@intel-gateway/shared/policy';
import { EMPTY_PAGE as PAGE, recordCalls, refusalOf as refusal, typeResolvers } from '../../../shared/src/testing/recordCalls';
import type { AccountabilityContext } from './accountabilityContext';
import { accountabilityResolvers } from './resolvers';

/**
 * The accountability resolvers without a database: the audit filter keeps only what the
 * client set, release requests take only the opaque handle a hit/no-hit answer gave (never
 * a record's `Type/id`, which only the gateway sees), the review queue is always the
 * caller's own agency's, and malformed input is refused before any query.
 */
const resolversOf = (type: string) => typeResolvers<AccountabilityContext>(accountabilityResolvers, type);
const Query = resolversOf('Query');
const Mutation = resolversOf('Mutation');

/** A context for a caller of `agency` whose repositories record each call. */
function recordingContext(agency = 'NCB-FR') {
  const { calls, record } = recordCalls();
  const ctx = {
    caller: { principal: { agency }, purpose: 'INVESTIGATION' },
    repositories: {
      auditTrail: { list: record('auditTrail.list') },
      hits: { listForOwner: record('hits.listForOwner') },
      releaseRequests: {
        listToOwner: record('releaseRequests.listToOwner'),
        listByRequester: record('releaseRequests.listByRequester'),
        request: record('releaseRequests.request', {}),
        decide: record('releaseRequests.decide', {}),
      },
    },
  } as unknown as AccountabilityContext;
  return { ctx, calls };
}

describe('the audit trail', () => {
  it('is filtered by what the client set, and nothing it left empty', async () => {
    const { ctx, calls } = recordingContext();
    const from = new Date('2026-01-01T00:00:00Z');
    await expect(
      Query.auditTrail!(null, { filter: { agency: 'NCB-DE', user: null, recordId: 'N-1', from, to: null }, first: 10 }, ctx),
    ).resolves.toBe(PAGE);
    await Query.auditTrail!(null, {}, ctx);
    expect(calls).toEqual([
      { method: 'auditTrail.list', args: [{ agency: 'NCB-DE', recordId: 'N-1', from }, { first: 10 }] },
      { method: 'auditTrail.list', args: [{}, { first: DEFAULT_PAGE_SIZE }] },
    ]);
  });

  it.each([
    [{ filter: { agency: { $ne: null } } }],
    [{ filter: { recordId: '../auditRecords' } }],
    [{ filter: { user: 'a'.repeat(65) } }],
    [{ filter: { from: '2026-01-01' } }],
  ])('refuses the filter %j, and queries nothing', async (args) => {
    const { ctx, calls } = recordingContext();
    await expect(refusal(() => Query.auditTrail!(null, args, ctx))).resolves.toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      field: 'filter',
    });
    expect(calls).toEqual([]);
  });
});

describe('hits and release requests', () => {
  it('take the handle a hit/no-hit answer gave', async () => {
    const { ctx, calls } = recordingContext();
    const reference = newHitReference();
    await Query.hitsOnOurRecords!(null, { reference, recordId: null, since: null }, ctx);
    await Mutation.requestRelease!(null, { reference, justification: '  Suspect arrested at the border today.  ' }, ctx);
    expect(calls).toEqual([
      { method: 'hits.listForOwner', args: [undefined, undefined, { first: DEFAULT_PAGE_SIZE }, reference] },
      { method: 'releaseRequests.request', args: [reference, 'Suspect arrested at the border today.'] },
    ]);
  });

  it.each([
    ["a record's type and id, which only the gateway sees", 'Notice/N-2026-0001'],
    ['a handle of the wrong length', 'HIT-abc'],
    ['a query operator', { $regex: '^HIT-' }],
  ])('refuse %s as the reference, and query nothing', async (_case, reference) => {
    const { ctx, calls } = recordingContext();
    await expect(
      refusal(() => Mutation.requestRelease!(null, { reference, justification: 'Suspect arrested at the border today.' }, ctx)),
    ).resolves.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: 'reference' });
    await expect(refusal(() => Query.hitsOnOurRecords!(null, { reference }, ctx))).resolves.toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      field: 'reference',
    });
    expect(calls).toEqual([]);
  });

  it('refuse a request that does not say why the content is needed', async () => {
    const { ctx, calls } = recordingContext();
    await expect(
      refusal(() => Mutation.requestRelease!(null, { reference: newHitReference(), justification: '   need it   ' }, ctx)),
    ).resolves.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: 'justification' });
    expect(calls).toEqual([]);
  });

  it('decide a request named by its id, with conditions and an end when given', async () => {
    const { ctx, calls } = recordingContext();
    const id = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
    const until = new Date('2027-01-01T00:00:00Z');
    await Mutation.decideRelease!(null, { id, approve: true, conditions: ' Case 17 only ', until }, ctx);
    await Mutation.decideRelease!(null, { id, approve: false }, ctx);
    expect(calls).toEqual([
      { method: 'releaseRequests.decide', args: [id, true, 'Case 17 only', until] },
      { method: 'releaseRequests.decide', args: [id, false, null, null] },
    ]);
  });

  it.each([
    [{ id: 'R-1', approve: true }, 'id'],
    [{ id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', approve: true, conditions: 'a;b' }, 'conditions'],
    [{ id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', approve: true, until: '2027-01-01' }, 'until'],
  ])('refuse the decision %j, and query nothing', async (args, field) => {
    const { ctx, calls } = recordingContext();
    await expect(refusal(() => Mutation.decideRelease!(null, args, ctx))).resolves.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field });
    expect(calls).toEqual([]);
  });

  it('list release requests by a known status only', async () => {
    const { ctx, calls } = recordingContext();
    await Query.releaseRequestsToUs!(null, { status: 'PENDING' }, ctx);
    await Query.ourReleaseRequests!(null, { status: null }, ctx);
    await expect(refusal(() => Query.ourReleaseRequests!(null, { status: 'ANY' }, ctx))).resolves.toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      field: 'status',
    });
    expect(calls).toEqual([
      { method: 'releaseRequests.listToOwner', args: ['PENDING', { first: DEFAULT_PAGE_SIZE }] },
      { method: 'releaseRequests.listByRequester', args: [undefined, { first: DEFAULT_PAGE_SIZE }] },
    ]);
  });
});

describe('the review queue, person search and hits', () => {
  it("is always the caller's own agency's review queue", () => {
    expect(Query.reviewQueue!(null, { owner: 'NCB-XX' }, recordingContext('NCB-NL').ctx)).toEqual({ owner: 'NCB-NL' });
  });

  it('starts a person search from checked criteria only', async () => {
    expect(Query.personSearch!(null, { name: ' Jean Dupont ', nationality: 'FR' }, recordingContext().ctx)).toEqual({
      name: 'Jean Dupont',
      dateOfBirth: null,
      toleranceYears: 0,
      nationality: 'FR',
    });
    await expect(refusal(() => Query.personSearch!(null, { name: '-- --' }, recordingContext().ctx))).resolves.toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      field: 'name',
    });
    await expect(
      refusal(() => Query.personSearch!(null, { name: 'Jean', toleranceYears: 99 }, recordingContext().ctx)),
    ).resolves.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: 'toleranceYears' });
  });

  it("gives a hit's kind as the API's enum value", () => {
    expect(resolversOf('Hit').kind!({ kind: 'hit' }, {}, recordingContext().ctx)).toBe('HIT');
  });
});
