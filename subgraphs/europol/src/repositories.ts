import { createChildPageLoader, findAll, findPage, type PageRequest } from '@intel-gateway/shared';
import type { EuropolModels } from './models';

/**
 * Every query the Europol subgraph issues, each served by an index declared in `models.ts`
 * (checked by the explain test).
 */
export function createEuropolRepositories(models: EuropolModels) {
  return {
    projects: {
      findByCodes: (codes: readonly string[]) => findAll(models.AnalysisProject, { _id: { $in: codes } }),
      list: (page: PageRequest) => findPage(models.AnalysisProject, {}, page),
    },
    contributions: {
      findByIds: (ids: readonly string[]) => findAll(models.Contribution, { _id: { $in: ids } }),
      /** A loader over per-project pages; one aggregation per batch of projects. */
      createPageLoader: () => createChildPageLoader(models.Contribution, 'projectCode'),
    },
    persons: {
      findByIds: (ids: readonly string[]) => findAll(models.PersonEntry, { _id: { $in: ids } }),
      findByNoticeIds: (noticeIds: readonly string[]) => findAll(models.PersonEntry, { interpolNoticeId: { $in: noticeIds } }),
      createPageLoader: () => createChildPageLoader(models.PersonEntry, 'projectCode'),
    },
    objects: {
      findByIds: (ids: readonly string[]) => findAll(models.ObjectEntry, { _id: { $in: ids } }),
    },
    links: {
      findByEntryIds: (entryIds: readonly string[]) => findAll(models.EntityLink, { entryIds: { $in: entryIds } }),
    },
  };
}

export type EuropolRepositories = ReturnType<typeof createEuropolRepositories>;
