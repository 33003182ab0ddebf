import DataLoader from 'dataloader';
import type { Model, PipelineStage, QueryFilter } from 'mongoose';
import { type Page, type PageRequest, toConnection } from '../pagination';

/**
 * One page of records in `_id` order, continuing after the cursor's id. Fetches one record
 * more than asked, to tell whether a next page exists. Needs an index on the filter's
 * equality fields followed by `_id`.
 */
export async function findPage<T extends { _id: string }>(model: Model<T>, filter: QueryFilter<T>, page: PageRequest): Promise<Page<T>> {
  const query = page.afterId === undefined ? filter : { $and: [filter, { _id: { $gt: page.afterId } }] };
  const records = (await model
    .find(query)
    .sort({ _id: 1 })
    .limit(page.first + 1)
    // The whole page in the first reply: the server's default first batch is 101 documents.
    .batchSize(page.first + 1)
    .lean()) as unknown as T[];
  return toConnection(records, page);
}

/** Key of a per-parent page: which parent, and which page of its children. */
export interface ChildPageKey {
  parent: string;
  page: PageRequest;
}

const PARENT_TAG = '__parent';

/**
 * A DataLoader for paginated child lists (a project's contributions, say). Each parent
 * needs its own page, which one `find` cannot express, so the batch becomes one
 * aggregation: a `$match`/`$sort`/`$limit` branch per parent, joined with `$unionWith`.
 * Every branch is an index range scan on (`parentField`, `_id`), and the whole batch is a
 * single round trip however many parents it holds. `scope` narrows every branch (to the
 * records released to the caller).
 */
export function createChildPageLoader<T extends { _id: string }>(
  model: Model<T>,
  parentField: string,
  scope: () => Record<string, unknown> | Promise<Record<string, unknown>> = () => ({}),
): DataLoader<ChildPageKey, Page<T>, string> {
  const cacheKey = (key: ChildPageKey) => `${key.parent}\u0000${key.page.first}\u0000${key.page.afterId ?? ''}`;
  return new DataLoader<ChildPageKey, Page<T>, string>(
    async (keys) => {
      const narrowed = await scope();
      const branch = (key: ChildPageKey): PipelineStage.FacetPipelineStage[] => [
        {
          $match: {
            $and: [{ [parentField]: key.parent, ...(key.page.afterId === undefined ? {} : { _id: { $gt: key.page.afterId } }) }, narrowed],
          },
        },
        { $sort: { _id: 1 } },
        { $limit: key.page.first + 1 },
        { $addFields: { [PARENT_TAG]: cacheKey(key) } },
      ];
      const [first, ...rest] = keys as ChildPageKey[];
      const pipeline: PipelineStage[] = [
        ...(branch(first!) as PipelineStage[]),
        ...rest.map((key) => ({ $unionWith: { coll: model.collection.collectionName, pipeline: branch(key) } })),
      ];
      const groups = new Map<string, T[]>();
      // All branches in the first reply, as for lookups (LOOKUP_BATCH_SIZE).
      for (const record of await model.aggregate<T & { [PARENT_TAG]: string }>(pipeline).option({ batchSize: LOOKUP_BATCH_SIZE })) {
        const tag = record[PARENT_TAG];
        delete (record as Partial<typeof record>)[PARENT_TAG];
        const group = groups.get(tag) ?? [];
        group.push(record);
        groups.set(tag, group);
      }
      return keys.map((key) => toConnection(groups.get(cacheKey(key)) ?? [], key.page));
    },
    { cacheKeyFn: cacheKey },
  );
}

/**
 * First-batch size for lookups by key. The server's default first batch is 101 documents,
 * so a loader batch of 200 keys would cost a second round trip (`getMore`); this keeps a
 * batch to one round trip up to the server's 16 MB reply limit.
 */
export const LOOKUP_BATCH_SIZE = 100_000;

/** Every record matching a key lookup (`$in`), in one round trip. */
export function findAll<T>(model: Model<T>, filter: QueryFilter<T>): Promise<T[]> {
  return model.find(filter).batchSize(LOOKUP_BATCH_SIZE).lean<T[]>() as Promise<T[]>;
}
