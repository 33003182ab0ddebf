import {
  existenceOnlyRecords,
  findAll,
  findDueForReview,
  findPage,
  identifiableSubjects,
  releasableRecords,
  searchPersons,
  within,
  type CallerContext,
  type PageRequest,
  type PersonSearchCriteria,
} from '@intel-gateway/shared';
import type { BiometricReference, CaseFileRecord, NationalModels, NationalPersonRecord, RequestForAssistanceRecord } from './models';

/**
 * Every query the national subgraph issues, for one caller: each is narrowed to the records
 * released to that caller, and served by an index declared in `models.ts` (checked by the
 * explain test).
 */
export function createNationalRepositories(models: NationalModels, caller: CallerContext) {
  const released = releasableRecords(caller);
  return {
    caseFiles: {
      findByIds: (ids: readonly string[]) => findAll(models.CaseFile, within({ _id: { $in: ids } }, released)),
      /** Case files the caller may only learn exist (marked so, or classified above its clearance): id and owner, no content. */
      findExistenceOnlyByIds: (ids: readonly string[]) =>
        models.CaseFile.find(within({ _id: { $in: ids } }, existenceOnlyRecords(caller)), { 'provenance.owner': 1 }).lean<Pick<CaseFileRecord, '_id' | 'provenance'>[]>(),
      listByOwner: (owner: string, status: CaseFileRecord['status'] | undefined, page: PageRequest) =>
        findPage(models.CaseFile, within(status ? { 'provenance.owner': owner, status } : { 'provenance.owner': owner }, released), page),
      /** Cases mentioning any of these document numbers; the caller matches the full key. */
      findByDocumentNumbers: (numbers: readonly string[]) => findAll(models.CaseFile, within({ documentNumbers: { $in: numbers } }, released)),
      findByVins: (vins: readonly string[]) => findAll(models.CaseFile, within({ vehicleVins: { $in: vins } }, released)),
    },
    biometrics: {
      /**
       * Who holds a biometric profile, as far as the caller may know it exists: only the
       * person's id and owner are read. A check answers hit/no-hit, never content.
       */
      findHolder: (kind: BiometricReference['kind'], profile: string) =>
        models.NationalPerson.findOne({ $and: [{ 'biometrics.profile': profile, 'biometrics.kind': kind }, { $or: [releasableRecords(caller), existenceOnlyRecords(caller)] }] }, { 'provenance.owner': 1 }).lean<
          Pick<NationalPersonRecord, '_id' | 'provenance'>
        >(),
    },
    persons: {
      findByIds: (ids: readonly string[]) => findAll(models.NationalPerson, within({ _id: { $in: ids } }, released)),
      findByCaseFileIds: (caseFileIds: readonly string[]) => findAll(models.NationalPerson, within({ caseFileId: { $in: caseFileIds } }, released)),
      findByNoticeIds: (noticeIds: readonly string[]) => findAll(models.NationalPerson, within({ interpolNoticeId: { $in: noticeIds } }, released)),
      /** Case persons matching a search, among those the caller may see and identify (a bureau's case is its own), scored. */
      search: (criteria: PersonSearchCriteria, page: PageRequest) =>
        searchPersons<NationalPersonRecord>(
          models.NationalPerson,
          criteria,
          { name: 'name', dateOfBirth: 'dateOfBirth', nationalities: 'nationalities' },
          within(released, identifiableSubjects(caller.principal, { category: 'role' })),
          (person) => person,
          page,
        ),
    },
    requests: {
      list: (ncb: string, direction: 'SENT' | 'RECEIVED', status: RequestForAssistanceRecord['status'] | undefined, page: PageRequest) => {
        const party = direction === 'SENT' ? { fromNcb: ncb } : { toNcb: ncb };
        return findPage(models.RequestForAssistance, within(status ? { ...party, status } : party, released), page);
      },
    },
    review: {
      /** The caller's own agency's records due for review. */
      dueForCaller: () =>
        findDueForReview(
          { CaseFile: models.CaseFile, NationalPerson: models.NationalPerson, RequestForAssistance: models.RequestForAssistance, WantedPerson: models.WantedPerson } as never,
          caller,
        ),
    },
    wanted: {
      listByOwner: (owner: string, page: PageRequest) => findPage(models.WantedPerson, within({ 'provenance.owner': owner }, released), page),
    },
  };
}

export type NationalRepositories = ReturnType<typeof createNationalRepositories>;
