import { connectDatabase } from '@intel-gateway/shared/database';
import { databaseNames, isSeeded, seedDatabases, SeedRefusedError } from '@intel-gateway/tools';
import { testDatabaseUri, uniqueSuffix } from './harness';

/** An interrupted seed is never taken for a complete one; the next run starts over and finishes. */
const suffix = uniqueSuffix();
afterAll(async () => {
  const connection = await connectDatabase(testDatabaseUri(), 'admin');
  for (const name of Object.values(databaseNames(suffix))) await connection.useDb(name).dropDatabase();
  await connection.close();
});

it('detects an interrupted seed and completes it on the next run', async () => {
  const uri = testDatabaseUri();
  expect(await isSeeded(uri, suffix)).toBe(false);
  let batches = 0;
  await expect(
    seedDatabases({
      uri,
      size: 3_000,
      databaseSuffix: suffix,
      onProgress: () => {
        if (++batches === 2) throw new Error('interrupted');
      },
    }),
  ).rejects.toThrow('interrupted');
  expect(await isSeeded(uri, suffix)).toBe(false);

  const { total } = await seedDatabases({ uri, size: 300, databaseSuffix: suffix });
  expect(await isSeeded(uri, suffix)).toBe(true);
  const connection = await connectDatabase(uri, databaseNames(suffix).interpol);
  try {
    // Nothing of the interrupted larger run is left: 300 generated + 1 story SLTD record.
    expect(await connection.collection('sltd').countDocuments()).toBe(301);
    expect(total).toBeGreaterThan(301);
  } finally {
    await connection.close();
  }
});

describe('a database holding data the seed did not write', () => {
  const foreign = uniqueSuffix();
  afterAll(async () => {
    const connection = await connectDatabase(testDatabaseUri(), 'admin');
    for (const name of Object.values(databaseNames(foreign))) await connection.useDb(name).dropDatabase();
    await connection.close();
  });

  it('is never dropped or overwritten: the seed refuses, names it, and leaves every database as it was', async () => {
    const uri = testDatabaseUri();
    const names = databaseNames(foreign);
    // An agency's own record, loaded some other way than by the seed, in the national database;
    // a completed demo seed of the same suffix could not exist beside it, so interpol stays empty.
    const connection = await connectDatabase(uri, names.national);
    try {
      await connection.collection('caseFiles').insertOne({ _id: 'FR-CASE-REAL-1' as never, title: 'an agency record' });
      const before = await connection.collection('caseFiles').find().toArray();

      const seeding = seedDatabases({ uri, size: 50, databaseSuffix: foreign });
      await expect(seeding).rejects.toBeInstanceOf(SeedRefusedError);
      await expect(seeding).rejects.toThrow(new RegExp(`refus.*${names.national}`, 's'));
      await expect(seeding).rejects.toMatchObject({ databases: [names.national] });

      expect(await connection.collection('caseFiles').find().toArray()).toEqual(before);
      expect((await connection.db!.listCollections().toArray()).map((c) => c.name)).toEqual(['caseFiles']);
      // Nothing was written to the others either: the check comes before any drop or write.
      for (const name of [names.interpol, names.europol]) {
        const other = connection.useDb(name);
        expect(await other.db!.listCollections().toArray()).toEqual([]);
      }
      expect(await isSeeded(uri, foreign)).toBe(false);
    } finally {
      await connection.close();
    }
  });

  it('a database the seed wrote is reseeded; one that has since taken foreign data is refused', async () => {
    const uri = testDatabaseUri();
    const own = uniqueSuffix();
    try {
      await seedDatabases({ uri, size: 20, databaseSuffix: own });
      await seedDatabases({ uri, size: 20, databaseSuffix: own });
      expect(await isSeeded(uri, own)).toBe(true);
      // A record loaded beside the seed's own makes the database someone else's data too.
      const connection = await connectDatabase(uri, databaseNames(own).europol);
      try {
        await connection.collection('importedByAgency').insertOne({ _id: 'kept' as never });
        await expect(seedDatabases({ uri, size: 20, databaseSuffix: own })).rejects.toMatchObject({
          databases: [databaseNames(own).europol],
        });
        expect(await connection.collection('importedByAgency').countDocuments({ _id: 'kept' as never })).toBe(1);
      } finally {
        await connection.close();
      }
    } finally {
      const cleanup = await connectDatabase(uri, 'admin');
      for (const name of Object.values(databaseNames(own))) await cleanup.useDb(name).dropDatabase();
      await cleanup.close();
    }
  });
});
