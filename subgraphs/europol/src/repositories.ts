import { createChildPageLoader, findAll, findPage, releasableRecords, within, type CallerContext, type PageRequest } from '@intel-gateway/shared';
import type { EuropolModels } from './models';

/**
 * Every query the Europol subgraph issues, for one caller: each is narrowed to the records
 * released to that caller (links carry no content of their own: their resolver drops a
 * link whose either end is not released), and served by an index declared in `models.ts`
 * (checked by the explain test).
 */
export function createEuropolRepositories(models: EuropolModels, caller: CallerContext) {
  const released = releasableRecords(caller);
  return {
    projects: {
      findByCodes: (codes: readonly string[]) => findAll(models.AnalysisProject, within({ _id: { $in: codes } }, released)),
      list: (page: PageRequest) => findPage(models.AnalysisProject, within({}, released), page),
    },
    contributions: {
      findByIds: (ids: readonly string[]) => findAll(models.Contribution, within({ _id: { $in: ids } }, released)),
      /** A loader over per-project pages; one aggregation per batch of projects. */
      createPageLoader: () => createChildPageLoader(models.Contribution, 'projectCode', released),
    },
    persons: {
      findByIds: (ids: readonly string[]) => findAll(models.PersonEntry, within({ _id: { $in: ids } }, released)),
      findByNoticeIds: (noticeIds: readonly string[]) => findAll(models.PersonEntry, within({ interpolNoticeId: { $in: noticeIds } }, released)),
      createPageLoader: () => createChildPageLoader(models.PersonEntry, 'projectCode', released),
    },
    objects: {
      findByIds: (ids: readonly string[]) => findAll(models.ObjectEntry, within({ _id: { $in: ids } }, released)),
    },
    links: {
      findByEntryIds: (entryIds: readonly string[]) => findAll(models.EntityLink, { entryIds: { $in: entryIds } }),
    },
  };
}

export type EuropolRepositories = ReturnType<typeof createEuropolRepositories>;
