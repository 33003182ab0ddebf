import type { Connection, Model } from 'mongoose';
import { createEuropolModels } from '@intel-gateway/europol';
import { createInterpolModels } from '@intel-gateway/interpol';
import { createNationalModels } from '@intel-gateway/national';
import { connectDatabase, syncIndexes } from '@intel-gateway/shared/database';
import { getSubgraph } from '@intel-gateway/shared/registry';
import { collectionSizes } from './collectionSizes';
import { generators } from './generate';
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
  const closeAll = () => Promise.all(Object.values(connections).map((c) => c.close())).then(() => undefined);
  return { connections, closeAll };
}

/** Registers each subgraph's models on its connection (only once the databases may be written). */
function modelsOf(connections: Record<'interpol' | 'europol' | 'national', Connection>) {
  return {
    interpol: createInterpolModels(connections.interpol) as unknown as Record<string, Model<unknown>>,
    europol: createEuropolModels(connections.europol) as unknown as Record<string, Model<unknown>>,
    national: createNationalModels(connections.national) as unknown as Record<string, Model<unknown>>,
  };
}

/**
 * A refusal to seed: the named databases hold data the seed did not write (an agency's
 * records, loaded some other way), and seeding would drop it. Nothing was dropped or written.
 */
export class SeedRefusedError extends Error {
  constructor(readonly databases: string[]) {
    super(
      `refusing to seed: ${databases.join(', ')} ${databases.length === 1 ? 'holds' : 'hold'} data the seed did not write, and seeding would drop it. ` +
        'Nothing was changed. Seed only a deployment whose subgraph databases are empty or hold a demo seed, or point MONGODB_URI elsewhere.',
    );
    this.name = 'SeedRefusedError';
  }
}

/** What the seed keeps in its marker collection: who owns the database, and (once complete) what it wrote. */
interface SeedMarker {
  _id: 'owner' | 'seed';
  seed?: number;
  size?: number;
  /** Documents per collection as the completed seed left them. */
  counts?: Record<string, number>;
}

/** Documents in each of the database's own (non-system) collections that hold any. */
async function collectionCounts(connection: Connection): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { name } of await connection.db!.listCollections({}, { nameOnly: true }).toArray()) {
    if (name.startsWith('system.') || name === SEED_MARKER) continue;
    const count = await connection.db!.collection(name).countDocuments();
    if (count > 0) counts[name] = count;
  }
  return counts;
}

/**
 * True when the seed may drop the database: it holds no documents, or only what the seed
 * wrote. A database with documents but no seed marker is someone else's; so is one whose
 * completed seed has since gained a collection or documents (the marker counts them). A
 * seed interrupted before completion left only its owner marker and is the seed's to redo;
 * one completed by an earlier version of this tool left a marker without counts.
 */
async function mayOverwrite(connection: Connection): Promise<boolean> {
  const counts = await collectionCounts(connection);
  if (Object.keys(counts).length === 0) return true;
  const markers = await connection
    .db!.collection<SeedMarker>(SEED_MARKER)
    .find({ _id: { $in: ['owner', 'seed'] } })
    .toArray();
  const completed = markers.find((marker) => marker._id === 'seed');
  if (completed?.counts) return Object.entries(counts).every(([name, count]) => completed.counts![name] === count);
  // A seed completed by an earlier version of this tool marked itself without counts.
  return markers.length > 0;
}

/** The seed and size every subgraph database was completely seeded with, or null when any is not (or they differ). */
export async function readSeedInfo(uri: string, databaseSuffix = ''): Promise<{ seed: number; size: number } | null> {
  const { connections, closeAll } = await openAll(uri, databaseSuffix);
  try {
    const infos = await Promise.all(
      Object.values(connections).map((c) =>
        c.db!.collection<{ _id: string; seed: number; size: number }>(SEED_MARKER).findOne({ _id: 'seed' }),
      ),
    );
    const [first] = infos;
    return first && infos.every((info) => info?.seed === first.seed && info.size === first.size)
      ? { seed: first.seed, size: first.size }
      : null;
  } finally {
    await closeAll();
  }
}

/** True when every subgraph database holds a completed seed. */
export async function isSeeded(uri: string, databaseSuffix = ''): Promise<boolean> {
  return (await readSeedInfo(uri, databaseSuffix)) !== null;
}

async function markSeeded(connection: Connection, info: { seed: number; size: number }): Promise<void> {
  await connection
    .db!.collection(SEED_MARKER)
    .insertOne({ _id: 'seed' as never, ...info, counts: await collectionCounts(connection), completedAt: new Date() });
}

/**
 * Drops and rewrites the three subgraph databases with the story records plus generated
 * data for `size` SLTD records, in batches (memory does not grow with size). The
 * completion marker is written last, so an interrupted seed is seen as unseeded and the
 * next run starts over: a half-written database is never taken for a seeded one.
 *
 * Only databases that are empty or hold the seed's own data are dropped: each is checked
 * before any is touched, and if one holds data the seed did not write, it throws
 * SeedRefusedError and changes nothing. Right after the drop the seed marks each database
 * as its own, before writing a record.
 */
export async function seedDatabases(options: SeedOptions): Promise<{ total: number }> {
  const seed = options.seed ?? DEFAULT_SEED;
  const sizes = collectionSizes(options.size);
  const make = generators(seed, sizes);
  const stories = storyRecords();
  const { connections, closeAll } = await openAll(options.uri, options.databaseSuffix ?? '');
  try {
    const foreign: string[] = [];
    for (const connection of Object.values(connections)) if (!(await mayOverwrite(connection))) foreign.push(connection.name);
    if (foreign.length > 0) throw new SeedRefusedError(foreign);
    for (const connection of Object.values(connections)) {
      await connection.dropDatabase();
      await connection.db!.collection<SeedMarker>(SEED_MARKER).insertOne({ _id: 'owner', startedAt: new Date() } as SeedMarker);
    }
    const models = modelsOf(connections);
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
