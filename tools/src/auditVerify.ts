import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { JWK } from 'jose';
import { publicKeysOf, readShippedHeads, UNWRITTEN_HIT_GRACE_MS, verifyAuditTrail } from '@intel-gateway/shared/audit';
import { loadToolsConfig } from './config';
import { gatewayJwksFile } from './identity/devKeys';
import { withToolDatabase } from './runningDatabase';

/**
 * `npm run audit:verify [-- --database NAME] [--jwks FILE] [--sink FILE]`: checks the
 * gateway's disclosure audit (the chain registry, every chain, every record, every hit; see
 * verifyAuditTrail) and exits 1 if anything was altered, inserted or deleted. With
 * `--sink`, the heads the gateway shipped to AUDIT_HEAD_SINK (a file sink, or the lines a
 * syslog collector stored) are compared too: a chain whose newest records were deleted and
 * its head rewound fails. Hits missing above a chain's checkpoint are listed as not written
 * (not a failure) while their record is younger than UNWRITTEN_HIT_GRACE_MS, and fail
 * after that (see verifyAuditTrail). It reads MONGODB_URI; otherwise it connects to the embedded
 * database `npm start` runs on DATA_DIR, or starts it there when `npm start` is not
 * running. The public keys default to the development gateway JWKS.
 */
async function main(): Promise<void> {
  const config = loadToolsConfig();
  const { values } = parseArgs({
    options: {
      database: { type: 'string', default: 'intel_gateway_audit' },
      jwks: { type: 'string', default: gatewayJwksFile(config.DEV_KEYS_DIR) },
      sink: { type: 'string' },
    },
  });
  const jwks = JSON.parse(readFileSync(resolve(config.INIT_CWD, values.jwks), 'utf8')) as { keys: JWK[] };
  const shippedHeads = values.sink ? await readShippedHeads(resolve(config.INIT_CWD, values.sink), publicKeysOf(jwks)) : undefined;
  await withToolDatabase(config, values.database, async (connection) => {
    const report = await verifyAuditTrail(connection, jwks, { shippedHeads });
    for (const chain of report.chains) console.log(`chain ${chain.chainId}: ${chain.records} records`);
    console.log(`${report.hits} hits, ${report.releaseGrants} release grants`);
    if (shippedHeads) console.log(`compared with the heads shipped to ${values.sink}: ${shippedHeads.chains.size} chains`);
    for (const unwritten of report.unwrittenHits ?? [])
      console.log(
        `NOT WRITTEN chain ${unwritten.chainId} record ${unwritten.seq}: hit ${unwritten.hit} (its record is newer than the chain's checkpoint and under ${UNWRITTEN_HIT_GRACE_MS / 60_000} minutes old: written when a gateway opens its trail, or by npm run audit:repair-hits -- --chain ${unwritten.chainId})`,
      );
    if (report.problems.length === 0) {
      console.log('audit trail verified: no record altered, inserted or deleted; every release grant as its approval sealed it');
      return;
    }
    for (const problem of report.problems)
      console.log(`PROBLEM chain ${problem.chainId}${problem.seq === undefined ? '' : ` record ${problem.seq}`}: ${problem.problem}`);
    process.exitCode = 1;
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
