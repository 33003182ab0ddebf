import mongoose from 'mongoose';
import type { CallerContext } from '@intel-gateway/shared/identity';
import {
  existenceOnlyRecords,
  identifiableSubjects,
  releasableRecords,
  ReleasedRecords,
  unidentifiableSubjects,
} from '@intel-gateway/shared/policy';
import { createNationalModels } from './models';
import { createNationalRepositories } from './repositories';

/**
 * The filters the national repositories send, read without a database: models on a
 * connection that never opens, and every query caught as it would be sent. Case persons are
 * narrowed to those released to the caller and that it may identify; a biometric check and
 * a match read a person's id and owner only; a wanted list leaves out the entries naming a
 * person not released to the caller or that it may not identify.
 */
const NOW = new Date('2026-06-01T12:00:00Z');
const caller: CallerContext = {
  principal: {
    user: 'de-analyst',
    agency: 'NCB-DE',
    agencyKind: 'NCB',
    agencyGroups: ['EU'],
    country: 'DE',
    roles: ['ANALYST'],
    clearance: 'RESTRICTED',
    purposes: ['CRIMINAL_INVESTIGATION'],
    projects: [],
  },
  purpose: 'CRIMINAL_INVESTIGATION',
};
const repositories = createNationalRepositories(createNationalModels(mongoose.createConnection()), caller);
const NONE = ReleasedRecords.NONE;
const subjectFields = { category: 'role' };

/** The queries sent while `run` ran, each answered from `answers` by collection (else nothing). None reaches a server. */
async function sent(run: () => Promise<unknown>, answers: Record<string, unknown[]> = {}) {
  const queries: { collection: string; filter: unknown; projection: unknown }[] = [];
  const exec = jest.spyOn(mongoose.Query.prototype, 'exec').mockImplementation(function (this: mongoose.Query<unknown, unknown>) {
    const collection = this.model.collection.collectionName;
    queries.push({ collection, filter: this.getFilter(), projection: this.projection() ?? null });
    // A findOne answers one document or null (mongoose's `op` is not in its types).
    return Promise.resolve((this as unknown as { op: string }).op === 'findOne' ? null : (answers[collection] ?? []));
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

it('checks a biometric profile among released and existence-only persons, reading only the owner', async () => {
  expect(await sent(() => repositories.biometrics.findHolder('DNA', 'DNA-FR-2026-000417'))).toEqual([
    {
      collection: 'persons',
      filter: {
        $and: [
          { 'biometrics.profile': 'DNA-FR-2026-000417', 'biometrics.kind': 'DNA' },
          {
            $or: [
              releasableRecords(caller, NONE.filterFor('NationalPerson'), NOW),
              existenceOnlyRecords(caller, NONE.filterFor('NationalPerson'), NOW),
            ],
          },
        ],
      },
      projection: { 'provenance.owner': 1 },
    },
  ]);
});

it('loads case persons the caller may identify as content, and the others it may know of as id and owner only', async () => {
  const identified = {
    $and: [
      releasableRecords(caller, NONE.filterFor('NationalPerson', ['NP-1']), NOW),
      identifiableSubjects(caller.principal, subjectFields),
    ],
  };
  expect(await sent(() => repositories.persons.findByIds(['NP-1']))).toEqual([
    { collection: 'persons', filter: { $and: [{ _id: { $in: ['NP-1'] } }, identified] }, projection: null },
  ]);
  expect(await sent(() => repositories.persons.findMatchesByIds(['NP-1']))).toEqual([
    {
      collection: 'persons',
      filter: {
        $and: [
          { _id: { $in: ['NP-1'] } },
          {
            $or: [
              {
                $and: [
                  releasableRecords(caller, NONE.filterFor('NationalPerson', ['NP-1']), NOW),
                  unidentifiableSubjects(caller.principal, subjectFields),
                ],
              },
              existenceOnlyRecords(caller, NONE.filterFor('NationalPerson', ['NP-1']), NOW),
            ],
          },
        ],
      },
      projection: { 'provenance.owner': 1 },
    },
  ]);
});

it('follows a case or a notice only to persons the caller may identify', async () => {
  const identified = {
    $and: [releasableRecords(caller, NONE.filterFor('NationalPerson'), NOW), identifiableSubjects(caller.principal, subjectFields)],
  };
  expect(await sent(() => repositories.persons.findByCaseFileIds(['FR-2026-000417']))).toEqual([
    { collection: 'persons', filter: { $and: [{ caseFileId: { $in: ['FR-2026-000417'] } }, identified] }, projection: null },
  ]);
  expect(await sent(() => repositories.persons.findByNoticeIds(['N-1']))).toEqual([
    { collection: 'persons', filter: { $and: [{ interpolNoticeId: { $in: ['N-1'] } }, identified] }, projection: null },
  ]);
});

it("leaves out of an owner's wanted list the entries naming a person not released to the caller or that it may not identify", async () => {
  const queries = await sent(() => repositories.wanted.listByOwner('NCB-FR', { first: 10 }), {
    wantedPersons: [{ personId: 'NP-SUSPECT' }, { personId: 'NP-DENIED' }, { personId: 'NP-SUSPECT' }],
    persons: [{ _id: 'NP-SUSPECT' }],
  });
  const entries = { $and: [{ 'provenance.owner': 'NCB-FR' }, releasableRecords(caller, NONE.filterFor('WantedPerson'), NOW)] };
  expect(queries).toEqual([
    { collection: 'wantedPersons', filter: entries, projection: { personId: 1 } },
    {
      collection: 'persons',
      filter: {
        $and: [
          { _id: { $in: ['NP-SUSPECT', 'NP-DENIED'] } },
          {
            $and: [
              releasableRecords(caller, NONE.filterFor('NationalPerson', ['NP-SUSPECT', 'NP-DENIED']), NOW),
              identifiableSubjects(caller.principal, subjectFields),
            ],
          },
        ],
      },
      projection: { _id: 1 },
    },
    { collection: 'wantedPersons', filter: { $and: [entries, { personId: { $in: ['NP-SUSPECT'] } }] }, projection: null },
  ]);
});

it('lists case files and requests by the keys given, narrowed to those released to the caller', async () => {
  expect(await sent(() => repositories.caseFiles.listByOwner('NCB-FR', 'OPEN', { first: 10 }))).toEqual([
    {
      collection: 'caseFiles',
      filter: { $and: [{ 'provenance.owner': 'NCB-FR', status: 'OPEN' }, releasableRecords(caller, NONE.filterFor('CaseFile'), NOW)] },
      projection: null,
    },
  ]);
  expect(await sent(() => repositories.requests.list('NCB-DE', 'RECEIVED', undefined, { first: 10 }))).toEqual([
    {
      collection: 'requestsForAssistance',
      filter: { $and: [{ toNcb: 'NCB-DE' }, releasableRecords(caller, NONE.filterFor('RequestForAssistance'), NOW)] },
      projection: null,
    },
  ]);
  expect(await sent(() => repositories.requests.list('NCB-DE', 'SENT', 'ANSWERED', { first: 10 }))).toEqual([
    {
      collection: 'requestsForAssistance',
      filter: { $and: [{ fromNcb: 'NCB-DE', status: 'ANSWERED' }, releasableRecords(caller, NONE.filterFor('RequestForAssistance'), NOW)] },
      projection: null,
    },
  ]);
});
