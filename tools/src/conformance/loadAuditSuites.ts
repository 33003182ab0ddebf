import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '@intel-gateway/shared/registry';

/** Where the vendored federation gateway audit suite lives (see its SOURCE.md). */
export const AUDIT_SUITE_DIR = join(repositoryRoot, 'tools', 'conformance', 'federation-gateway-audit');

/** One subgraph of a suite: its name, its SDL, and its resolvers (for @apollo/subgraph). */
export interface AuditSubgraph {
  name: string;
  typeDefs: string;
  resolvers: unknown;
}

/** One test of a suite: a query, and the `data` expected, with `errors` when the test states whether errors come back. */
export interface AuditTest {
  query: string;
  expected: { data?: unknown; errors?: boolean };
}

/** One suite: its id, its subgraphs and its tests, in the suite's order. */
export interface AuditSuite {
  id: string;
  subgraphs: AuditSubgraph[];
  tests: AuditTest[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Checks what a vendored `index.js` exports, so a suite that changed shape fails with its name, not deep in a run. */
function asSuite(dir: string, loaded: unknown): AuditSuite {
  const suite = isRecord(loaded) ? loaded.default : undefined;
  const problem = (what: string) => new Error(`audit suite "${dir}": ${what}`);
  if (!isRecord(suite) || suite.id !== dir) throw problem('its index.js does not export the suite with this id');
  if (!Array.isArray(suite.subgraphs) || suite.subgraphs.length === 0) throw problem('it has no subgraphs');
  if (!Array.isArray(suite.tests) || suite.tests.length === 0) throw problem('it has no tests');
  const subgraphs = suite.subgraphs.map((subgraph: unknown): AuditSubgraph => {
    if (!isRecord(subgraph) || typeof subgraph.name !== 'string' || typeof subgraph.typeDefs !== 'string')
      throw problem('a subgraph lacks its name or SDL');
    return { name: subgraph.name, typeDefs: subgraph.typeDefs, resolvers: subgraph.resolvers };
  });
  const tests = suite.tests.map((test: unknown, index: number): AuditTest => {
    if (!isRecord(test) || typeof test.query !== 'string' || !isRecord(test.expected))
      throw problem(`test ${index} lacks its query or expected answer`);
    const { data, errors } = test.expected;
    if (errors !== undefined && typeof errors !== 'boolean') throw problem(`test ${index} states errors that are not true or false`);
    return { query: test.query, expected: { ...(data !== undefined ? { data } : {}), ...(errors !== undefined ? { errors } : {}) } };
  });
  return { id: dir, subgraphs, tests };
}

/** The ids of every vendored suite, sorted as the suite sorts them. */
export function auditSuiteIds(): string[] {
  return readdirSync(join(AUDIT_SUITE_DIR, 'test-suites'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));
}

/**
 * Loads suites from the vendored files, fresh each time: some suites keep state in their
 * subgraphs (`mutations` adds and deletes products), so every gateway must start from the
 * suite's initial data, as each gateway does in the suite's own runs (one process per gateway).
 */
export function loadAuditSuites(ids: readonly string[] = auditSuiteIds()): AuditSuite[] {
  const known = new Set(auditSuiteIds());
  for (const id of ids) if (!known.has(id)) throw new Error(`unknown audit suite "${id}"; choose from ${[...known].join(', ')}`);
  for (const path of Object.keys(require.cache)) if (path.startsWith(AUDIT_SUITE_DIR)) delete require.cache[path];
  // The vendored suites are CommonJS files found by path at run time, and loaded afresh each time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return ids.map((id) => asSuite(id, require(join(AUDIT_SUITE_DIR, 'test-suites', id, 'index.js')) as unknown));
}
