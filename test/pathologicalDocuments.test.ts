import { mintAgencyToken, STORY } from '@intel-gateway/tools';
import { callerHeaders, DEFAULT_CALLER, type GraphQLResult, postGraphQL, startTestFederation, type TestFederation } from './harness';

/**
 * Small documents that ask for exponential or quadratic work: every check before execution
 * (limits, validation, the policy decision, planning) and the result walk must stay linear
 * in the document's size. Each document fits the default token limit (2000) and must be
 * answered or refused within BOUND_MS, for any caller, FRONTLINE included. The bound is
 * generous, for a loaded machine: on an idle one each takes milliseconds, and a walk that
 * expands fragments at every spread takes seconds at 26 levels and days at 40.
 */
const BOUND_MS = 2_000;

let federation: TestFederation;
const callers: Record<string, Record<string, string>> = {};
beforeAll(async () => {
  federation = await startTestFederation({ seedSize: 20 });
  callers.FRONTLINE = callerHeaders(
    await mintAgencyToken({ identity: federation.identity, ...DEFAULT_CALLER, roles: ['FRONTLINE'] }),
    'CRIMINAL_INVESTIGATION',
  );
  callers.ANALYST = callerHeaders(await mintAgencyToken({ identity: federation.identity, ...DEFAULT_CALLER }), 'CRIMINAL_INVESTIGATION');
});
afterAll(() => federation.stop());

async function timed(role: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<any> & { ms: number }> {
  const started = performance.now();
  const result = await postGraphQL(federation.gatewayUrl, query, variables, callers[role]);
  return { ...result, ms: performance.now() - started };
}

/** `{ <head> } fragment F0 on <on> { <body> ...F1 ...F1 } … fragment F<levels> on <on> { <last> }`: each level doubles the expansion. */
function fanOut(
  levels: number,
  options: { head?: string; on?: string; body?: string; last?: string; spread?: (next: string) => string } = {},
): string {
  const { head = '{ ...F0 }', on = 'Query', body = '', last = '__typename', spread = (next) => `...${next} ...${next}` } = options;
  const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on ${on} { ${body} ${spread(`F${i + 1}`)} }`);
  return `${head} ${fragments.join(' ')} fragment F${levels} on ${on} { ${last} }`;
}

const NOTICE = `notice(id: "${STORY.redNotice.id}")`;

describe.each(['FRONTLINE', 'ANALYST'])('as %s', (role) => {
  const answered = async (query: string, variables?: Record<string, unknown>) => {
    const result = await timed(role, query, variables);
    expect(result.ms).toBeLessThan(BOUND_MS);
    expect(result.status).toBe(200);
    expect(result.body.errors?.filter((e) => e.extensions?.code !== 'FORBIDDEN')).toBeUndefined();
    return result;
  };
  const refused = async (query: string, codes: string[], variables?: Record<string, unknown>) => {
    const result = await timed(role, query, variables);
    expect(result.ms).toBeLessThan(BOUND_MS);
    expect([400, 403]).toContain(result.status);
    expect(result.body.data ?? undefined).toBeUndefined();
    for (const error of result.body.errors ?? []) expect(codes).toContain(error.extensions?.code);
    expect(result.body.errors?.length).toBeGreaterThan(0);
    return result;
  };

  it('the reported document: 27 fragments, each spreading the next twice, ending in __typename', async () => {
    // Each expansion of F26 puts one __typename at the root: 2^26 root fields.
    await refused(fanOut(26), ['TOO_MANY_ROOT_FIELDS']);
  });

  it('a fan-out chain as long as the token limit allows', async () => {
    await refused(fanOut(190), ['TOO_MANY_ROOT_FIELDS']);
  });

  it('a fan-out chain with fields and nested selections in each fragment', async () => {
    await refused(fanOut(60, { body: 'notices { nodes { id subject { name { familyName } } } }' }), [
      'OPERATION_TOO_COSTLY',
      'TOO_MANY_ROOT_FIELDS',
    ]);
    await refused(fanOut(60, { head: `{ ${NOTICE} { ...F0 } }`, on: 'Notice', body: 'id subject { name { familyName } }' }), [
      'OPERATION_TOO_COSTLY',
    ]);
  });

  it('a fan-out chain below a record, that passes every limit, is decided, planned and answered', async () => {
    // Only __typename below the notice: no cost, no alias, one root field. Everything after the limits runs.
    const result = await answered(fanOut(150, { head: `{ ${NOTICE} { id ...F0 } }`, on: 'Notice' }));
    expect(result.body.data).toEqual({ notice: { id: STORY.redNotice.id, __typename: 'Notice' } });
    const list = await answered(fanOut(150, { head: '{ notices(first: 3) { nodes { id ...F0 } } }', on: 'Notice' }));
    expect(list.body.data.notices.nodes).toHaveLength(3);
  });

  it('a fan-out chain inside a value type of a record (its disclosed fields are walked for the audit)', async () => {
    const result = await answered(fanOut(150, { head: `{ ${NOTICE} { id subject { ...F0 } } }`, on: 'NoticeSubject' }));
    expect(result.body.data).toEqual({ notice: { id: STORY.redNotice.id, subject: { __typename: 'NoticeSubject' } } });
  });

  it('a fan-out chain through inline fragments', async () => {
    const inline = (next: string) => `... on Notice { ...${next} } ... on Notice { ...${next} }`;
    const result = await answered(fanOut(60, { head: `{ ${NOTICE} { id ...F0 } }`, on: 'Notice', spread: inline }));
    expect(result.body.data).toEqual({ notice: { id: STORY.redNotice.id, __typename: 'Notice' } });
    await refused(
      fanOut(60, {
        head: `{ ${NOTICE} { ...F0 } }`,
        on: 'Notice',
        spread: (next) => `... on Notice { id ...${next} } ... on Notice { ...${next} }`,
      }),
      ['OPERATION_TOO_COSTLY'],
    );
  });

  it('fan-out with aliases and directives in each fragment', async () => {
    await refused(fanOut(60, { head: `{ ${NOTICE} { ...F0 } }`, on: 'Notice', body: 'a: __typename' }), ['TOO_MANY_ALIASES']);
    await refused(fanOut(60, { head: `{ ${NOTICE} { ...F0 } }`, on: 'Notice', body: '__typename @include(if: true)' }), [
      'TOO_MANY_DIRECTIVES',
    ]);
  });

  it('one fragment spread in many selection sets, each visiting it again, past the selection limit', async () => {
    // 10 root fields × 3 selection sets (the field's own and two kept because of their directive) × 401 selections.
    const roots = Array.from(
      { length: 10 },
      (_, i) => `n${i}: ${NOTICE} { ...F ... @include(if: true) { ...F } ... @skip(if: false) { ...F } }`,
    );
    await refused(`{ ${roots.join(' ')} } fragment F on Notice { ${Array.from({ length: 400 }, () => '__typename').join(' ')} }`, [
      'OPERATION_TOO_LARGE',
    ]);
  });

  it('deep nesting of fields and of inline fragments', async () => {
    // A frontline officer's schema has none of these fields: refused as unknown (validated against that schema first, within the same bound).
    await refused(`{ ${NOTICE} { nationalRecords { ${'caseFile { persons { '.repeat(150)}id${' } }'.repeat(150)} } } }`, [
      role === 'FRONTLINE' ? 'GRAPHQL_VALIDATION_FAILED' : 'OPERATION_TOO_DEEP',
    ]);
    await answered(`{ ${NOTICE} { id ${'... on Notice { '.repeat(390)}__typename${' }'.repeat(390)} } }`);
  });

  it('many directives, and many repeated fields in one selection set', async () => {
    await refused(`{ ${NOTICE} { ${Array.from({ length: 200 }, () => 'id @skip(if: false)').join(' ')} } }`, ['TOO_MANY_DIRECTIVES']);
    // graphql-js stops comparing same-named fields when its budget is spent.
    await refused(`{ ${NOTICE} { ${Array.from({ length: 1_980 }, () => 'id').join(' ')} } }`, ['GRAPHQL_VALIDATION_FAILED']);
    await answered(`{ ${NOTICE} { ${Array.from({ length: 400 }, () => 'id').join(' ')} } }`);
  });

  it('thousands of variables, declared or only sent', async () => {
    const declared = Array.from({ length: 390 }, (_, i) => `$v${i}: Int`).join(' ');
    await refused(`query Q(${declared}) { __typename }`, ['GRAPHQL_VALIDATION_FAILED']);
    const sent = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`v${i}`, i]));
    await answered('query Q { __typename }', sent);
  });

  it('huge variable values and long strings', async () => {
    const long = 'x'.repeat(900_000);
    const byVariable = await timed(role, 'query Q($id: ID!) { notice(id: $id) { id } }', { id: long });
    expect(byVariable.ms).toBeLessThan(BOUND_MS);
    expect(JSON.stringify(byVariable.body)).not.toContain('INTERNAL_SERVER_ERROR');
    const nested = await timed(role, 'query Q($f: NoticeFilter) { notices(filter: $f) { nodes { id } } }', {
      f: { requestingNcb: 'x'.repeat(100_000), deep: Array.from({ length: 50_000 }, () => [[[1]]]) },
    });
    expect(nested.ms).toBeLessThan(BOUND_MS);
    expect(nested.status).toBe(400);
    const literal = await timed(role, `{ notice(id: "${long}") { id } }`);
    expect(literal.ms).toBeLessThan(BOUND_MS);
    expect(JSON.stringify(literal.body)).not.toContain('INTERNAL_SERVER_ERROR');
    await refused(`{ ${NOTICE} { id } } """${long}"""`, ['GRAPHQL_PARSE_FAILED']);
  });
});
