import type { CallerContext } from '@intel-gateway/shared/identity';
import type { ReleasedRecords } from '@intel-gateway/shared/policy';
import { travelDocumentCacheKey, type TravelDocumentKey, travelDocumentKeyOf } from '@intel-gateway/shared/records';
import { createKeyLoader } from '@intel-gateway/shared/subgraph';
import type { FirearmKey } from './models';
import type { InterpolRepositories } from './repositories';

export const firearmKey = (k: FirearmKey) => `${k.make}|${k.serialNumber}`;

/** Per-request loaders: each entity type costs one `$in` query per request, whatever the count. */
export function createInterpolLoaders(repositories: InterpolRepositories) {
  return {
    notice: createKeyLoader(
      (ids: readonly string[]) => repositories.notices.findByIds(ids),
      (n) => n._id,
    ),
    noticeMatch: createKeyLoader(
      (ids: readonly string[]) => repositories.notices.findExistenceOnlyByIds(ids),
      (n) => n._id,
    ),
    diffusion: createKeyLoader(
      (ids: readonly string[]) => repositories.diffusions.findByIds(ids),
      (d) => d._id,
    ),
    diffusionMatch: createKeyLoader(
      (ids: readonly string[]) => repositories.diffusions.findExistenceOnlyByIds(ids),
      (d) => d._id,
    ),
    sltdByDocument: createKeyLoader(
      (keys: readonly TravelDocumentKey[]) => repositories.sltd.findByDocumentKeys(keys),
      travelDocumentKeyOf,
      travelDocumentCacheKey,
    ),
    sltdMatchByDocument: createKeyLoader(
      (keys: readonly TravelDocumentKey[]) => repositories.sltd.findExistenceOnlyByDocumentKeys(keys),
      travelDocumentKeyOf,
      travelDocumentCacheKey,
    ),
    smvByVin: createKeyLoader(
      (vins: readonly string[]) => repositories.smv.findByVins(vins),
      (r) => r.vin,
    ),
    firearmByKey: createKeyLoader(
      (keys: readonly FirearmKey[]) => repositories.firearms.findByKeys(keys),
      (r): FirearmKey => ({ make: r.make, serialNumber: r.serialNumber }),
      firearmKey,
    ),
  };
}

export type InterpolLoaders = ReturnType<typeof createInterpolLoaders>;

export interface InterpolContext {
  /** Who is asking, as the gateway vouched for it. */
  caller: CallerContext;
  repositories: InterpolRepositories;
  loaders: InterpolLoaders;
  /** The release grants every query of this request is narrowed with (reported with the answer). */
  releaseGrants: ReleasedRecords;
}
