import { findAll, findPage, type PageRequest } from '@intel-gateway/shared';
import type { CaseFileRecord, NationalModels, RequestForAssistanceRecord } from './models';

/**
 * Every query the national subgraph issues, each served by an index declared in
 * `models.ts` (checked by the explain test).
 */
export function createNationalRepositories(models: NationalModels) {
  return {
    caseFiles: {
      findByIds: (ids: readonly string[]) => findAll(models.CaseFile, { _id: { $in: ids } }),
      listByOwner: (owner: string, status: CaseFileRecord['status'] | undefined, page: PageRequest) =>
        findPage(models.CaseFile, status ? { 'provenance.owner': owner, status } : { 'provenance.owner': owner }, page),
      /** Cases mentioning any of these document numbers; the caller matches the full key. */
      findByDocumentNumbers: (numbers: readonly string[]) => findAll(models.CaseFile, { documentNumbers: { $in: numbers } }),
      findByVins: (vins: readonly string[]) => findAll(models.CaseFile, { vehicleVins: { $in: vins } }),
    },
    persons: {
      findByIds: (ids: readonly string[]) => findAll(models.NationalPerson, { _id: { $in: ids } }),
      findByCaseFileIds: (caseFileIds: readonly string[]) => findAll(models.NationalPerson, { caseFileId: { $in: caseFileIds } }),
      findByNoticeIds: (noticeIds: readonly string[]) => findAll(models.NationalPerson, { interpolNoticeId: { $in: noticeIds } }),
    },
    requests: {
      list: (ncb: string, direction: 'SENT' | 'RECEIVED', status: RequestForAssistanceRecord['status'] | undefined, page: PageRequest) => {
        const party = direction === 'SENT' ? { fromNcb: ncb } : { toNcb: ncb };
        return findPage(models.RequestForAssistance, status ? { ...party, status } : party, page);
      },
    },
    wanted: {
      listByOwner: (owner: string, page: PageRequest) => findPage(models.WantedPerson, { 'provenance.owner': owner }, page),
    },
  };
}

export type NationalRepositories = ReturnType<typeof createNationalRepositories>;
