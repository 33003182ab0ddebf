import { findAll, findPage, type Page, type PageRequest, type TravelDocumentKey } from '@intel-gateway/shared';
import type {
  DiffusionRecord,
  FirearmKey,
  InterpolModels,
  NoticeRecord,
  SltdRecord,
  WorkOfArtRecord,
} from './models';

export interface NoticeFilter {
  type?: NoticeRecord['type'];
  status?: NoticeRecord['status'];
  requestingNcb?: string;
}

/**
 * Every query the INTERPOL subgraph issues. Each one is served by an index declared in
 * `models.ts`; the explain test runs each of them and fails on a collection scan.
 */
export function createInterpolRepositories(models: InterpolModels) {
  return {
    notices: {
      findByIds: (ids: readonly string[]) => findAll(models.Notice, { _id: { $in: ids } }),
      list: (filter: NoticeFilter, page: PageRequest): Promise<Page<NoticeRecord>> => findPage(models.Notice, filter, page),
    },
    diffusions: {
      findByIds: (ids: readonly string[]) => findAll(models.Diffusion, { _id: { $in: ids } }),
      listBySender: (senderNcb: string, page: PageRequest): Promise<Page<DiffusionRecord>> => findPage(models.Diffusion, { senderNcb }, page),
    },
    sltd: {
      /** Candidates by number; the caller matches the full key, which the index also covers. */
      findByDocumentKeys: (keys: readonly TravelDocumentKey[]) =>
        findAll(models.Sltd, {
          number: { $in: [...new Set(keys.map((k) => k.number))] },
          issuingCountry: { $in: [...new Set(keys.map((k) => k.issuingCountry))] },
        }),
      listByCountry: (issuingCountry: string, status: SltdRecord['status'] | undefined, page: PageRequest): Promise<Page<SltdRecord>> =>
        findPage(models.Sltd, status ? { issuingCountry, status } : { issuingCountry }, page),
    },
    smv: {
      findByVins: (vins: readonly string[]) => findAll(models.Smv, { vin: { $in: vins } }),
    },
    firearms: {
      findByKeys: (keys: readonly FirearmKey[]) =>
        findAll(models.Firearm, {
          serialNumber: { $in: [...new Set(keys.map((k) => k.serialNumber))] },
          make: { $in: [...new Set(keys.map((k) => k.make))] },
        }),
    },
    worksOfArt: {
      list: (country: string | undefined, page: PageRequest): Promise<Page<WorkOfArtRecord>> =>
        findPage(models.WorkOfArt, country ? { country } : {}, page),
    },
  };
}

export type InterpolRepositories = ReturnType<typeof createInterpolRepositories>;
