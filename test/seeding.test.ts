import { connectDatabase } from '@intel-gateway/shared';
import { databaseNames, isSeeded, seedDatabases } from '@intel-gateway/tools';
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
