import {
  createChildPageLoader,
  existenceOnlyRecords,
  findAll,
  findDueForReview,
  findPage,
  identifiableSubjects,
  releasableRecords,
  searchPersons,
  unidentifiableSubjects,
  within,
  type CallerContext,
  type PageRequest,
  type PersonSearchCriteria,
  type RecordFilter,
} from '@intel-gateway/shared';
import type { EuropolModels, ObjectEntryRecord, PersonEntryRecord } from './models';

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
export function createEuropolRepositories(models: EuropolModels, caller: CallerContext) {
  const { agency } = caller.principal;
  const released = releasableRecords(caller);
  let participating: Promise<string[]> | undefined;
  /** The projects the caller's agency takes part in, read once per request. */
  const projectsOfCaller = () =>
    (participating ??= models.AnalysisProject.find({ participants: agency }, { _id: 1 })
      .lean<{ _id: string }[]>()
      .then((projects) => projects.map((p) => p._id)));
  const releasedToCaller = caller.released ?? [];
  const projectData = async (): Promise<RecordFilter> => ({
    $and: [released, { $or: [{ 'provenance.owner': agency }, { _id: { $in: releasedToCaller } }, { projectCode: { $in: await projectsOfCaller() } }] }],
  });
  let memberOf: Promise<string[]> | undefined;
  /**
   * The caller's own projects whose record is released to it: membership lets a victim or
   * witness be identified only where the project itself can be read, as the gateway checks it.
   */
  const memberProjects = () =>
    (memberOf ??=
      (caller.principal.projects ?? []).length === 0
        ? Promise.resolve([])
        : models.AnalysisProject.find(within({ _id: { $in: [...(caller.principal.projects ?? [])] } }, released), { _id: 1 })
            .lean<{ _id: string }[]>()
            .then((projects) => projects.map((p) => p._id)));
  const subjectFields = { category: 'category', projectCode: 'projectCode' };
  const reader = async () => ({ ...caller.principal, projects: await memberProjects() });
  /** Person entries the caller may see and identify. */
  const identifiedPersons = async (): Promise<RecordFilter> => within(await projectData(), identifiableSubjects(await reader(), subjectFields));
  const existenceOnly = async (): Promise<RecordFilter> => ({
    $or: [
      existenceOnlyRecords(caller),
      { $and: [released, { 'provenance.owner': { $ne: agency } }, { _id: { $nin: releasedToCaller } }, { projectCode: { $nin: await projectsOfCaller() } }] },
    ],
  });
  return {
    projects: {
      findByCodes: (codes: readonly string[]) => findAll(models.AnalysisProject, within({ _id: { $in: codes } }, released)),
      list: (page: PageRequest) => findPage(models.AnalysisProject, within({}, released), page),
    },
    contributions: {
      findByIds: async (ids: readonly string[]) => findAll(models.Contribution, within({ _id: { $in: ids } }, await projectData())),
      /** A loader over per-project pages; one aggregation per batch of projects. */
      createPageLoader: () => createChildPageLoader(models.Contribution, 'projectCode', projectData),
    },
    persons: {
      findByIds: async (ids: readonly string[]) => findAll(models.PersonEntry, within({ _id: { $in: ids } }, await identifiedPersons())),
      /** Entries the caller may only learn exist: existence-only for it, outside its projects, or not identifiable to it. */
      findExistenceOnlyByIds: async (ids: readonly string[]) =>
        models.PersonEntry.find(
          within({ _id: { $in: ids } }, { $or: [await existenceOnly(), within(await projectData(), unidentifiableSubjects(await reader(), subjectFields))] }),
          IDENTITY_ONLY,
        ).lean<EntryIdentity[]>(),
      findByNoticeIds: async (noticeIds: readonly string[]) => findAll(models.PersonEntry, within({ interpolNoticeId: { $in: noticeIds } }, await identifiedPersons())),
      createPageLoader: () => createChildPageLoader(models.PersonEntry, 'projectCode', identifiedPersons),
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
      findByIds: async (ids: readonly string[]) => findAll(models.ObjectEntry, within({ _id: { $in: ids } }, await projectData())),
      findExistenceOnlyByIds: async (ids: readonly string[]) =>
        models.ObjectEntry.find(within({ _id: { $in: ids } }, await existenceOnly()), IDENTITY_ONLY).lean<EntryIdentity[]>(),
    },
    review: {
      /** The caller's own agency's records due for review. */
      dueForCaller: () =>
        findDueForReview({ AnalysisProject: models.AnalysisProject, Contribution: models.Contribution, PersonEntry: models.PersonEntry, ObjectEntry: models.ObjectEntry } as never, agency),
    },
    links: {
      findByEntryIds: (entryIds: readonly string[]) => findAll(models.EntityLink, { entryIds: { $in: entryIds } }),
    },
  };
}

export type EuropolRepositories = ReturnType<typeof createEuropolRepositories>;
