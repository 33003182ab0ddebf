import { onShutdownSignal } from '@intel-gateway/shared/process';
import { loadToolsConfig } from './config';
import { type DatabaseHandle, resolveDatabase } from './database/resolveDatabase';
import {
  ensureDevIdentity,
  gatewayJwksFile,
  gatewaySigningKeyFile,
  registryFile,
  subgraphTokenKeyFile,
  subgraphTokenKeysFile,
} from './identity/devKeys';
import { recordRunningDatabase } from './runningDatabase';
import { isSeeded } from './seed/seedDatabases';
import { seedWithProgress } from './seed/seedWithProgress';
import { STORY } from './seed/stories';
import { type RunningFederation, startFederation } from './startFederation';

function banner(gatewayUrl: string, workbench: boolean): string {
  const example = (query: string) =>
    `  curl -s ${gatewayUrl} -H "authorization: Bearer $TOKEN" -H 'x-purpose: CRIMINAL_INVESTIGATION' -H 'content-type: application/json' \\\n    -d '${JSON.stringify({ query })}'`;
  return [
    '',
    `ready: the federation is up. Gateway: ${gatewayUrl}`,
    '',
    ...(workbench
      ? [
          `Analyst workbench: ${gatewayUrl.replace(/\/graphql$/, '/')}`,
          '  Open it in a browser, paste an agency token from',
          '    npm run -s token -- --agency NCB-FR --role ANALYST',
          '  and choose a purpose. Everything it loads comes from the gateway itself.',
          '',
        ]
      : []),
    'Every request needs an agency token and a declared purpose. Get a development token',
    '(signed with a local key in .dev-keys/, made on first use) with, for example:',
    '',
    '  TOKEN=$(npm run -s token -- --agency NCB-FR --role ANALYST --role AP_ANALYST)',
    '',
    'What you see depends on your agency and roles: a field your roles never give is refused',
    'as if it did not exist (try --role FRONTLINE). Your own schema, as SDL:',
    '',
    `  curl -s ${gatewayUrl.replace(/\/graphql$/, '/schema.graphql')} -H "authorization: Bearer $TOKEN"`,
    '',
    'Then try (Ctrl-C stops everything; data is kept in .data/ for the next start):',
    '',
    '# 1. A RED notice subject with the national case records and Europol entries linked to it',
    example(
      `{ notice(id: "${STORY.redNotice.id}") { type status subject { name { original transliterations } } nationalRecords { id role caseFile { reference } } europolEntries { id category project { code } } } }`,
    ),
    '',
    '# 2. Frontline document check: SLTD status plus the national cases that mention the document',
    example(
      `{ travelDocument(issuingCountry: "GB", documentType: PASSPORT, number: "${STORY.stolenGbPassport.number}") { number sltd { status reportedAt } cases { id title } } }`,
    ),
    '',
    '# 3. A stolen vehicle: SMV record and the national case that mentions it',
    example(`{ vehicle(vin: "${STORY.stolenVehicle.vin}") { vin smv { make model status } cases { id title } } }`),
    '',
  ].join('\n');
}

/**
 * `npm start`: the embedded database (or MONGODB_URI), a seed on first run, every registered
 * subgraph and the gateway. Ctrl-C or SIGTERM stops all of them, the database last.
 */
async function main(): Promise<void> {
  const config = loadToolsConfig();
  let database: DatabaseHandle | undefined;
  let federation: RunningFederation | undefined;
  let forgetDatabase: (() => void) | undefined;
  const stopping = onShutdownSignal(async (signal) => {
    console.log(`\n${signal}: stopping the federation...`);
    await federation?.stop();
    forgetDatabase?.();
    await database?.stop();
    console.log('stopped.');
  });

  database = await resolveDatabase({
    mongodbUri: config.MONGODB_URI,
    dataDir: config.DATA_DIR,
    cacheDir: config.CACHE_DIR,
    cacheSize: '512M',
    log: (l) => console.error(`[database] ${l}`),
  });
  console.log(
    `database: ${database.kind} at ${database.uri}${database.kind === 'embedded' ? ` (pid ${database.pid}, data in ${config.DATA_DIR})` : ''}`,
  );
  if (database.kind === 'embedded') forgetDatabase = recordRunningDatabase(config.DATA_DIR, database);
  if (await isSeeded(database.uri)) {
    console.log('database already seeded; keeping its data');
  } else {
    console.log('database empty: seeding a first data set');
    await seedWithProgress({ uri: database.uri, size: config.SEED_SIZE });
  }
  if (stopping()) return;
  await ensureDevIdentity(config.DEV_KEYS_DIR);
  federation = await startFederation({
    databaseUri: database.uri,
    agencyRegistryPath: registryFile(config.DEV_KEYS_DIR),
    gatewaySigningKeyPath: gatewaySigningKeyFile(config.DEV_KEYS_DIR),
    gatewayJwksPath: gatewayJwksFile(config.DEV_KEYS_DIR),
    subgraphTokenKeysPath: subgraphTokenKeysFile(config.DEV_KEYS_DIR),
    subgraphTokenKeyPath: (subgraph) => subgraphTokenKeyFile(config.DEV_KEYS_DIR, subgraph),
    gatewayHost: config.GATEWAY_HOST,
    gatewayPort: config.GATEWAY_PORT,
    subgraphPortBase: config.SUBGRAPH_PORT_BASE,
    logLevel: config.LOG_LEVEL,
    workbench: config.WORKBENCH_ENABLED,
    output: (line) => console.log(line),
  });
  console.log(banner(federation.gatewayUrl, config.WORKBENCH_ENABLED));
  for (const [name, child] of federation.processes) {
    child.once('exit', (code, signal) => {
      if (!stopping()) console.error(`[${name}] exited unexpectedly (code ${code}, signal ${signal})`);
    });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
