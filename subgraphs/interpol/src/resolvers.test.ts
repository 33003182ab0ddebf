import { ErrorCode } from '@intel-gateway/shared/errors';
import { DEFAULT_PAGE_SIZE, encodeCursor, MAX_PAGE_SIZE } from '@intel-gateway/shared/pagination';
import { EMPTY_PAGE as PAGE, recordCalls, referenceResolver, refusalOf, typeResolvers } from '../../../shared/src/testing/recordCalls';
import type { InterpolContext } from './loaders';
import { interpolResolvers } from './resolvers';

/**
 * The INTERPOL resolvers without a database: what each turns a client's arguments into
 * (the filter and page its repository is asked for), and that malformed input, an entity
 * reference that is not a plain id included, is refused before any query is made.
 */
const resolversOf = (type: string) => typeResolvers<InterpolContext>(interpolResolvers, type);
const Query = resolversOf('Query');
/** An entity type's `__resolveReference`, which federation calls with the reference and the context. */
const resolveReference = (type: string) => referenceResolver<InterpolContext>(interpolResolvers, type);

/** A context whose repositories and loaders record each call and answer an empty page (or nothing). */
function recordingContext() {
  const { calls, record, loader } = recordCalls();
  const ctx = {
    repositories: {
      notices: { list: record('notices.list'), searchBySubject: record('notices.searchBySubject') },
      diffusions: { listBySender: record('diffusions.listBySender') },
      sltd: { listByCountry: record('sltd.listByCountry') },
      worksOfArt: { list: record('worksOfArt.list') },
      review: { dueForCaller: record('review.dueForCaller', []) },
    },
    loaders: {
      notice: loader('notice'),
      noticeMatch: loader('noticeMatch'),
      diffusion: loader('diffusion'),
      firearmByKey: loader('firearmByKey'),
      smvByVin: loader('smvByVin'),
    },
  } as unknown as InterpolContext;
  return { ctx, calls };
}

/** Runs a resolver that must refuse its input, and gives the refusal's code and field. */
async function refusal(run: () => unknown) {
  const { code, field } = await refusalOf(run);
  return { code, field };
}

describe('Query.notices', () => {
  it('asks for the filter fields the client gave, and no others, on the default page', async () => {
    const { ctx, calls } = recordingContext();
    await expect(Query.notices!(null, { filter: { type: 'RED', status: null, requestingNcb: 'NCB-FR' } }, ctx)).resolves.toBe(PAGE);
    await Query.notices!(null, {}, ctx);
    expect(calls).toEqual([
      { method: 'notices.list', args: [{ type: 'RED', requestingNcb: 'NCB-FR' }, { first: DEFAULT_PAGE_SIZE }] },
      { method: 'notices.list', args: [{}, { first: DEFAULT_PAGE_SIZE }] },
    ]);
  });

  it('continues after the record a cursor names', async () => {
    const { ctx, calls } = recordingContext();
    await Query.notices!(null, { first: 5, after: encodeCursor('N-2026-0001') }, ctx);
    expect(calls[0]!.args[1]).toEqual({ first: 5, afterId: 'N-2026-0001' });
  });

  it.each([
    ['a query operator as the requesting NCB', { filter: { requestingNcb: { $ne: null } } }, 'filter.requestingNcb'],
    ['a malformed requesting NCB', { filter: { requestingNcb: 'ncb fr' } }, 'filter.requestingNcb'],
    ['a page larger than the largest', { first: MAX_PAGE_SIZE + 1 }, 'first'],
    ['a cursor this API did not give', { after: Buffer.from('N-1').toString('base64url') }, 'after'],
  ])('refuses %s, and queries nothing', async (_case, args, field) => {
    const { ctx, calls } = recordingContext();
    await expect(refusal(() => Query.notices!(null, args, ctx))).resolves.toEqual({ code: ErrorCode.BAD_USER_INPUT, field });
    expect(calls).toEqual([]);
  });
});

describe('the other lists', () => {
  it('pass their validated keys on, and leave an absent optional key out', async () => {
    const { ctx, calls } = recordingContext();
    await Query.diffusions!(null, { senderNcb: 'NCB-DE', first: 3 }, ctx);
    await Query.sltdRecords!(null, { issuingCountry: 'GB', status: 'LOST' }, ctx);
    await Query.sltdRecords!(null, { issuingCountry: 'GB', status: null }, ctx);
    await Query.stolenWorksOfArt!(null, { country: null }, ctx);
    expect(calls).toEqual([
      { method: 'diffusions.listBySender', args: ['NCB-DE', { first: 3 }] },
      { method: 'sltd.listByCountry', args: ['GB', 'LOST', { first: DEFAULT_PAGE_SIZE }] },
      { method: 'sltd.listByCountry', args: ['GB', undefined, { first: DEFAULT_PAGE_SIZE }] },
      { method: 'worksOfArt.list', args: [undefined, { first: DEFAULT_PAGE_SIZE }] },
    ]);
  });

  it.each([
    ['diffusions', { senderNcb: 'NCB DE' }, 'senderNcb'],
    ['sltdRecords', { issuingCountry: 'gb' }, 'issuingCountry'],
    ['sltdRecords', { issuingCountry: 'GB', status: 'FOUND' }, 'status'],
    ['stolenWorksOfArt', { country: 'GBR' }, 'country'],
  ])('%s refuses %j, and queries nothing', async (field, args, refused) => {
    const { ctx, calls } = recordingContext();
    await expect(refusal(() => Query[field]!(null, args, ctx))).resolves.toEqual({ code: ErrorCode.BAD_USER_INPUT, field: refused });
    expect(calls).toEqual([]);
  });
});

describe('keys and references', () => {
  it('normalises a VIN and a firearm key, and refuses a malformed one', async () => {
    expect(Query.vehicle!(null, { vin: ' wvwzzz1jzxw000001 ' }, recordingContext().ctx)).toEqual({ vin: 'WVWZZZ1JZXW000001' });
    expect(Query.firearm!(null, { make: ' Walther ', serialNumber: 'PK-1234' }, recordingContext().ctx)).toEqual({
      make: 'Walther',
      serialNumber: 'PK-1234',
    });
    await expect(refusal(() => Query.vehicle!(null, { vin: 'WVWZZZ1JZXW00000I' }, recordingContext().ctx))).resolves.toEqual({
      code: ErrorCode.BAD_USER_INPUT,
      field: 'vin',
    });
    await expect(
      refusal(() => Query.firearm!(null, { make: 'Walther', serialNumber: 'PK|1234' }, recordingContext().ctx)),
    ).resolves.toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'serialNumber' });
  });

  it.each([
    ['Notice', { id: { $gt: '' } }],
    ['Diffusion', { id: '../notices' }],
    ['Vehicle', { vin: { $regex: '.' } }],
    ['Firearm', { make: 'Walther', serialNumber: { $ne: null } }],
  ])('a %s entity reference that is not a plain key is refused before any load', async (type, reference) => {
    const { ctx, calls } = recordingContext();
    await expect(refusal(() => resolveReference(type)(reference, ctx))).resolves.toEqual({
      code: ErrorCode.BAD_USER_INPUT,
      field: expect.any(String),
    });
    expect(calls).toEqual([]);
  });

  it("serves the caller's own review queue, whatever owner the reference names", async () => {
    const { ctx, calls } = recordingContext();
    const queue = await resolveReference('ReviewQueue')({ owner: 'NCB-XX' }, ctx);
    await resolversOf('ReviewQueue').interpolRecords!(queue, {}, ctx);
    expect(calls).toEqual([{ method: 'review.dueForCaller', args: [] }]);
  });
});
