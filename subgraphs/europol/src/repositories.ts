import { createChildPageLoader, findPage, type PageRequest } from '@intel-gateway/shared';
import type { AnalysisProjectRecord, ContributionRecord, EntityLinkRecord, EuropolModels, ObjectEntryRecord, PersonEntryRecord } from './models';

/**
 * Every query the Europol subgraph issues, each served by an index declared in `models.ts`
 * (checked by the explain test).
 */
export function createEuropolRepositories(models: EuropolModels) {
  return {
    projects: {
      findByCodes: (codes: readonly string[]) => models.AnalysisProject.find({ _id: { $in: codes } }).lean<AnalysisProjectRecord[]>(),
      list: (page: PageRequest) => findPage(models.AnalysisProject, {}, page),
    },
    contributions: {
      findByIds: (ids: readonly string[]) => models.Contribution.find({ _id: { $in: ids } }).lean<ContributionRecord[]>(),
      /** A loader over per-project pages; one aggregation per batch of projects. */
      createPageLoader: () => createChildPageLoader(models.Contribution, 'projectCode'),
    },
    persons: {
      findByIds: (ids: readonly string[]) => models.PersonEntry.find({ _id: { $in: ids } }).lean<PersonEntryRecord[]>(),
      findByNoticeIds: (noticeIds: readonly string[]) => models.PersonEntry.find({ interpolNoticeId: { $in: noticeIds } }).lean<PersonEntryRecord[]>(),
      createPageLoader: () => createChildPageLoader(models.PersonEntry, 'projectCode'),
    },
    objects: {
      findByIds: (ids: readonly string[]) => models.ObjectEntry.find({ _id: { $in: ids } }).lean<ObjectEntryRecord[]>(),
    },
    links: {
      findByEntryIds: (entryIds: readonly string[]) => models.EntityLink.find({ entryIds: { $in: entryIds } }).lean<EntityLinkRecord[]>(),
    },
  };
}

export type EuropolRepositories = ReturnType<typeof createEuropolRepositories>;
