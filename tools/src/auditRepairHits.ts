import { parseArgs } from 'node:util';
import { createAuditModels, repairHits } from '@intel-gateway/shared/audit';
import { connectDatabase } from '@intel-gateway/shared/database';
import { loadToolsConfig } from './config';
import { resolveDatabase } from './database/resolveDatabase';
import { findRunningDatabase } from './runningDatabase';

/**
 * `npm run audit:repair-hits -- --chain ID [--database NAME]`: writes the hits of a chain's
 * records above its checkpointed head, derived from the records, idempotently (repairHits).
 * The gateway writes hits after the answers; what a gateway that stopped left unwritten is
 * written by the next gateway to open its trail (for every chain), so this is for doing it
 * without starting a gateway (see `npm run audit:verify`, NOT WRITTEN lines). Hits missing
 * at or below the checkpoint are not written back: verification reports them as deleted. It
 * finds the database the way `npm run audit:verify` does.
 */
async function main(): Promise<void> {
  const config = loadToolsConfig();
  const { values } = parseArgs({
    options: {
      database: { type: 'string', default: 'intel_gateway_audit' },
      chain: { type: 'string' },
    },
  });
  if (!values.chain) throw new Error('--chain ID is required: the chain whose hits to write (as npm run audit:verify names it)');
  const running = config.MONGODB_URI ? undefined : await findRunningDatabase(config.DATA_DIR);
  const database = await resolveDatabase({
    mongodbUri: config.MONGODB_URI ?? running,
    dataDir: config.DATA_DIR,
    cacheDir: config.CACHE_DIR,
    log: (line) => console.error(line),
  });
  try {
    const connection = await connectDatabase(database.uri, values.database);
    try {
      const models = createAuditModels(connection);
      if (!(await models.AuditChain.exists({ _id: values.chain }))) throw new Error(`there is no audit chain ${values.chain}`);
      const repair = await repairHits(models, values.chain);
      console.log(
        repair.records === 0
          ? `chain ${values.chain}: no record above its checkpoint, nothing to write`
          : `chain ${values.chain}: ${repair.hits} hits of records ${repair.from}–${repair.through} written (those already there left as they were)`,
      );
    } finally {
      await connection.close();
    }
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
