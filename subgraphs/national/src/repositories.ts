import { findPage, type PageRequest } from '@intel-gateway/shared';
import type { CaseFileRecord, NationalModels, NationalPersonRecord, RequestForAssistanceRecord } from './models';

/**
 * Every query the national subgraph issues, each served by an index declared in
 * `models.ts` (checked by the explain test).
 */
export function createNationalRepositories(models: NationalModels) {
  return {
    caseFiles: {
      findByIds: (ids: readonly string[]) => models.CaseFile.find({ _id: { $in: ids } }).lean<CaseFileRecord[]>(),
      listByOwner: (owner: string, status: CaseFileRecord['status'] | undefined, page: PageRequest) =>
        findPage(models.CaseFile, status ? { 'provenance.owner': owner, status } : { 'provenance.owner': owner }, page),
      /** Cases mentioning any of these document numbers; the caller matches the full key. */
      findByDocumentNumbers: (numbers: readonly string[]) => models.CaseFile.find({ documentNumbers: { $in: numbers } }).lean<CaseFileRecord[]>(),
      findByVins: (vins: readonly string[]) => models.CaseFile.find({ vehicleVins: { $in: vins } }).lean<CaseFileRecord[]>(),
    },
    persons: {
      findByIds: (ids: readonly string[]) => models.NationalPerson.find({ _id: { $in: ids } }).lean<NationalPersonRecord[]>(),
      findByCaseFileIds: (caseFileIds: readonly string[]) => models.NationalPerson.find({ caseFileId: { $in: caseFileIds } }).lean<NationalPersonRecord[]>(),
      findByNoticeIds: (noticeIds: readonly string[]) => models.NationalPerson.find({ interpolNoticeId: { $in: noticeIds } }).lean<NationalPersonRecord[]>(),
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
