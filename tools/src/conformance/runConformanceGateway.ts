import { loadAuditSuites } from './loadAuditSuites';
import { type AuditTestResult, runAuditSuite } from './runAuditSuite';
import { startAuditSubgraphs } from './startAuditSubgraphs';
import {
  conformanceCaller,
  type ConformanceGateway,
  type ConformanceGatewayName,
  GatewayUnavailable,
  startConformanceGateway,
} from './startConformanceGateway';

/** One gateway's run over the suites: each test's outcome, or why the gateway could not be run at all. */
export interface ConformanceGatewayRun {
  name: ConformanceGatewayName;
  unavailable?: string;
  results: AuditTestResult[];
}

/**
 * Runs the suites through one gateway: the suites' subgraphs start afresh on loopback, and for
 * each suite a gateway starts on its composed supergraph and answers its tests in order. A
 * gateway that will not start on a suite's supergraph fails each of that suite's tests, with
 * the reason as its answer. `log` gets one line per suite (`.` passed, `X` failed).
 */
export async function runConformanceGateway(
  name: ConformanceGatewayName,
  suiteIds: readonly string[],
  log: (line: string) => void,
): Promise<ConformanceGatewayRun> {
  const suites = loadAuditSuites(suiteIds);
  const subgraphs = await startAuditSubgraphs(suites);
  const caller = await conformanceCaller([...new Set(suites.flatMap((s) => s.subgraphs.map((g) => g.name)))]);
  const results: AuditTestResult[] = [];
  try {
    for (const suite of suites) {
      let gateway: ConformanceGateway;
      try {
        gateway = await startConformanceGateway(name, subgraphs.supergraphOf(suite.id), caller);
      } catch (error) {
        if (error instanceof GatewayUnavailable) return { name, unavailable: error.message, results: [] };
        const reason = { gatewayDidNotStart: error instanceof Error ? error.message : String(error) };
        results.push(
          ...suite.tests.map((test, index) => ({
            suite: suite.id,
            index,
            passed: false,
            query: test.query,
            expected: test.expected,
            answer: reason,
          })),
        );
        log(`${name} ${suite.id}: the gateway did not start`);
        continue;
      }
      try {
        const outcome = await runAuditSuite(gateway, suite);
        results.push(...outcome);
        log(`${name} ${suite.id}: ${outcome.map((r) => (r.passed ? '.' : 'X')).join('')}`);
      } finally {
        await gateway.stop();
      }
    }
  } finally {
    await subgraphs.stop();
  }
  return { name, results };
}

/**
 * `node runConformanceGateway.js <gateway> <suite,suite,...>`: the process `npm run conformance`
 * starts per gateway (so each starts from the suites' initial data). Prints the run as one JSON line.
 */
async function main(): Promise<void> {
  const [name, suites] = process.argv.slice(2);
  const run = await runConformanceGateway(name as ConformanceGatewayName, suites!.split(','), (line) => console.error(line));
  process.stdout.write(`${JSON.stringify(run)}\n`, () => process.exit(0));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}
