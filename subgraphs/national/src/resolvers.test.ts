import { ErrorCode } from '@intel-gateway/shared/errors';
import { DEFAULT_PAGE_SIZE } from '@intel-gateway/shared/pagination';
import {
  EMPTY_PAGE as PAGE,
  recordCalls,
  referenceResolver,
  refusalOf as refusal,
  typeResolvers,
} from '../../../shared/src/testing/recordCalls';
import type { NationalContext } from './loaders';
import { nationalResolvers } from './resolvers';

/**
 * The national resolvers without a database: the keys each list passes on, the biometric
 * check's hit/no-hit answer (never the matching person), and malformed input, entity
 * references included, refused before any query.
 */
const resolversOf = (type: string) => typeResolvers<NationalContext>(nationalResolvers, type);
const Query = resolversOf('Query');
/** An entity type's `__resolveReference`, which federation calls with the reference and the context. */
const resolveReference = (type: string) => referenceResolver<NationalContext>(nationalResolvers, type);

/** A context whose repositories and loaders record each call; `holder` is whom the biometric store finds. */
function recordingContext(holder: { _id: string; provenance: { owner: string } } | null = null) {
  const { calls, record, loader } = recordCalls();
  const ctx = {
    repositories: {
      caseFiles: { listByOwner: record('caseFiles.listByOwner') },
      requests: { list: record('requests.list') },
      wanted: { listByOwner: record('wanted.listByOwner') },
      biometrics: { findHolder: record('biometrics.findHolder', holder) },
      review: { dueForCaller: record('review.dueForCaller', []) },
    },
    loaders: {
      caseFile: loader('caseFile'),
      caseFileMatch: loader('caseFileMatch'),
      person: loader('person'),
      personMatch: loader('personMatch'),
    },
  } as unknown as NationalContext;
  return { ctx, calls };
}

describe('the lists', () => {
  it('pass their validated keys on, and leave an absent status out', async () => {
    const { ctx, calls } = recordingContext();
    await expect(Query.caseFiles!(null, { owner: 'NCB-FR', status: 'OPEN', first: 2 }, ctx)).resolves.toBe(PAGE);
    await Query.caseFiles!(null, { owner: 'NCB-FR', status: null }, ctx);
    await Query.requestsForAssistance!(null, { ncb: 'NCB-DE', direction: 'RECEIVED', status: null }, ctx);
    await Query.wantedList!(null, { owner: 'NCB-NL' }, ctx);
    expect(calls).toEqual([
      { method: 'caseFiles.listByOwner', args: ['NCB-FR', 'OPEN', { first: 2 }] },
      { method: 'caseFiles.listByOwner', args: ['NCB-FR', undefined, { first: DEFAULT_PAGE_SIZE }] },
      { method: 'requests.list', args: ['NCB-DE', 'RECEIVED', undefined, { first: DEFAULT_PAGE_SIZE }] },
      { method: 'wanted.listByOwner', args: ['NCB-NL', { first: DEFAULT_PAGE_SIZE }] },
    ]);
  });

  it.each([
    ['caseFiles', { owner: { $ne: null } }, 'owner'],
    ['caseFiles', { owner: 'NCB-FR', status: 'ANY' }, 'status'],
    ['requestsForAssistance', { ncb: 'NCB-DE', direction: 'BOTH' }, 'direction'],
    ['requestsForAssistance', { ncb: 'NCB-DE', direction: 'SENT', status: 'LOST' }, 'status'],
    ['wantedList', { owner: 'ncb-nl' }, 'owner'],
    ['wantedList', { owner: 'NCB-NL', first: 0 }, 'first'],
  ])('%s refuses %j, and queries nothing', async (field, args, refused) => {
    const { ctx, calls } = recordingContext();
    await expect(refusal(() => Query[field]!(null, args, ctx))).resolves.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: refused });
    expect(calls).toEqual([]);
  });
});

describe('the biometric check', () => {
  it('answers no-hit when no one holds the profile, looking it up trimmed', async () => {
    const { ctx, calls } = recordingContext();
    await expect(Query.biometricCheck!(null, { kind: 'DNA', profile: ' DNA-FR-2026-000417 ' }, ctx)).resolves.toEqual({ matched: false });
    expect(calls).toEqual([{ method: 'biometrics.findHolder', args: ['DNA', 'DNA-FR-2026-000417'] }]);
  });

  it('answers a hit with the owner and, for the gateway, the holder record, and nothing of the person', async () => {
    const { ctx } = recordingContext({ _id: 'NP-7', provenance: { owner: 'NCB-FR' } });
    await expect(refusal(() => Query.biometricCheck!(null, { kind: 'FINGERPRINTS', profile: 'AFIS-FR-1' }, ctx))).resolves.toEqual({
      code: ErrorCode.HIT,
      hit: { matched: true, owner: 'NCB-FR', contactPoint: null, reference: 'NationalPerson/NP-7', advice: expect.any(String) },
    });
  });

  it.each([
    [{ kind: 'IRIS', profile: 'DNA-FR-1' }, 'kind'],
    [{ kind: 'DNA', profile: 'DN' }, 'profile'],
    [{ kind: 'DNA', profile: { $regex: '^DNA' } }, 'profile'],
    [{ kind: 'DNA', profile: 'dna-fr-2026-000417' }, 'profile'],
  ])('refuses %j before any lookup', async (args, refused) => {
    const { ctx, calls } = recordingContext({ _id: 'NP-7', provenance: { owner: 'NCB-FR' } });
    await expect(refusal(() => Query.biometricCheck!(null, args, ctx))).resolves.toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      field: refused,
    });
    expect(calls).toEqual([]);
  });
});

describe('references and fields', () => {
  it.each([
    ['CaseFile', { id: { $gt: '' } }],
    ['NationalPerson', { id: '../persons' }],
    ['Vehicle', { vin: 'NOT-A-VIN' }],
    ['TravelDocument', { issuingCountry: 'FR', documentType: 'PASSPORT', number: { $ne: null } }],
    ['Notice', { id: ['N-1'] }],
  ])('a %s entity reference that is not a plain key is refused before any load', async (type, reference) => {
    const { ctx, calls } = recordingContext();
    await expect(refusal(() => resolveReference(type)(reference, ctx))).resolves.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
    expect(calls).toEqual([]);
  });

  it('give a case file its vehicles by VIN, and load no case file a request does not name', async () => {
    const { ctx, calls } = recordingContext();
    expect(resolversOf('CaseFile').vehicles!({ vehicleVins: ['WVWZZZ1JZXW000001', 'VF1AA000000000001'] }, {}, ctx)).toEqual([
      { vin: 'WVWZZZ1JZXW000001' },
      { vin: 'VF1AA000000000001' },
    ]);
    expect(resolversOf('RequestForAssistance').caseFile!({ caseFileId: null }, {}, ctx)).toBeNull();
    expect(calls).toEqual([]);
  });

  it("serve the caller's own review queue, whatever owner the reference names", async () => {
    const { ctx, calls } = recordingContext();
    const queue = await resolveReference('ReviewQueue')({ owner: 'NCB-XX' }, ctx);
    await resolversOf('ReviewQueue').nationalRecords!(queue, {}, ctx);
    expect(calls).toEqual([{ method: 'review.dueForCaller', args: [] }]);
  });
});
