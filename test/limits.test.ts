import { parse } from 'graphql';
import { mintAgencyToken, STORY } from '@intel-gateway/tools';
import { callerHeaders, DEFAULT_CALLER, type GraphQLResult, startTestFederation, type TestFederation } from './harness';

/**
 * Abuse limits: for each one, an operation at the limit runs and one just over it is
 * refused with the limit's code, before anything is planned or fetched. The federation
 * here runs with small limits so the edges are easy to write down.
 */
const LIMITS = {
  maxDepth: 4,
  maxAliases: 3,
  maxIntrospectionAliases: 0,
  maxRootFields: 2,
  maxDirectives: 2,
  maxTokens: 60,
  maxCost: 30,
  maxSelections: 10_000,
  defaultListSize: 10,
};

let federation: TestFederation;
beforeAll(async () => {
  federation = await startTestFederation({ limits: LIMITS });
});
afterAll(() => federation.stop());

const N = `notice(id: "${STORY.redNotice.id}")`;

function expectRuns(result: GraphQLResult<unknown>) {
  expect(result.status).toBe(200);
  expect(result.body.errors).toBeUndefined();
  expect(result.body.data).toBeTruthy();
}

function expectRefused(result: GraphQLResult<unknown>, code: string) {
  expect(result.status).toBe(400);
  expect(result.body.errors?.map((e) => e.extensions?.code)).toEqual([code]);
  expect(result.body.data ?? undefined).toBeUndefined();
}

/** Database commands the subgraphs sent while `run` ran: a refused operation must cause none. */
async function commandsDuring(run: () => Promise<unknown>): Promise<number> {
  for (const subgraph of Object.values(federation.subgraphs)) subgraph.commands.length = 0;
  await run();
  return Object.values(federation.subgraphs).reduce((n, s) => n + s.commands.length, 0);
}

it('depth', async () => {
  expectRuns(await federation.query(`{ ${N} { subject { name { familyName } } } }`));
  expectRefused(await federation.query(`{ ${N} { nationalRecords { caseFile { persons { id } } } } }`), 'OPERATION_TOO_DEEP');
});

it('depth through fragments', async () => {
  expectRefused(
    await federation.query(`{ ${N} { ...F } } fragment F on Notice { nationalRecords { caseFile { persons { id } } } }`),
    'OPERATION_TOO_DEEP',
  );
});

it('aliases', async () => {
  expectRuns(await federation.query(`{ ${N} { a: id b: id c: id } }`));
  expectRefused(await federation.query(`{ ${N} { a: id b: id c: id d: id } }`), 'TOO_MANY_ALIASES');
});

it('root fields', async () => {
  expectRuns(await federation.query(`{ ${N} { id } vehicle(vin: "${STORY.stolenVehicle.vin}") { vin } }`));
  expectRefused(
    await federation.query(
      `{ ${N} { id } vehicle(vin: "${STORY.stolenVehicle.vin}") { vin } firearm(make: "Glock", serialNumber: "ABC000001") { make } }`,
    ),
    'TOO_MANY_ROOT_FIELDS',
  );
});

it('directives', async () => {
  expectRuns(await federation.query(`{ ${N} { id @include(if: true) type @skip(if: false) } }`));
  expectRefused(
    await federation.query(`{ ${N} { id @include(if: true) type @skip(if: false) status @include(if: true) } }`),
    'TOO_MANY_DIRECTIVES',
  );
});

it('tokens', async () => {
  // The longest operation of this shape the parser accepts at the limit, and one field more.
  // __typename costs nothing, so only the token count grows.
  const operation = (fields: number) => `{ ${N} { ${Array.from({ length: fields }, () => '__typename').join(' ')} } }`;
  let fields = 1;
  while (fields < 200) {
    try {
      parse(operation(fields + 1), { maxTokens: LIMITS.maxTokens });
      fields++;
    } catch {
      break;
    }
  }
  expect(fields).toBeGreaterThan(10);
  expectRuns(await federation.query(operation(fields)));
  const refused = await federation.query(operation(fields + 1));
  expect(refused.status).toBe(400);
  expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['TOO_MANY_TOKENS']);
});

it('variables that do not fit their types: every error, as BAD_USER_INPUT, and nothing fetched', async () => {
  let refused: GraphQLResult<unknown> | undefined;
  const operation = 'query Q($f: NoticeFilter, $n: Int!) { notices(filter: $f, first: $n) { nodes { id } } }';
  expect(
    await commandsDuring(async () => (refused = await federation.query(operation, { f: { requestingNcb: 5, deep: [1] }, n: 'x' }))),
  ).toBe(0);
  expect(refused!.status).toBe(400);
  expect(refused!.body).toEqual({
    errors: [
      {
        message: 'Variable "$f" got invalid value 5 at "f.requestingNcb"; String cannot represent a non string value: 5',
        locations: [{ line: 1, column: 9 }],
        extensions: { code: 'BAD_USER_INPUT' },
      },
      {
        message: 'Variable "$f" got invalid value { requestingNcb: 5, deep: [1] }; Field "deep" is not defined by type "NoticeFilter".',
        locations: [{ line: 1, column: 9 }],
        extensions: { code: 'BAD_USER_INPUT' },
      },
      {
        message: 'Variable "$n" got invalid value "x"; Int cannot represent non-integer value: "x"',
        locations: [{ line: 1, column: 27 }],
        extensions: { code: 'BAD_USER_INPUT' },
      },
    ],
  });
});

describe('cost, from list sizes', () => {
  // notices + nodes, then 4 fields for each of `n` notices: 2 + 4n.
  const operation = `query Q($n: Int) { notices(first: $n) { nodes { id type subject { sex } } } }`;

  it('at the limit runs; one notice more is refused, and nothing is fetched for it', async () => {
    expectRuns(await federation.query(operation, { n: 7 }));
    let refused: GraphQLResult<unknown> | undefined;
    expect(await commandsDuring(async () => (refused = await federation.query(operation, { n: 8 })))).toBe(0);
    expectRefused(refused!, 'OPERATION_TOO_COSTLY');
    expect(refused!.body.errors![0]!.extensions).toMatchObject({ limit: 30, value: 34 });
  });

  it('counts a page size a variable leaves to its declared default, as the subgraph will get it', async () => {
    const defaulted = (n: number) => `query Q($n: Int = ${n}) { notices(first: $n) { nodes { id type subject { sex } } } }`;
    expectRuns(await federation.query(defaulted(7)));
    let refused: GraphQLResult<unknown> | undefined;
    expect(await commandsDuring(async () => (refused = await federation.query(defaulted(1000))))).toBe(0);
    expectRefused(refused!, 'OPERATION_TOO_COSTLY');
    expect(refused!.body.errors![0]!.extensions).toMatchObject({ limit: 30, value: 4002 });
    // A value the request gives wins over the default.
    expectRuns(await federation.query(defaulted(1000), { n: 7 }));
  });

  it('counts unbounded lists at the default list size', async () => {
    // notice, nationalRecords, then 10 assumed records × (id, role, caseFile) = 32.
    expectRefused(await federation.query(`{ ${N} { nationalRecords { id role caseFile { id } } } }`), 'OPERATION_TOO_COSTLY');
  });

  it("counts a list without first/last at its subgraph's @listSize(assumedSize:), not the default", async () => {
    // Notice.nationalRecords is @listSize(assumedSize: 50) in the national subgraph: notice, nationalRecords, 50 × id = 52.
    const refused = await federation.query(`{ ${N} { nationalRecords { id } } }`);
    expectRefused(refused, 'OPERATION_TOO_COSTLY');
    expect(refused.body.errors![0]!.extensions).toMatchObject({ limit: 30, value: 52 });
    // TravelDocument.cases has none: the default 10. travelDocument, cases, 10 × id = 12.
    expectRuns(
      await federation.query(`{ travelDocument(issuingCountry: "FR", documentType: PASSPORT, number: "X12345") { cases { id } } }`),
    );
  });
});

describe('introspection: its aliases are counted apart', () => {
  it('runs as tools send it; an alias on or inside it is refused, however few', async () => {
    expectRuns(await federation.query('{ __schema { types { fields { args { name } } } } }'));
    expectRuns(await federation.query('{ __type(name: "Notice") { fields { type { fields { name } } } } }'));
    expectRefused(await federation.query('{ s: __schema { queryType { name } } }'), 'TOO_MANY_ALIASES');
    expectRefused(await federation.query('{ __schema { a: types { name } b: types { name } } }'), 'TOO_MANY_ALIASES');
    expectRefused(
      await federation.query('{ __type(name: "Notice") { ...F } } fragment F on __Type { a: fields { name } }'),
      'TOO_MANY_ALIASES',
    );
    // How deep its lists nest is bounded by validation (graphql-js).
    expectRefused(
      await federation.query('{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }'),
      'GRAPHQL_VALIDATION_FAILED',
    );
  });
});

describe('HTTP-level protections', () => {
  const post = (body: string, contentType: string, extra: Record<string, string> = {}) =>
    fetch(federation.gatewayUrl, { method: 'POST', headers: { 'content-type': contentType, ...extra }, body });

  it('refuses batched requests', async () => {
    const query = JSON.stringify({ query: `{ ${N} { id } }` });
    const { authorization, 'x-purpose': purpose } = await headersOfDefaultCaller();
    const response = await post(`[${query},${query}]`, 'application/json', { authorization: authorization!, 'x-purpose': purpose! });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain(STORY.redNotice.id);
  });

  it('refuses a simple-request POST (CSRF prevention)', async () => {
    const { authorization, 'x-purpose': purpose } = await headersOfDefaultCaller();
    const response = await post(JSON.stringify({ query: `{ ${N} { id } }` }), 'text/plain', {
      authorization: authorization!,
      'x-purpose': purpose!,
    });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain(STORY.redNotice.id);
  });

  it('refuses an operation over GET without a preflight header (CSRF prevention)', async () => {
    const headers = await headersOfDefaultCaller();
    const response = await fetch(`${federation.gatewayUrl}?query=${encodeURIComponent(`{ ${N} { id } }`)}`, { headers });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain(STORY.redNotice.id);
  });
});

async function headersOfDefaultCaller(): Promise<Record<string, string>> {
  return callerHeaders(await mintAgencyToken({ identity: federation.identity, ...DEFAULT_CALLER }), 'CRIMINAL_INVESTIGATION');
}
