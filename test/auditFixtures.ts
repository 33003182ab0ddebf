import type { Connection } from 'mongoose';
import type { AuditEntry } from '@intel-gateway/shared/audit';
import { connectDatabase } from '@intel-gateway/shared/database';
import { testDatabaseUri, uniqueSuffix } from './harness';

/** NCB-FR reads an NCB-GB document (`S<i>`) and matches an NCB-DE person (`P<i>`) at `at`: an audit entry with two hits. */
export const entryWithHits = (i: number, at: Date): AuditEntry => ({
  requestId: `r${i}`,
  at,
  user: 'fr-analyst',
  agency: 'NCB-FR',
  purpose: 'CRIMINAL_INVESTIGATION',
  operationName: null,
  operationHash: 'a'.repeat(64),
  variablesHash: 'b'.repeat(64),
  disclosures: [{ type: 'SltdRecord', id: `S${i}`, owner: 'NCB-GB', fields: ['status'] }],
  matches: [{ type: 'NationalPerson', id: `P${i}`, owner: 'NCB-DE' }],
  denials: [],
  outcome: 'ok',
});

/**
 * Databases of their own for the tests of one file, named `<prefix><unique>`: `open` makes
 * one, `dropAll` drops and closes every one made (for `afterAll`).
 */
export function scratchDatabases(prefix: string): { open: () => Promise<Connection>; dropAll: () => Promise<void> } {
  const made: Connection[] = [];
  return {
    open: async () => {
      const connection = await connectDatabase(testDatabaseUri(), `${prefix}${uniqueSuffix()}`, { failFast: true });
      made.push(connection);
      return connection;
    },
    dropAll: async () => {
      for (const connection of made) {
        await connection.dropDatabase().catch(() => undefined);
        await connection.close().catch(() => undefined);
      }
    },
  };
}
