import { parseArgs } from 'node:util';
import { createAuditModels, repairHits } from '@intel-gateway/shared/audit';
import { loadToolsConfig } from './config';
import { withToolDatabase } from './runningDatabase';

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
  const { chain } = values;
  if (!chain) throw new Error('--chain ID is required: the chain whose hits to write (as npm run audit:verify names it)');
  await withToolDatabase(config, values.database, async (connection) => {
    const models = createAuditModels(connection);
    if (!(await models.AuditChain.exists({ _id: chain }))) throw new Error(`there is no audit chain ${chain}`);
    const repair = await repairHits(models, chain);
    console.log(
      repair.records === 0
        ? `chain ${chain}: no record above its checkpoint, nothing to write`
        : `chain ${chain}: ${repair.hits} hits of records ${repair.from}–${repair.through} written (those already there left as they were)`,
    );
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
