import type { CallerContext } from '@intel-gateway/shared/identity';
import type { ReleasedRecords } from '@intel-gateway/shared/policy';
import { createGroupLoader, createKeyLoader } from '@intel-gateway/shared/subgraph';
import type { EuropolRepositories } from './repositories';

/** Per-request loaders: one query per entity type and per child list, whatever the count. */
export function createEuropolLoaders(repositories: EuropolRepositories) {
  return {
    project: createKeyLoader(
      (codes: readonly string[]) => repositories.projects.findByCodes(codes),
      (p) => p._id,
    ),
    contribution: createKeyLoader(
      (ids: readonly string[]) => repositories.contributions.findByIds(ids),
      (c) => c._id,
    ),
    contributionMatch: createKeyLoader(
      (ids: readonly string[]) => repositories.contributions.findExistenceOnlyByIds(ids),
      (c) => c._id,
    ),
    person: createKeyLoader(
      (ids: readonly string[]) => repositories.persons.findByIds(ids),
      (p) => p._id,
    ),
    object: createKeyLoader(
      (ids: readonly string[]) => repositories.objects.findByIds(ids),
      (o) => o._id,
    ),
    personMatch: createKeyLoader(
      (ids: readonly string[]) => repositories.persons.findExistenceOnlyByIds(ids),
      (p) => p._id,
    ),
    objectMatch: createKeyLoader(
      (ids: readonly string[]) => repositories.objects.findExistenceOnlyByIds(ids),
      (o) => o._id,
    ),
    personsByNotice: createGroupLoader(
      (noticeIds: readonly string[]) => repositories.persons.findByNoticeIds(noticeIds),
      (p) => (p.interpolNoticeId ? [p.interpolNoticeId] : []),
    ),
    linksByEntry: createGroupLoader(
      (ids: readonly string[]) => repositories.links.findByEntryIds(ids),
      (l) => l.entryIds,
    ),
    contributionPages: repositories.contributions.createPageLoader(),
    personPages: repositories.persons.createPageLoader(),
  };
}

export type EuropolLoaders = ReturnType<typeof createEuropolLoaders>;

export interface EuropolContext {
  /** Who is asking, as the gateway vouched for it. */
  caller: CallerContext;
  repositories: EuropolRepositories;
  loaders: EuropolLoaders;
  /** The release grants every query of this request is narrowed with (reported with the answer). */
  releaseGrants: ReleasedRecords;
}
