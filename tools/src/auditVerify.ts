import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { JWK } from 'jose';
import { connectDatabase, resolveDatabase, verifyAuditTrail } from '@intel-gateway/shared';
import { loadToolsConfig } from './config';
import { gatewayJwksFile } from './identity/devKeys';

/**
 * `npm run audit:verify [-- --database NAME] [--jwks FILE]`: checks the gateway's
 * disclosure audit (every chain, every record, every hit; see verifyAuditTrail) and exits 1
 * if anything was altered, inserted or deleted. It reads MONGODB_URI, or starts the
 * embedded database on DATA_DIR when `npm start` is not running; the public keys default
 * to the development gateway JWKS.
 */
async function main(): Promise<void> {
  const config = loadToolsConfig();
  const { values } = parseArgs({
    options: {
      database: { type: 'string', default: 'intel_gateway_audit' },
      jwks: { type: 'string', default: gatewayJwksFile(config.DEV_KEYS_DIR) },
    },
  });
  const jwks = JSON.parse(readFileSync(values.jwks!, 'utf8')) as { keys: JWK[] };
  const database = await resolveDatabase({ mongodbUri: config.MONGODB_URI, dataDir: config.DATA_DIR, cacheDir: config.CACHE_DIR, log: (line) => console.error(line) });
  try {
    const connection = await connectDatabase(database.uri, values.database!);
    try {
      const report = await verifyAuditTrail(connection, jwks);
      for (const chain of report.chains) console.log(`chain ${chain.chainId}: ${chain.records} records`);
      console.log(`${report.hits} hits`);
      if (report.problems.length === 0) {
        console.log('audit trail verified: no record altered, inserted or deleted');
        return;
      }
      for (const problem of report.problems) console.log(`PROBLEM chain ${problem.chainId}${problem.seq === undefined ? '' : ` record ${problem.seq}`}: ${problem.problem}`);
      process.exitCode = 1;
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
