import { createChildPageLoader, findAll, findPage } from '@intel-gateway/shared/database';
import type { CallerContext } from '@intel-gateway/shared/identity';
import type { PageRequest } from '@intel-gateway/shared/pagination';
import {
  existenceOnlyRecords,
  findDueForReview,
  identifiableSubjects,
  type RecordFilter,
  releasableRecords,
  ReleasedRecords,
  unidentifiableSubjects,
  within,
} from '@intel-gateway/shared/policy';
import { type PersonSearchCriteria, searchPersons } from '@intel-gateway/shared/search';
import type { EuropolModels, ObjectEntryRecord, PersonEntryRecord } from './models';

/** The API type names of the records this subgraph holds, which releases are keyed by. */
export const EUROPOL_RECORD_TYPES = ['AnalysisProject', 'Contribution', 'PersonEntry', 'ObjectEntry'] as const;
/** The project data types: seen by the project's participants, its owner, and whom it was released to. */
type ProjectDataType = Exclude<(typeof EUROPOL_RECORD_TYPES)[number], 'AnalysisProject'>;

/** What a hit/no-hit lookup reads of an entry: its identity and owner, never content. */
const IDENTITY_ONLY = { _id: 1, 'provenance.owner': 1 } as const;
type EntryIdentity = Pick<PersonEntryRecord | ObjectEntryRecord, '_id' | 'provenance'>;

/**
 * Every query the Europol subgraph issues, for one caller: each is narrowed to the records
 * released to that caller (links carry no content of their own: their resolver drops a
 * link whose either end is not released), and served by an index declared in `models.ts`
 * (checked by the explain test).
 *
 * Project data (contributions, person and object entries) also needs the caller's agency
 * to participate in the project; a non-participant, like an agency the owner marked
 * existence-only, gets a hit/no-hit answer to a lookup and nothing in lists.
 *
 * Person entries are narrowed further to those the caller may identify: a victim, witness
 * or informant it may not identify is in no list or count, at no end of a link, behind no
 * notice, and a lookup answers hit/no-hit only.
 */
export function createEuropolRepositories(models: EuropolModels, caller: CallerContext, grants: ReleasedRecords = ReleasedRecords.NONE) {
  const { agency } = caller.principal;
  const released = releasableRecords(caller, grants.filterFor('AnalysisProject'));
  let participating: Promise<string[]> | undefined;
  /** The projects the caller's agency takes part in, read once per request. */
  const projectsOfCaller = () =>
    (participating ??= models.AnalysisProject.find({ participants: agency }, { _id: 1 })
      .lean<{ _id: string }[]>()
      .then((projects) => projects.map((p) => p._id)));
  let memberships: Promise<string[]> | undefined;
  /**
   * The projects the caller counts as a member of: those its token claims (`projects`) on
   * whose own member list the user is, and whose project record is released to it (a victim
   * or witness is identified through a project only where the project itself can be read, as
   * the gateway checks it). A claim alone makes no one a member; read once per request, and
   * only when the token claims any project.
   */
  const membershipsOfCaller = () =>
    (memberships ??=
      caller.principal.projects.length === 0
        ? Promise.resolve([])
        : models.AnalysisProject.find(
            within({ members: { $elemMatch: { agency, user: caller.principal.user } }, _id: { $in: caller.principal.projects } }, released),
            { _id: 1 },
          )
            .lean<{ _id: string }[]>()
            .then((projects) => projects.map((p) => p._id)));
  /** The caller as the data-subject rule reads it: with its verified project memberships. */
  const subjectReader = async () => ({ ...caller.principal, projects: await membershipsOfCaller() });
  const subjectFields = { category: 'category', projectCode: 'projectCode' };
  /** Project data of one type the caller may see: released to it, and of a project it takes part in, its own, or released to it on request. */
  const projectData = async (type: ProjectDataType, among?: readonly string[]): Promise<RecordFilter> => {
    const onRequest = grants.filterFor(type, among);
    return {
      $and: [
        releasableRecords(caller, onRequest),
        { $or: [{ 'provenance.owner': agency }, onRequest, { projectCode: { $in: await projectsOfCaller() } }] },
      ],
    };
  };
  /** Person entries the caller may see and identify. */
  const identifiedPersons = async (among?: readonly string[]): Promise<RecordFilter> =>
    within(await projectData('PersonEntry', among), identifiableSubjects(await subjectReader(), subjectFields));
  const existenceOnly = async (type: ProjectDataType, among: readonly string[]): Promise<RecordFilter> => {
    const onRequest = grants.filterFor(type, among);
    return {
      $or: [
        existenceOnlyRecords(caller, onRequest),
        {
          $and: [
            releasableRecords(caller),
            { 'provenance.owner': { $ne: agency } },
            { $nor: [onRequest] },
            { projectCode: { $nin: await projectsOfCaller() } },
          ],
        },
      ],
    };
  };
  return {
    projects: {
      /** Of these projects, those the caller is a verified member of (see `membershipsOfCaller`). */
      membershipsOfCaller,
      findByCodes: (codes: readonly string[]) => findAll(models.AnalysisProject, within({ _id: { $in: codes } }, released)),
      list: (page: PageRequest) => findPage(models.AnalysisProject, within({}, released), page),
    },
    contributions: {
      findByIds: async (ids: readonly string[]) =>
        findAll(models.Contribution, within({ _id: { $in: ids } }, await projectData('Contribution', ids))),
      /** Contributions the caller may only learn exist: id and owner, no content. */
      findExistenceOnlyByIds: async (ids: readonly string[]) =>
        models.Contribution.find(within({ _id: { $in: ids } }, await existenceOnly('Contribution', ids)), IDENTITY_ONLY).lean<
          EntryIdentity[]
        >(),
      /** A loader over per-project pages; one aggregation per batch of projects. */
      createPageLoader: () => createChildPageLoader(models.Contribution, 'projectCode', () => projectData('Contribution')),
    },
    persons: {
      findByIds: async (ids: readonly string[]) => findAll(models.PersonEntry, within({ _id: { $in: ids } }, await identifiedPersons(ids))),
      /** Entries the caller may only learn exist: existence-only for it, outside its projects, or not identifiable to it. */
      findExistenceOnlyByIds: async (ids: readonly string[]) =>
        models.PersonEntry.find(
          within(
            { _id: { $in: ids } },
            {
              $or: [
                await existenceOnly('PersonEntry', ids),
                within(await projectData('PersonEntry', ids), unidentifiableSubjects(await subjectReader(), subjectFields)),
              ],
            },
          ),
          IDENTITY_ONLY,
        ).lean<EntryIdentity[]>(),
      findByNoticeIds: async (noticeIds: readonly string[]) =>
        findAll(models.PersonEntry, within({ interpolNoticeId: { $in: noticeIds } }, await identifiedPersons())),
      createPageLoader: () => createChildPageLoader(models.PersonEntry, 'projectCode', () => identifiedPersons()),
      /** Person entries matching a search, among those the caller may see and identify, scored. */
      search: async (criteria: PersonSearchCriteria, page: PageRequest) =>
        searchPersons<PersonEntryRecord>(
          models.PersonEntry,
          criteria,
          { name: 'name', dateOfBirth: 'dateOfBirth', nationalities: 'nationalities' },
          await identifiedPersons(),
          (entry) => entry,
          page,
        ),
    },
    objects: {
      findByIds: async (ids: readonly string[]) =>
        findAll(models.ObjectEntry, within({ _id: { $in: ids } }, await projectData('ObjectEntry', ids))),
      findExistenceOnlyByIds: async (ids: readonly string[]) =>
        models.ObjectEntry.find(within({ _id: { $in: ids } }, await existenceOnly('ObjectEntry', ids)), IDENTITY_ONLY).lean<
          EntryIdentity[]
        >(),
    },
    review: {
      /** The caller's own agency's records due for review. */
      dueForCaller: () =>
        findDueForReview(
          {
            AnalysisProject: models.AnalysisProject,
            Contribution: models.Contribution,
            PersonEntry: models.PersonEntry,
            ObjectEntry: models.ObjectEntry,
          } as never,
          caller,
        ),
    },
    links: {
      findByEntryIds: (entryIds: readonly string[]) => findAll(models.EntityLink, { entryIds: { $in: entryIds } }),
    },
  };
}

export type EuropolRepositories = ReturnType<typeof createEuropolRepositories>;
