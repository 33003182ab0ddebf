import { findAll, findPage } from '@intel-gateway/shared/database';
import type { CallerContext } from '@intel-gateway/shared/identity';
import type { PageRequest } from '@intel-gateway/shared/pagination';
import {
  existenceOnlyRecords,
  findDueForReview,
  identifiableSubjects,
  releasableRecords,
  ReleasedRecords,
  unidentifiableSubjects,
  within,
} from '@intel-gateway/shared/policy';
import { type PersonSearchCriteria, searchPersons } from '@intel-gateway/shared/search';
import type {
  BiometricReference,
  CaseFileRecord,
  NationalModels,
  NationalPersonRecord,
  RequestForAssistanceRecord,
  WantedPersonRecord,
} from './models';

/** The API type names of the records this subgraph holds, which releases are keyed by. */
export const NATIONAL_RECORD_TYPES = ['CaseFile', 'NationalPerson', 'RequestForAssistance', 'WantedPerson'] as const;

/** What a hit/no-hit lookup reads of a person: its identity and owner, never content. */
type PersonIdentity = Pick<NationalPersonRecord, '_id' | 'provenance'>;

/**
 * Every query the national subgraph issues, for one caller: each is narrowed to the records
 * released to that caller (`grants`: what owners released to it on request, by type), and
 * served by an index declared in `models.ts` (checked by the explain test).
 *
 * Case persons are narrowed further to those the caller may identify: a victim, witness or
 * informant it may not identify is in no list or count, behind no link (case, notice,
 * wanted list), and a lookup answers hit/no-hit only. A wanted-list entry follows every
 * rule of its person's record, release and identification alike.
 */
export function createNationalRepositories(models: NationalModels, caller: CallerContext, grants: ReleasedRecords = ReleasedRecords.NONE) {
  const released = (type: (typeof NATIONAL_RECORD_TYPES)[number], among?: readonly string[]) =>
    releasableRecords(caller, grants.filterFor(type, among));
  const subjectFields = { category: 'role' };
  /** Persons released to the caller that it may also identify. */
  const identified = (among?: readonly string[]) =>
    within(released('NationalPerson', among), identifiableSubjects(caller.principal, subjectFields));
  return {
    caseFiles: {
      findByIds: (ids: readonly string[]) => findAll(models.CaseFile, within({ _id: { $in: ids } }, released('CaseFile', ids))),
      /** Case files the caller may only learn exist (marked so, or classified above its clearance): id and owner, no content. */
      findExistenceOnlyByIds: (ids: readonly string[]) =>
        models.CaseFile.find(within({ _id: { $in: ids } }, existenceOnlyRecords(caller, grants.filterFor('CaseFile', ids))), {
          'provenance.owner': 1,
        }).lean<Pick<CaseFileRecord, '_id' | 'provenance'>[]>(),
      listByOwner: (owner: string, status: CaseFileRecord['status'] | undefined, page: PageRequest) =>
        findPage(
          models.CaseFile,
          within(status ? { 'provenance.owner': owner, status } : { 'provenance.owner': owner }, released('CaseFile')),
          page,
        ),
      /** Cases mentioning any of these document numbers; the caller matches the full key. */
      findByDocumentNumbers: (numbers: readonly string[]) =>
        findAll(models.CaseFile, within({ documentNumbers: { $in: numbers } }, released('CaseFile'))),
      findByVins: (vins: readonly string[]) => findAll(models.CaseFile, within({ vehicleVins: { $in: vins } }, released('CaseFile'))),
    },
    biometrics: {
      /**
       * Who holds a biometric profile, as far as the caller may know it exists: only the
       * person's id and owner are read. A check answers hit/no-hit, never content.
       */
      findHolder: (kind: BiometricReference['kind'], profile: string) =>
        models.NationalPerson.findOne(
          {
            $and: [
              { 'biometrics.profile': profile, 'biometrics.kind': kind },
              { $or: [released('NationalPerson'), existenceOnlyRecords(caller, grants.filterFor('NationalPerson'))] },
            ],
          },
          { 'provenance.owner': 1 },
        ).lean<Pick<NationalPersonRecord, '_id' | 'provenance'>>(),
    },
    persons: {
      findByIds: (ids: readonly string[]) => findAll(models.NationalPerson, within({ _id: { $in: ids } }, identified(ids))),
      /** Persons the caller may only learn exist: released but not identifiable to it, or existence-only for it. */
      findMatchesByIds: (ids: readonly string[]) =>
        models.NationalPerson.find(
          within(
            { _id: { $in: ids } },
            {
              $or: [
                within(released('NationalPerson', ids), unidentifiableSubjects(caller.principal, subjectFields)),
                existenceOnlyRecords(caller, grants.filterFor('NationalPerson', ids)),
              ],
            },
          ),
          { 'provenance.owner': 1 },
        ).lean<PersonIdentity[]>(),
      findByCaseFileIds: (caseFileIds: readonly string[]) =>
        findAll(models.NationalPerson, within({ caseFileId: { $in: caseFileIds } }, identified())),
      findByNoticeIds: (noticeIds: readonly string[]) =>
        findAll(models.NationalPerson, within({ interpolNoticeId: { $in: noticeIds } }, identified())),
      /** Case persons matching a search, among those the caller may see and identify (a bureau's case is its own), scored. */
      search: (criteria: PersonSearchCriteria, page: PageRequest) =>
        searchPersons<NationalPersonRecord>(
          models.NationalPerson,
          criteria,
          { name: 'name', dateOfBirth: 'dateOfBirth', nationalities: 'nationalities' },
          identified(),
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
          {
            CaseFile: models.CaseFile,
            NationalPerson: models.NationalPerson,
            RequestForAssistance: models.RequestForAssistance,
            WantedPerson: models.WantedPerson,
          } as never,
          caller,
        ),
    },
    wanted: {
      /**
       * An owner's wanted list, less every entry whose person is not released to the caller
       * or that it may not identify: an entry names its person, so it follows the person's
       * rules as well as its own. The persons are checked among those the list names (it
       * costs what the list holds, not what the owner hides), and the page is read with
       * that narrowing inside its query, so pages and `hasNextPage` count only what the
       * caller sees.
       */
      listByOwner: async (owner: string, page: PageRequest) => {
        const entries = within({ 'provenance.owner': owner }, released('WantedPerson'));
        const listed = await models.WantedPerson.find(entries, { personId: 1 }).lean<Pick<WantedPersonRecord, 'personId'>[]>();
        const personIds = [...new Set(listed.map((entry) => entry.personId))];
        const shown = await models.NationalPerson.find(within({ _id: { $in: personIds } }, identified(personIds)), { _id: 1 }).lean<
          { _id: string }[]
        >();
        return findPage(models.WantedPerson, within(entries, { personId: { $in: shown.map((person) => person._id) } }), page);
      },
    },
  };
}

export type NationalRepositories = ReturnType<typeof createNationalRepositories>;
