import {
  type AuditSubgraphs,
  type AuditSuite,
  type AuditTestResult,
  compareAuditAnswer,
  conformanceCaller,
  type ConformanceGateway,
  loadAuditSuites,
  runAuditSuite,
  startAuditSubgraphs,
  startConformanceGateway,
} from '@intel-gateway/tools';

/**
 * A fast subset of the public federation gateway audit suite (graphql-hive/federation-gateway-audit,
 * vendored in tools/conformance; the whole suite runs with `npm run conformance`) through our
 * gateway under a policy that allows every field, so the policy's walk runs on every answer:
 * abstract types, @requires and @provides, interface objects, @include/@skip, null keys and
 * null propagation (an enum value the API schema lacks), and partial failures (a subgraph
 * resolver that throws). Each test's answer is compared as the suite compares it.
 */
const SUBSET = [
  'abstract-types',
  'simple-requires-provides',
  'provides-on-interface',
  'simple-interface-object',
  'include-skip',
  'null-keys',
  'enum-intersection',
  'union-interface-distributed',
];

let suites: AuditSuite[];
let subgraphs: AuditSubgraphs;
let caller: Awaited<ReturnType<typeof conformanceCaller>>;

beforeAll(async () => {
  suites = loadAuditSuites(SUBSET);
  subgraphs = await startAuditSubgraphs(suites);
  caller = await conformanceCaller([...new Set(suites.flatMap((s) => s.subgraphs.map((g) => g.name)))]);
});

afterAll(async () => {
  await subgraphs?.stop();
});

async function withGateway<T>(suiteId: string, run: (gateway: ConformanceGateway, suite: AuditSuite) => Promise<T>): Promise<T> {
  const gateway = await startConformanceGateway('ours:permissive', subgraphs.supergraphOf(suiteId), caller);
  try {
    return await run(
      gateway,
      suites.find((s) => s.id === suiteId)!,
    );
  } finally {
    await gateway.stop();
  }
}

describe('the suite comparison', () => {
  it('fails different data, a missing stated error and an unstated one it must not see, and ignores errors a test does not state', () => {
    const data = { product: { id: 'p1', price: null } };
    expect(compareAuditAnswer({ data }, { data })).toBe(true);
    expect(compareAuditAnswer({ data }, { data: { product: { id: 'p1', price: 0 } } })).toBe(false);
    expect(compareAuditAnswer({ data }, { data: { product: { price: null, id: 'p1', extra: 1 } } })).toBe(false);
    expect(compareAuditAnswer({ data: null, errors: true }, { data: null })).toBe(false);
    expect(compareAuditAnswer({ data, errors: false }, { data, errors: [{ message: 'boom' }] })).toBe(false);
    expect(compareAuditAnswer({ data }, { data, errors: [{ message: 'boom' }] })).toBe(true);
    expect(compareAuditAnswer({ data: null, errors: true }, { errors: [{ message: 'boom' }] })).toBe(true);
  });

  it('fails a real answer against an expectation that differs from it', async () => {
    const [result] = await withGateway('include-skip', (gateway, suite) =>
      runAuditSuite(gateway, { ...suite, tests: [{ ...suite.tests[0]!, expected: { data: { wrong: true } } }] }),
    );
    expect(result!.passed).toBe(false);
    expect(result!.answer).toHaveProperty('data');
  });
});

describe('our gateway (permissive policy) on the audit subset', () => {
  it.each(SUBSET)('%s: every test passes', async (suiteId) => {
    const results = await withGateway(suiteId, runAuditSuite);
    const failed = results
      .filter((r: AuditTestResult) => !r.passed)
      .map((r) => ({ test: `${r.suite}_${r.index}`, expected: r.expected, answer: r.answer }));
    expect(failed).toEqual([]);
    expect(results).toHaveLength(suites.find((s) => s.id === suiteId)!.tests.length);
  });
});
