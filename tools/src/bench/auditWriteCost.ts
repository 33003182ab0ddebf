import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { AuditTrail } from '@intel-gateway/gateway';
import type { AuditEntry } from '@intel-gateway/shared/audit';
import { connectDatabase } from '@intel-gateway/shared/database';
import { loadToolsConfig } from '../config';
import { startEmbeddedDatabase } from '../database/resolveDatabase';
import { createDevIdentity } from '../identity/devKeys';

/**
 * `node tools/dist/bench/auditWriteCost.js [count] [gapMs] [rounds]`: times `AuditTrail.record`
 * alone, one record at a time (what a request at one connection waits for), `count` (1000)
 * records per run after 200 unmeasured ones, with `gapMs` (2) between records for the rest of
 * a request's work, for a record with no hit (an owner reading its own document) and one with
 * a hit (another owner's), alternating over `rounds` (3), on a fresh embedded database. It
 * prints mean, p50 and p95 per run and how long the hits took to be written after the last
 * answer. It asserts nothing: it is a measurement for docs/benchmark.md.
 */
const [count, gapMs, rounds] = [Number(process.argv[2] ?? 1_000), Number(process.argv[3] ?? 2), Number(process.argv[4] ?? 3)];

const entry = (i: number, hit: boolean): AuditEntry => ({
  requestId: `r${i}`,
  at: new Date(),
  user: 'fr-border-officer',
  agency: 'NCB-FR',
  purpose: 'BORDER_CONTROL',
  operationName: 'DocumentCheck',
  operationHash: 'a'.repeat(64),
  variablesHash: 'b'.repeat(64),
  disclosures: [{ type: 'SltdRecord', id: `SLTD-${i}`, owner: hit ? 'NCB-GB' : 'NCB-FR', fields: ['status', 'provenance'] }],
  matches: [],
  denials: [],
  outcome: 'ok',
});
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'audit-write-cost-'));
  const database = await startEmbeddedDatabase({ dataDir, cacheDir: loadToolsConfig().CACHE_DIR, cacheSize: '256M', log: () => undefined });
  const identity = await createDevIdentity();
  try {
    let run = 0;
    for (let round = 0; round < rounds; round++) {
      for (const hit of round % 2 === 0 ? [false, true] : [true, false]) {
        const connection = await connectDatabase(database.uri, `audit_write_cost_${run++}`, { failFast: true });
        const trail = await AuditTrail.open(connection, identity.gateway.privateKey, pino({ level: 'warn' }));
        for (let i = 0; i < 200; i++) await trail.record(entry(i, hit));
        const times: number[] = [];
        for (let i = 0; i < count; i++) {
          if (gapMs > 0) await pause(gapMs);
          const started = performance.now();
          await trail.record(entry(i, hit));
          times.push(performance.now() - started);
        }
        const answered = performance.now();
        await trail.whenHitsWritten();
        const hitsAfter = performance.now() - answered;
        await trail.close();
        times.sort((a, b) => a - b);
        const at = (q: number) => times[Math.floor(q * (times.length - 1))]!.toFixed(3);
        const mean = (times.reduce((sum, t) => sum + t, 0) / times.length).toFixed(3);
        console.log(
          `round ${round} ${hit ? 'with a hit' : 'no hit    '}: mean ${mean} ms, p50 ${at(0.5)}, p95 ${at(0.95)} per record; hits written ${hitsAfter.toFixed(1)} ms after the last answer`,
        );
        await connection.dropDatabase();
        await connection.close();
      }
    }
  } finally {
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
