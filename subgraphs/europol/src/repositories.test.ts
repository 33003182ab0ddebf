import mongoose from 'mongoose';
import type { CallerContext } from '@intel-gateway/shared/identity';
import { releasableRecords, ReleasedRecords } from '@intel-gateway/shared/policy';
import { createEuropolModels } from './models';
import { createEuropolRepositories } from './repositories';

/**
 * What the Europol repositories ask for, without a database: models on a connection that
 * never opens, every query caught as it would be sent and answered by collection. Project
 * data needs the caller's agency to take part in the project (read once per request), and a
 * token's project claim makes no one a member unless the project's own member list says so.
 */
const NOW = new Date('2026-06-01T12:00:00Z');
const models = createEuropolModels(mongoose.createConnection());
const callerClaiming = (projects: string[]): CallerContext => ({
  principal: {
    user: 'es-analyst',
    agency: 'NCB-ES',
    agencyKind: 'NCB',
    agencyGroups: ['EU'],
    country: 'ES',
    roles: ['AP_ANALYST'],
    clearance: 'RESTRICTED',
    purposes: ['CRIMINAL_INVESTIGATION'],
    projects,
  },
  purpose: 'CRIMINAL_INVESTIGATION',
});

/** The queries sent while `run` ran (collection, filter), each answered from `answers` by collection; and what `run` gave. */
async function sent<T>(run: () => Promise<T>, answers: Record<string, unknown[]> = {}) {
  const queries: { collection: string; filter: unknown }[] = [];
  const exec = jest.spyOn(mongoose.Query.prototype, 'exec').mockImplementation(function (this: mongoose.Query<unknown, unknown>) {
    const collection = this.model.collection.collectionName;
    queries.push({ collection, filter: this.getFilter() });
    return Promise.resolve(answers[collection] ?? []);
  });
  try {
    return { queries, result: await run() };
  } finally {
    exec.mockRestore();
  }
}

beforeAll(() => jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'clearTimeout'] }));
afterAll(() => jest.useRealTimers());

describe('project membership', () => {
  it('is what the project records list for this user among the projects the token claims, released to the caller', async () => {
    const caller = callerClaiming(['AP-SYNERGY', 'AP-CYCLOPS']);
    const repositories = createEuropolRepositories(models, caller);
    const { queries, result } = await sent(
      async () => [await repositories.projects.membershipsOfCaller(), await repositories.projects.membershipsOfCaller()],
      { analysisProjects: [{ _id: 'AP-SYNERGY' }] },
    );
    expect(result).toEqual([['AP-SYNERGY'], ['AP-SYNERGY']]);
    // One read per request, narrowed to the user on each project's own member list.
    expect(queries).toEqual([
      {
        collection: 'analysisProjects',
        filter: {
          $and: [
            { members: { $elemMatch: { agency: 'NCB-ES', user: 'es-analyst' } }, _id: { $in: ['AP-SYNERGY', 'AP-CYCLOPS'] } },
            releasableRecords(caller, ReleasedRecords.NONE.filterFor('AnalysisProject'), NOW),
          ],
        },
      },
    ]);
  });

  it('is none, with no query, when the token claims no project', async () => {
    const { queries, result } = await sent(() => createEuropolRepositories(models, callerClaiming([])).projects.membershipsOfCaller());
    expect(result).toEqual([]);
    expect(queries).toEqual([]);
  });
});

describe('project data', () => {
  it("is narrowed to the caller's own records and those of projects its agency takes part in, that participation read once per request", async () => {
    const caller = callerClaiming([]);
    const repositories = createEuropolRepositories(models, caller);
    const { queries } = await sent(
      async () => {
        await repositories.objects.findByIds(['O-1']);
        await repositories.contributions.findByIds(['C-1']);
      },
      { analysisProjects: [{ _id: 'AP-SYNERGY' }] },
    );
    const none = ReleasedRecords.NONE;
    const projectData = (type: string, id: string) => ({
      $and: [
        releasableRecords(caller, none.filterFor(type, [id]), NOW),
        { $or: [{ 'provenance.owner': 'NCB-ES' }, none.filterFor(type, [id]), { projectCode: { $in: ['AP-SYNERGY'] } }] },
      ],
    });
    expect(queries).toEqual([
      { collection: 'analysisProjects', filter: { participants: 'NCB-ES' } },
      { collection: 'objectEntries', filter: { $and: [{ _id: { $in: ['O-1'] } }, projectData('ObjectEntry', 'O-1')] } },
      { collection: 'contributions', filter: { $and: [{ _id: { $in: ['C-1'] } }, projectData('Contribution', 'C-1')] } },
    ]);
  });
});
