import { findAll, findPage } from '@intel-gateway/shared/database';
import type { CallerContext } from '@intel-gateway/shared/identity';
import type { Page, PageRequest } from '@intel-gateway/shared/pagination';
import {
  existenceOnlyNotices,
  existenceOnlyRecords,
  findDueForReview,
  releasableNotices,
  releasableRecords,
  ReleasedRecords,
  within,
} from '@intel-gateway/shared/policy';
import type { TravelDocumentKey } from '@intel-gateway/shared/records';
import { type PersonSearchCriteria, searchPersons } from '@intel-gateway/shared/search';
import type { DiffusionRecord, FirearmKey, InterpolModels, NoticeRecord, SltdRecord, WorkOfArtRecord } from './models';

export interface NoticeFilter {
  type?: NoticeRecord['type'];
  status?: NoticeRecord['status'];
  requestingNcb?: string;
}

/** The API type names of the records this subgraph holds, which releases are keyed by. */
export const INTERPOL_RECORD_TYPES = ['Notice', 'Diffusion', 'SltdRecord', 'SmvRecord', 'FirearmRecord', 'WorkOfArt'] as const;

/**
 * Every query the INTERPOL subgraph issues, for one caller: each is narrowed to the records
 * released to that caller (see `releasableRecords`; `grants`: what owners released to it on
 * request, by type), and served by an index declared in `models.ts`; the explain test runs
 * each of them and fails on a collection scan.
 */
export function createInterpolRepositories(models: InterpolModels, caller: CallerContext, grants: ReleasedRecords = ReleasedRecords.NONE) {
  const released = (type: (typeof INTERPOL_RECORD_TYPES)[number], among?: readonly string[]) =>
    releasableRecords(caller, grants.filterFor(type, among));
  const notices = (among?: readonly string[]) => releasableNotices(caller, grants.filterFor('Notice', among));
  const documentKeys = (keys: readonly TravelDocumentKey[]) => ({
    number: { $in: [...new Set(keys.map((k) => k.number))] },
    issuingCountry: { $in: [...new Set(keys.map((k) => k.issuingCountry))] },
  });
  return {
    notices: {
      findByIds: (ids: readonly string[]) => findAll(models.Notice, within({ _id: { $in: ids } }, notices(ids))),
      /** Notices the caller may only learn exist (marked so, or classified above its clearance): id and owner, no content. */
      findExistenceOnlyByIds: (ids: readonly string[]) =>
        models.Notice.find(within({ _id: { $in: ids } }, existenceOnlyNotices(caller, grants.filterFor('Notice', ids))), {
          'provenance.owner': 1,
        }).lean<Pick<NoticeRecord, '_id' | 'provenance'>[]>(),
      list: (filter: NoticeFilter, page: PageRequest): Promise<Page<NoticeRecord>> =>
        findPage(models.Notice, within({ ...filter }, notices()), page),
      /** Notices whose subject matches a person search, scored. */
      searchBySubject: (criteria: PersonSearchCriteria, page: PageRequest) =>
        searchPersons<NoticeRecord>(
          models.Notice,
          criteria,
          { name: 'subject.name', dateOfBirth: 'subject.dateOfBirth', nationalities: 'subject.nationalities' },
          notices(),
          (notice) => notice.subject,
          page,
        ),
    },
    diffusions: {
      findByIds: (ids: readonly string[]) => findAll(models.Diffusion, within({ _id: { $in: ids } }, released('Diffusion', ids))),
      /** Diffusions the caller may only learn exist (marked so, or classified above its clearance): id and owner, no content. */
      findExistenceOnlyByIds: (ids: readonly string[]) =>
        models.Diffusion.find(within({ _id: { $in: ids } }, existenceOnlyRecords(caller, grants.filterFor('Diffusion', ids))), {
          'provenance.owner': 1,
        }).lean<Pick<DiffusionRecord, '_id' | 'provenance'>[]>(),
      listBySender: (senderNcb: string, page: PageRequest): Promise<Page<DiffusionRecord>> =>
        findPage(models.Diffusion, within({ senderNcb }, released('Diffusion')), page),
    },
    sltd: {
      /** Candidates by number; the caller matches the full key, which the index also covers. */
      findByDocumentKeys: (keys: readonly TravelDocumentKey[]) => findAll(models.Sltd, within(documentKeys(keys), released('SltdRecord'))),
      /** Records the caller may only learn exist, by key: their identity and owner, no content. */
      findExistenceOnlyByDocumentKeys: (keys: readonly TravelDocumentKey[]) =>
        models.Sltd.find(within(documentKeys(keys), existenceOnlyRecords(caller, grants.filterFor('SltdRecord'))), {
          issuingCountry: 1,
          documentType: 1,
          number: 1,
          'provenance.owner': 1,
        }).lean<Pick<SltdRecord, '_id' | 'issuingCountry' | 'documentType' | 'number' | 'provenance'>[]>(),
      listByCountry: (issuingCountry: string, status: SltdRecord['status'] | undefined, page: PageRequest): Promise<Page<SltdRecord>> =>
        findPage(models.Sltd, within(status ? { issuingCountry, status } : { issuingCountry }, released('SltdRecord')), page),
    },
    smv: {
      findByVins: (vins: readonly string[]) => findAll(models.Smv, within({ vin: { $in: vins } }, released('SmvRecord'))),
    },
    firearms: {
      findByKeys: (keys: readonly FirearmKey[]) =>
        findAll(
          models.Firearm,
          within(
            {
              serialNumber: { $in: [...new Set(keys.map((k) => k.serialNumber))] },
              make: { $in: [...new Set(keys.map((k) => k.make))] },
            },
            released('FirearmRecord'),
          ),
        ),
    },
    review: {
      /** The caller's own agency's records due for review. */
      dueForCaller: () =>
        findDueForReview(
          {
            Notice: models.Notice,
            Diffusion: models.Diffusion,
            SltdRecord: models.Sltd,
            SmvRecord: models.Smv,
            FirearmRecord: models.Firearm,
            WorkOfArt: models.WorkOfArt,
          } as never,
          caller,
        ),
    },
    worksOfArt: {
      list: (country: string | undefined, page: PageRequest): Promise<Page<WorkOfArtRecord>> =>
        findPage(models.WorkOfArt, within(country ? { country } : {}, released('WorkOfArt')), page),
    },
  };
}

export type InterpolRepositories = ReturnType<typeof createInterpolRepositories>;
