import type { CallerContext } from '@intel-gateway/shared/identity';
import type { ReleasedRecords } from '@intel-gateway/shared/policy';
import { travelDocumentCacheKey, type TravelDocumentKey } from '@intel-gateway/shared/records';
import { createGroupLoader, createKeyLoader } from '@intel-gateway/shared/subgraph';
import type { NationalRepositories } from './repositories';

/** Per-request loaders: one query per entity type and per child list, whatever the count. */
export function createNationalLoaders(repositories: NationalRepositories) {
  return {
    caseFile: createKeyLoader(
      (ids: readonly string[]) => repositories.caseFiles.findByIds(ids),
      (c) => c._id,
    ),
    caseFileMatch: createKeyLoader(
      (ids: readonly string[]) => repositories.caseFiles.findExistenceOnlyByIds(ids),
      (c) => c._id,
    ),
    person: createKeyLoader(
      (ids: readonly string[]) => repositories.persons.findByIds(ids),
      (p) => p._id,
    ),
    personMatch: createKeyLoader(
      (ids: readonly string[]) => repositories.persons.findMatchesByIds(ids),
      (p) => p._id,
    ),
    personsByCaseFile: createGroupLoader(
      (ids: readonly string[]) => repositories.persons.findByCaseFileIds(ids),
      (p) => [p.caseFileId],
    ),
    personsByNotice: createGroupLoader(
      (ids: readonly string[]) => repositories.persons.findByNoticeIds(ids),
      (p) => (p.interpolNoticeId ? [p.interpolNoticeId] : []),
    ),
    caseFilesByDocument: createGroupLoader(
      (keys: readonly TravelDocumentKey[]) => repositories.caseFiles.findByDocumentNumbers([...new Set(keys.map((k) => k.number))]),
      (c) => c.travelDocuments,
      travelDocumentCacheKey,
    ),
    caseFilesByVin: createGroupLoader(
      (vins: readonly string[]) => repositories.caseFiles.findByVins(vins),
      (c) => c.vehicleVins,
    ),
  };
}

export type NationalLoaders = ReturnType<typeof createNationalLoaders>;

export interface NationalContext {
  /** Who is asking, as the gateway vouched for it. */
  caller: CallerContext;
  repositories: NationalRepositories;
  loaders: NationalLoaders;
  /** The release grants every query of this request is narrowed with (reported with the answer). */
  releaseGrants: ReleasedRecords;
}
