import { rmSync } from 'node:fs';

/** Stops the run's database server and removes its temporary directory. */
export default async function globalTeardown(): Promise<void> {
  const database = globalThis.testDatabase;
  if (!database) return;
  await database.stop();
  if (database.kind === 'embedded') rmSync(database.dataDir, { recursive: true, force: true });
}
