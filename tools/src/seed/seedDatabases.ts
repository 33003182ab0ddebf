import type { Connection, Model } from 'mongoose';
import { connectDatabase, getSubgraph, syncIndexes } from '@intel-gateway/shared';
import { createEuropolModels } from '@intel-gateway/europol';
import { createInterpolModels } from '@intel-gateway/interpol';
import { createNationalModels } from '@intel-gateway/national';
import { collectionSizes, generators } from './generate';
import { storyRecords } from './stories';

export const DEFAULT_SEED = 20260101;
const BATCH_SIZE = 1_000;
const SEED_MARKER = 'seedInfo';

/** Database name for each subgraph; tests pass a suffix so every test file has its own. */
export function databaseNames(suffix = ''): Record<'interpol' | 'europol' | 'national', string> {
  return {
    interpol: getSubgraph('interpol').databaseName + suffix,
    europol: getSubgraph('europol').databaseName + suffix,
    national: getSubgraph('national').databaseName + suffix,
  };
}

export interface SeedOptions {
  uri: string;
  size: number;
  seed?: number;
  databaseSuffix?: string;
  /** Called after each batch with records written so far and the total. */
  onProgress?: (written: number, total: number) => void;
}

async function openAll(uri: string, suffix: string) {
  const names = databaseNames(suffix);
  const connections = {
    interpol: await connectDatabase(uri, names.interpol),
    europol: await connectDatabase(uri, names.europol),
    national: await connectDatabase(uri, names.national),
  };
  const models = {
    interpol: createInterpolModels(connections.interpol) as unknown as Record<string, Model<unknown>>,
    europol: createEuropolModels(connections.europol) as unknown as Record<string, Model<unknown>>,
    national: createNationalModels(connections.national) as unknown as Record<string, Model<unknown>>,
  };
  const closeAll = () => Promise.all(Object.values(connections).map((c) => c.close())).then(() => undefined);
  return { connections, models, closeAll };
}

/** The seed and size every subgraph database was completely seeded with, or null when any is not (or they differ). */
export async function readSeedInfo(uri: string, databaseSuffix = ''): Promise<{ seed: number; size: number } | null> {
  const { connections, closeAll } = await openAll(uri, databaseSuffix);
  try {
    const infos = await Promise.all(Object.values(connections).map((c) => c.db!.collection<{ _id: string; seed: number; size: number }>(SEED_MARKER).findOne({ _id: 'seed' })));
    const [first] = infos;
    return first && infos.every((info) => info?.seed === first.seed && info.size === first.size) ? { seed: first.seed, size: first.size } : null;
  } finally {
    await closeAll();
  }
}

/** True when every subgraph database holds a completed seed. */
export async function isSeeded(uri: string, databaseSuffix = ''): Promise<boolean> {
  return (await readSeedInfo(uri, databaseSuffix)) !== null;
}

async function markSeeded(connection: Connection, info: { seed: number; size: number }): Promise<void> {
  await connection.db!.collection(SEED_MARKER).insertOne({ _id: 'seed' as never, ...info, completedAt: new Date() });
}

/**
 * Drops and rewrites the three subgraph databases with the story records plus generated
 * data for `size` SLTD records, in batches (memory does not grow with size). The
 * completion marker is written last, so an interrupted seed is seen as unseeded and the
 * next run starts over: a half-written database is never taken for a seeded one.
 */
export async function seedDatabases(options: SeedOptions): Promise<{ total: number }> {
  const seed = options.seed ?? DEFAULT_SEED;
  const sizes = collectionSizes(options.size);
  const make = generators(seed, sizes);
  const stories = storyRecords();
  const { connections, models, closeAll } = await openAll(options.uri, options.databaseSuffix ?? '');
  try {
    for (const connection of Object.values(connections)) await connection.dropDatabase();
    for (const connection of Object.values(connections)) await syncIndexes(connection);

    const plan: { subgraph: keyof typeof sizes; model: string; count: number }[] = [];
    for (const subgraph of Object.keys(sizes) as (keyof typeof sizes)[]) {
      for (const [model, count] of Object.entries(sizes[subgraph])) plan.push({ subgraph, model, count });
    }
    const storyCount = Object.values(stories).reduce((n, s) => n + Object.values(s).reduce((m, r) => m + r.length, 0), 0);
    const total = plan.reduce((n, p) => n + p.count, 0) + storyCount;
    let written = 0;

    for (const [subgraph, byModel] of Object.entries(stories) as [keyof typeof stories, Record<string, unknown[]>][]) {
      for (const [model, records] of Object.entries(byModel)) {
        await models[subgraph][model]!.insertMany(records);
        written += records.length;
      }
    }
    // The next batch is generated while the database writes the previous one (two cores, two
    // processes), with at most one write in flight, so memory stays at two batches.
    let inFlight: Promise<void> = Promise.resolve();
    for (const { subgraph, model, count } of plan) {
      const generate = (make[subgraph] as Record<string, (i: number) => unknown>)[model]!;
      for (let start = 0; start < count; start += BATCH_SIZE) {
        const batch: unknown[] = [];
        for (let i = start; i < Math.min(count, start + BATCH_SIZE); i++) batch.push(generate(i));
        await inFlight;
        // `lean`: no per-document casting, defaults or validation, which cost six times the
        // write itself; the generators produce stored form directly (checked in generate.test).
        inFlight = models[subgraph][model]!.insertMany(batch, { lean: true }).then(() => {
          written += batch.length;
          options.onProgress?.(written, total);
        });
      }
    }
    await inFlight;
    for (const connection of Object.values(connections)) await markSeeded(connection, { seed, size: options.size });
    return { total: written };
  } finally {
    await closeAll();
  }
}
