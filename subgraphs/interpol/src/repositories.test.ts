import mongoose from 'mongoose';
import type { CallerContext } from '@intel-gateway/shared/identity';
import {
  existenceOnlyNotices,
  existenceOnlyRecords,
  releasableNotices,
  releasableRecords,
  ReleasedRecords,
} from '@intel-gateway/shared/policy';
import { createInterpolModels } from './models';
import { createInterpolRepositories } from './repositories';

/**
 * The filters the INTERPOL repositories send, read without a database: models on a
 * connection that never opens, and every query caught as it would be sent. Each query keeps
 * the client's keys and is narrowed by the caller's own release rule (content, or existence
 * only for the hit/no-hit tier), so no repository can answer beyond what is released.
 */
const NOW = new Date('2026-06-01T12:00:00Z');
const caller: CallerContext = {
  principal: {
    user: 'fr-analyst',
    agency: 'NCB-FR',
    agencyKind: 'NCB',
    agencyGroups: ['EU'],
    country: 'FR',
    roles: ['ANALYST'],
    clearance: 'RESTRICTED',
    purposes: ['CRIMINAL_INVESTIGATION'],
    projects: [],
  },
  purpose: 'CRIMINAL_INVESTIGATION',
};
const models = createInterpolModels(mongoose.createConnection());
const repositories = createInterpolRepositories(models, caller);

/** The queries sent while `run` ran: collection, filter and projection. None reaches a server. */
async function sent(run: () => Promise<unknown>) {
  const queries: { collection: string; filter: unknown; projection: unknown }[] = [];
  const exec = jest.spyOn(mongoose.Query.prototype, 'exec').mockImplementation(function (this: mongoose.Query<unknown, unknown>) {
    queries.push({ collection: this.model.collection.collectionName, filter: this.getFilter(), projection: this.projection() ?? null });
    return Promise.resolve([]);
  });
  try {
    await run();
  } finally {
    exec.mockRestore();
  }
  return queries;
}

beforeAll(() => jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'clearTimeout'] }));
afterAll(() => jest.useRealTimers());

const NONE = ReleasedRecords.NONE;

it('lists notices by the keys the client gave, narrowed to those released to the caller, after the cursor', async () => {
  const queries = await sent(() => repositories.notices.list({ type: 'RED', requestingNcb: 'NCB-DE' }, { first: 5, afterId: 'N-9' }));
  expect(queries).toEqual([
    {
      collection: 'notices',
      filter: {
        $and: [
          { $and: [{ type: 'RED', requestingNcb: 'NCB-DE' }, releasableNotices(caller, NONE.filterFor('Notice'), NOW)] },
          { _id: { $gt: 'N-9' } },
        ],
      },
      projection: null,
    },
  ]);
});

it('loads notices by id as content for released ones, and only id and owner for the hit/no-hit tier', async () => {
  expect(await sent(() => repositories.notices.findByIds(['N-1', 'N-2']))).toEqual([
    {
      collection: 'notices',
      filter: { $and: [{ _id: { $in: ['N-1', 'N-2'] } }, releasableNotices(caller, NONE.filterFor('Notice', ['N-1', 'N-2']), NOW)] },
      projection: null,
    },
  ]);
  expect(await sent(() => repositories.notices.findExistenceOnlyByIds(['N-3']))).toEqual([
    {
      collection: 'notices',
      filter: { $and: [{ _id: { $in: ['N-3'] } }, existenceOnlyNotices(caller, NONE.filterFor('Notice', ['N-3']), NOW)] },
      projection: { 'provenance.owner': 1 },
    },
  ]);
});

it('looks travel documents up by each key part once, narrowed the same way, the existence-only tier reading the key and owner only', async () => {
  const keys = [
    { issuingCountry: 'GB', documentType: 'PASSPORT' as const, number: '533380006' },
    { issuingCountry: 'GB', documentType: 'PASSPORT' as const, number: '533380007' },
    { issuingCountry: 'GB', documentType: 'ID_CARD' as const, number: '533380006' },
  ];
  const keyFilter = { number: { $in: ['533380006', '533380007'] }, issuingCountry: { $in: ['GB'] } };
  expect(await sent(() => repositories.sltd.findByDocumentKeys(keys))).toEqual([
    { collection: 'sltd', filter: { $and: [keyFilter, releasableRecords(caller, NONE.filterFor('SltdRecord'), NOW)] }, projection: null },
  ]);
  expect(await sent(() => repositories.sltd.findExistenceOnlyByDocumentKeys(keys))).toEqual([
    {
      collection: 'sltd',
      filter: { $and: [keyFilter, existenceOnlyRecords(caller, NONE.filterFor('SltdRecord'), NOW)] },
      projection: { issuingCountry: 1, documentType: 1, number: 1, 'provenance.owner': 1 },
    },
  ]);
});

it('narrows every other lookup and list to released records too', async () => {
  const released = (type: string) => releasableRecords(caller, NONE.filterFor(type), NOW);
  expect(await sent(() => repositories.diffusions.listBySender('NCB-DE', { first: 2 }))).toEqual([
    { collection: 'diffusions', filter: { $and: [{ senderNcb: 'NCB-DE' }, released('Diffusion')] }, projection: null },
  ]);
  expect(await sent(() => repositories.sltd.listByCountry('GB', undefined, { first: 2 }))).toEqual([
    { collection: 'sltd', filter: { $and: [{ issuingCountry: 'GB' }, released('SltdRecord')] }, projection: null },
  ]);
  expect(await sent(() => repositories.smv.findByVins(['WVWZZZ1JZXW000001']))).toEqual([
    { collection: 'smv', filter: { $and: [{ vin: { $in: ['WVWZZZ1JZXW000001'] } }, released('SmvRecord')] }, projection: null },
  ]);
  expect(
    await sent(() =>
      repositories.firearms.findByKeys([
        { make: 'Walther', serialNumber: 'PK-1' },
        { make: 'Walther', serialNumber: 'PK-2' },
      ]),
    ),
  ).toEqual([
    {
      collection: 'firearms',
      filter: { $and: [{ serialNumber: { $in: ['PK-1', 'PK-2'] }, make: { $in: ['Walther'] } }, released('FirearmRecord')] },
      projection: null,
    },
  ]);
  expect(await sent(() => repositories.worksOfArt.list(undefined, { first: 2 }))).toEqual([
    { collection: 'worksOfArt', filter: { $and: [{}, released('WorkOfArt')] }, projection: null },
  ]);
});
