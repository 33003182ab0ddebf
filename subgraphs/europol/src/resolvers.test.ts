import { ErrorCode } from '@intel-gateway/shared/errors';
import { DEFAULT_PAGE_SIZE } from '@intel-gateway/shared/pagination';
import { EMPTY_PAGE, referenceResolver, refusalOf as refusal, typeResolvers } from '../../../shared/src/testing/recordCalls';
import type { EuropolContext } from './loaders';
import type { EntityLinkRecord, ObjectEntryRecord, PersonEntryRecord } from './models';
import { europolResolvers } from './resolvers';

/**
 * The Europol resolvers without a database: an entry's links keep only those whose both
 * ends are released to the caller (a link would otherwise tell that a hidden entry exists),
 * link ends are tagged for the `LinkedEntry` union, lookups answer content, a hit/no-hit
 * answer or nothing, and malformed codes and ids are refused before any load.
 */
const resolversOf = (type: string) => typeResolvers<EuropolContext>(europolResolvers, type);
const Query = resolversOf('Query');
/** An entity type's `__resolveReference`, which federation calls with the reference and the context. */
const resolveReference = (type: string) => referenceResolver<EuropolContext>(europolResolvers, type);

const person = (id: string) => ({ _id: id, projectCode: 'AP-SYNERGY', provenance: { owner: 'EUROPOL' } }) as unknown as PersonEntryRecord;
const object = (id: string, fields: Partial<ObjectEntryRecord> = {}) =>
  ({ _id: id, projectCode: 'AP-SYNERGY', provenance: { owner: 'EUROPOL' }, ...fields }) as unknown as ObjectEntryRecord;
const link = (id: string, from: EntityLinkRecord['from'], to: EntityLinkRecord['to']) =>
  ({ _id: id, from, to, entryIds: [from.id, to.id] }) as unknown as EntityLinkRecord;

/**
 * A context over fixed records: the released ones load, the existence-only ones match (id
 * and owner), anything else is unknown. Every load and query is recorded.
 */
function contextOver(records: {
  persons?: PersonEntryRecord[];
  objects?: ObjectEntryRecord[];
  links?: EntityLinkRecord[];
  existenceOnly?: { _id: string; provenance: { owner: string } }[];
  memberOf?: string[];
}) {
  const calls: string[] = [];
  const byId = <T extends { _id: string }>(name: string, list: T[] = []) => ({
    load: (id: string) => {
      calls.push(`${name}:${id}`);
      return Promise.resolve(list.find((r) => r._id === id) ?? null);
    },
  });
  const ctx = {
    loaders: {
      person: byId('person', records.persons),
      object: byId('object', records.objects),
      project: byId('project', []),
      contribution: byId('contribution', []),
      personMatch: byId('personMatch', records.existenceOnly),
      objectMatch: byId('objectMatch', records.existenceOnly),
      contributionMatch: byId('contributionMatch', records.existenceOnly),
      linksByEntry: {
        load: (id: string) => {
          calls.push(`linksByEntry:${id}`);
          return Promise.resolve((records.links ?? []).filter((l) => l.from.id === id || l.to.id === id));
        },
      },
    },
    repositories: {
      projects: {
        membershipsOfCaller: () => Promise.resolve(records.memberOf ?? []),
        list: (page: unknown) => {
          calls.push(`projects.list:${JSON.stringify(page)}`);
          return Promise.resolve(EMPTY_PAGE);
        },
      },
      review: {
        dueForCaller: (...args: unknown[]) => {
          calls.push(`review.dueForCaller:${JSON.stringify(args)}`);
          return Promise.resolve([]);
        },
      },
    },
  } as unknown as EuropolContext;
  return { ctx, calls };
}

describe("an entry's links", () => {
  const shown = person('P-1');
  const hidden = { kind: 'PersonEntry', id: 'P-HIDDEN' } as const;
  const links = [
    link('L-1', { kind: 'PersonEntry', id: 'P-1' }, { kind: 'ObjectEntry', id: 'O-1' }),
    link('L-2', { kind: 'PersonEntry', id: 'P-1' }, hidden),
    link('L-3', { kind: 'ObjectEntry', id: 'O-GONE' }, { kind: 'PersonEntry', id: 'P-1' }),
  ];

  it('keep only the links whose both ends are released to the caller', async () => {
    const { ctx, calls } = contextOver({ persons: [shown], objects: [object('O-1')], links });
    await expect(resolversOf('PersonEntry').links!(shown, {}, ctx)).resolves.toEqual([links[0]]);
    // Each end went through the loader that serves it, so the released ones are the caller's own view.
    expect(calls).toEqual(expect.arrayContaining(['person:P-HIDDEN', 'object:O-1', 'object:O-GONE']));
  });

  it('tag each end for the LinkedEntry union, and give null for an end the caller may not see', async () => {
    const { ctx } = contextOver({ persons: [shown], objects: [object('O-1')], links });
    await expect(resolversOf('EntityLink').from!(links[0], {}, ctx)).resolves.toMatchObject({ _id: 'P-1', __typename: 'PersonEntry' });
    await expect(resolversOf('EntityLink').to!(links[0], {}, ctx)).resolves.toMatchObject({ _id: 'O-1', __typename: 'ObjectEntry' });
    await expect(resolversOf('EntityLink').to!(links[1], {}, ctx)).resolves.toBeNull();
  });
});

describe('lookups', () => {
  it('answer the released record, a hit/no-hit answer for an existence-only one, and null for anything else', async () => {
    const { ctx } = contextOver({ persons: [person('P-1')], existenceOnly: [{ _id: 'P-SECRET', provenance: { owner: 'NCB-NL' } }] });
    await expect(Query.personEntry!(null, { id: 'P-1' }, ctx)).resolves.toMatchObject({ _id: 'P-1' });
    const hit = await refusal(() => Query.personEntry!(null, { id: 'P-SECRET' }, ctx));
    // The answer says who owns it and, for the gateway only (which swaps in an opaque handle), which record: no content.
    expect(hit).toEqual({
      code: ErrorCode.HIT,
      hit: { matched: true, owner: 'NCB-NL', contactPoint: null, reference: 'PersonEntry/P-SECRET', advice: expect.any(String) },
    });
    await expect(Query.personEntry!(null, { id: 'P-NONE' }, ctx)).resolves.toBeNull();
  });

  it.each([
    ['analysisProject', { code: 'ap-synergy' }, 'code'],
    ['personEntry', { id: { $gt: '' } }, 'id'],
    ['objectEntry', { id: '../objects' }, 'id'],
    ['contribution', { id: '' }, 'id'],
  ])('%s refuses %j before any load', async (field, args, refused) => {
    const { ctx, calls } = contextOver({});
    await expect(refusal(() => Query[field]!(null, args, ctx))).resolves.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: refused });
    expect(calls).toEqual([]);
  });

  it.each([
    ['AnalysisProject', { code: { $ne: null } }],
    ['PersonEntry', { id: { $ne: null } }],
    ['ObjectEntry', { id: 'a b' }],
    ['Contribution', { id: ['C-1'] }],
    ['Notice', { id: { $gt: '' } }],
  ])('a %s entity reference that is not a plain key is refused before any load', async (type, reference) => {
    const { ctx, calls } = contextOver({});
    await expect(refusal(() => resolveReference(type)(reference, ctx))).resolves.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
    expect(calls).toEqual([]);
  });

  it('lists projects on the default page', async () => {
    const { ctx, calls } = contextOver({});
    await Query.analysisProjects!(null, {}, ctx);
    expect(calls).toEqual([`projects.list:${JSON.stringify({ first: DEFAULT_PAGE_SIZE })}`]);
  });
});

describe('fields', () => {
  it("say whether the caller is a member of the project, from the caller's own memberships", async () => {
    const { ctx } = contextOver({ memberOf: ['AP-SYNERGY'] });
    await expect(resolversOf('AnalysisProject').callerIsMember!({ _id: 'AP-SYNERGY' }, {}, ctx)).resolves.toBe(true);
    await expect(resolversOf('AnalysisProject').callerIsMember!({ _id: 'AP-CYCLOPS' }, {}, ctx)).resolves.toBe(false);
  });

  it('give an object its vehicle and travel document only when it has them, and load no contribution it does not name', async () => {
    const { ctx, calls } = contextOver({});
    const car = object('O-1', { vin: 'WVWZZZ1JZXW000001' });
    expect(resolversOf('ObjectEntry').vehicle!(car, {}, ctx)).toEqual({ vin: 'WVWZZZ1JZXW000001' });
    expect(resolversOf('ObjectEntry').vehicle!(object('O-2'), {}, ctx)).toBeNull();
    expect(resolversOf('ObjectEntry').travelDocument!(object('O-2'), {}, ctx)).toBeNull();
    expect(resolversOf('PersonEntry').contribution!({ contributionId: null }, {}, ctx)).toBeNull();
    expect(calls).toEqual([]);
  });

  it("serve the caller's own review queue, whatever owner the reference names", async () => {
    const { ctx, calls } = contextOver({});
    const queue = await resolveReference('ReviewQueue')({ owner: 'NCB-XX' }, ctx);
    await resolversOf('ReviewQueue').europolRecords!(queue, {}, ctx);
    expect(calls).toEqual(['review.dueForCaller:[]']);
  });
});
