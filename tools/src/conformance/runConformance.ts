import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { spawnTied } from '../process/spawnTied';
import { auditSuiteIds, loadAuditSuites } from './loadAuditSuites';
import type { AuditTestResult } from './runAuditSuite';
import type { ConformanceGatewayRun } from './runConformanceGateway';
import { CONFORMANCE_GATEWAYS, type ConformanceGatewayName } from './startConformanceGateway';

/**
 * `npm run conformance [-- --gateways stock,ours:off --suites requires-interface,typename]`:
 * the federation gateway audit suite (graphql-hive/federation-gateway-audit, vendored in
 * tools/conformance/federation-gateway-audit) through each gateway. For each gateway the
 * suites' subgraphs start afresh on loopback; for each suite its supergraph is composed and
 * a gateway started on it, and every test's query is sent and its answer compared as the
 * suite compares it. Prints a table per suite (passed and failed per gateway) with totals,
 * then each failed test: its query, what it expects and what came back.
 *
 * Exits 1 when a variant of ours fails a test stock passes (stock in the run), else 0: what
 * stock (or the Hive Gateway peer, `hive`) fails is reported, not a failure of this run.
 */

type GatewayRun = ConformanceGatewayRun;

/**
 * Runs one gateway in a process of its own (runConformanceGateway.ts) and reads its run; the
 * gateway's name says which plan executor ours runs (startConformanceGateway.ts).
 */
function runGatewayProcess(name: ConformanceGatewayName, suiteIds: readonly string[]): Promise<GatewayRun> {
  const child = spawnTied(process.execPath, [join(__dirname, 'runConformanceGateway.js'), name, suiteIds.join(',')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolveRun, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolveRun(JSON.parse(output) as GatewayRun) : reject(new Error(`the ${name} conformance process exited with ${code}`)),
    );
  });
}

function printTable(runs: GatewayRun[], suiteIds: readonly string[]): void {
  const header = ['suite', 'tests', ...runs.flatMap((run) => [`${run.name} passed`, `${run.name} failed`])];
  console.log(`\n| ${header.join(' | ')} |`);
  console.log(
    `|---|${header
      .slice(1)
      .map(() => '---:')
      .join('|')}|`,
  );
  const cells = (results: AuditTestResult[], run: GatewayRun) =>
    run.unavailable ? ['n/a', 'n/a'] : [String(results.filter((r) => r.passed).length), String(results.filter((r) => !r.passed).length)];
  const suites = loadAuditSuites(suiteIds);
  for (const suite of suites) {
    console.log(
      `| ${suite.id} | ${suite.tests.length} | ${runs
        .flatMap((run) =>
          cells(
            run.results.filter((r) => r.suite === suite.id),
            run,
          ),
        )
        .join(' | ')} |`,
    );
  }
  const total = suites.reduce((sum, suite) => sum + suite.tests.length, 0);
  console.log(`| **total** | **${total}** | ${runs.flatMap((run) => cells(run.results, run).map((cell) => `**${cell}**`)).join(' | ')} |`);
  for (const run of runs) if (run.unavailable) console.log(`\n${run.name}: not run, ${run.unavailable}`);
}

function printFailures(runs: GatewayRun[]): void {
  for (const run of runs) {
    const failed = run.results.filter((r) => !r.passed);
    if (failed.length === 0) continue;
    console.log(`\n## ${run.name}: ${failed.length} failed\n`);
    for (const result of failed) {
      console.log(`### ${result.suite}_${result.index}\n\n\`\`\`graphql\n${result.query.trim()}\n\`\`\`\n`);
      console.log(`expected: \`${JSON.stringify(result.expected)}\`\n`);
      console.log(`received: \`${JSON.stringify(result.answer)}\`\n`);
    }
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      gateways: { type: 'string', default: 'stock,ours:off,ours:permissive,ours-apollo:permissive' },
      suites: { type: 'string', default: auditSuiteIds().join(',') },
    },
  });
  const names = values.gateways.split(',');
  for (const name of names)
    if (!(CONFORMANCE_GATEWAYS as readonly string[]).includes(name))
      throw new Error(`unknown gateway "${name}"; choose from ${CONFORMANCE_GATEWAYS.join(', ')}`);
  const suiteIds = values.suites.split(',');
  loadAuditSuites(suiteIds);
  const runs: GatewayRun[] = [];
  for (const name of names as ConformanceGatewayName[]) runs.push(await runGatewayProcess(name, suiteIds));
  console.log(`\nFederation gateway audit (graphql-hive/federation-gateway-audit f59c05e), ${suiteIds.length} suites`);
  printTable(runs, suiteIds);
  printFailures(runs);
  const stock = runs.find((run) => run.name === 'stock');
  if (!stock) return;
  const stockPassed = new Set(stock.results.filter((r) => r.passed).map((r) => `${r.suite}_${r.index}`));
  const regressions = runs
    .filter((run) => run.name.startsWith('ours'))
    .flatMap((run) =>
      run.results.filter((r) => !r.passed && stockPassed.has(`${r.suite}_${r.index}`)).map((r) => `${run.name} ${r.suite}_${r.index}`),
    );
  if (regressions.length > 0) {
    console.log(`\nFailed where stock passes: ${regressions.join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
