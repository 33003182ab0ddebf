import {
  existenceOnlyRecords,
  findAll,
  findDueForReview,
  findPage,
  identifiableSubjects,
  releasableRecords,
  searchPersons,
  within,
  ReleasedRecords,
  type CallerContext,
  type PageRequest,
  type PersonSearchCriteria,
} from '@intel-gateway/shared';
import type { BiometricReference, CaseFileRecord, NationalModels, NationalPersonRecord, RequestForAssistanceRecord } from './models';

/** The API type names of the records this subgraph holds, which releases are keyed by. */
export const NATIONAL_RECORD_TYPES = ['CaseFile', 'NationalPerson', 'RequestForAssistance', 'WantedPerson'] as const;

/**
 * Every query the national subgraph issues, for one caller: each is narrowed to the records
 * released to that caller (`grants`: what owners released to it on request, by type), and
 * served by an index declared in `models.ts` (checked by the explain test).
 */
export function createNationalRepositories(models: NationalModels, caller: CallerContext, grants: ReleasedRecords = ReleasedRecords.NONE) {
  const released = (type: (typeof NATIONAL_RECORD_TYPES)[number], among?: readonly string[]) => releasableRecords(caller, grants.filterFor(type, among));
  return {
    caseFiles: {
      findByIds: (ids: readonly string[]) => findAll(models.CaseFile, within({ _id: { $in: ids } }, released('CaseFile', ids))),
      /** Case files the caller may only learn exist (marked so, or classified above its clearance): id and owner, no content. */
      findExistenceOnlyByIds: (ids: readonly string[]) =>
        models.CaseFile.find(within({ _id: { $in: ids } }, existenceOnlyRecords(caller, grants.filterFor('CaseFile', ids))), { 'provenance.owner': 1 }).lean<Pick<CaseFileRecord, '_id' | 'provenance'>[]>(),
      listByOwner: (owner: string, status: CaseFileRecord['status'] | undefined, page: PageRequest) =>
        findPage(models.CaseFile, within(status ? { 'provenance.owner': owner, status } : { 'provenance.owner': owner }, released('CaseFile')), page),
      /** Cases mentioning any of these document numbers; the caller matches the full key. */
      findByDocumentNumbers: (numbers: readonly string[]) => findAll(models.CaseFile, within({ documentNumbers: { $in: numbers } }, released('CaseFile'))),
      findByVins: (vins: readonly string[]) => findAll(models.CaseFile, within({ vehicleVins: { $in: vins } }, released('CaseFile'))),
    },
    biometrics: {
      /**
       * Who holds a biometric profile, as far as the caller may know it exists: only the
       * person's id and owner are read. A check answers hit/no-hit, never content.
       */
      findHolder: (kind: BiometricReference['kind'], profile: string) =>
        models.NationalPerson.findOne({ $and: [{ 'biometrics.profile': profile, 'biometrics.kind': kind }, { $or: [released('NationalPerson'), existenceOnlyRecords(caller, grants.filterFor('NationalPerson'))] }] }, { 'provenance.owner': 1 }).lean<
          Pick<NationalPersonRecord, '_id' | 'provenance'>
        >(),
    },
    persons: {
      findByIds: (ids: readonly string[]) => findAll(models.NationalPerson, within({ _id: { $in: ids } }, released('NationalPerson', ids))),
      findByCaseFileIds: (caseFileIds: readonly string[]) => findAll(models.NationalPerson, within({ caseFileId: { $in: caseFileIds } }, released('NationalPerson'))),
      findByNoticeIds: (noticeIds: readonly string[]) => findAll(models.NationalPerson, within({ interpolNoticeId: { $in: noticeIds } }, released('NationalPerson'))),
      /** Case persons matching a search, among those the caller may see and identify (a bureau's case is its own), scored. */
      search: (criteria: PersonSearchCriteria, page: PageRequest) =>
        searchPersons<NationalPersonRecord>(
          models.NationalPerson,
          criteria,
          { name: 'name', dateOfBirth: 'dateOfBirth', nationalities: 'nationalities' },
          within(released('NationalPerson'), identifiableSubjects(caller.principal, { category: 'role' })),
          (person) => person,
          page,
        ),
    },
    requests: {
      list: (ncb: string, direction: 'SENT' | 'RECEIVED', status: RequestForAssistanceRecord['status'] | undefined, page: PageRequest) => {
        const party = direction === 'SENT' ? { fromNcb: ncb } : { toNcb: ncb };
        return findPage(models.RequestForAssistance, within(status ? { ...party, status } : party, released('RequestForAssistance')), page);
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
      listByOwner: (owner: string, page: PageRequest) => findPage(models.WantedPerson, within({ 'provenance.owner': owner }, released('WantedPerson')), page),
    },
  };
}

export type NationalRepositories = ReturnType<typeof createNationalRepositories>;
