import { databaseNames, mintAgencyToken, STORY } from '@intel-gateway/tools';
import { callerHeaders, DEFAULT_CALLER, type GraphQLResult, postGraphQL, startTestFederation, type TestFederation } from './harness';

/**
 * Bad input gets a clear BAD_USER_INPUT error naming the field: never a stack trace,
 * never an internal message, and never a query built from it.
 */
let federation: TestFederation;
beforeAll(async () => {
  federation = await startTestFederation();
});
afterAll(() => federation.stop());

function expectBadInput(result: GraphQLResult<unknown>, field: string) {
  const errors = result.body.errors ?? [];
  expect(errors.length).toBeGreaterThan(0);
  const error = errors[0]!;
  expect(error.extensions?.code).toBe('BAD_USER_INPUT');
  expect(error.message).toContain(field);
  const text = JSON.stringify(result.body);
  expect(text).not.toMatch(/stacktrace|\.ts:\d+|\bat [A-Za-z.]+ \(|node_modules|Mongo/);
}

describe('bad input is refused with BAD_USER_INPUT naming the field', () => {
  it('invalid enum value as a literal', async () => {
    const result = await federation.query(`{ notices(filter: { type: PINK }) { nodes { id } } }`);
    expectBadInput(result, 'type');
    expect(result.body.errors![0]!.extensions?.field).toBe('type');
  });

  it('invalid enum value as a variable', async () => {
    const result = await federation.query(
      `query Q($type: DocumentType!) { travelDocument(issuingCountry: "GB", documentType: $type, number: "123456789") { number } }`,
      { type: 'DIPLOMA' },
    );
    expectBadInput(result, '$type');
  });

  it.each([
    ['too short', '12'],
    ['punctuation', '5333;80006'],
    ['a query operator written as a string', '{"$gt": ""}'],
    ['far too long', 'A'.repeat(40)],
  ])('malformed document number: %s', async (_label, number) => {
    const result = await federation.query(
      `query Q($n: String!) { travelDocument(issuingCountry: "GB", documentType: PASSPORT, number: $n) { number sltd { id } } }`,
      { n: number },
    );
    expectBadInput(result, 'number');
    expect(result.body.errors![0]!.extensions?.field).toBe('number');
  });

  it('an operator object where a string belongs', async () => {
    const result = await federation.query(
      `query Q($n: String!) { travelDocument(issuingCountry: "GB", documentType: PASSPORT, number: $n) { number } }`,
      { n: { $gt: '' } },
    );
    expectBadInput(result, '$n');
  });

  it.each([
    ['notice(id:)', `{ notice(id: "{\\"$ne\\": null}") { id } }`, 'id'],
    ['caseFiles(owner:)', `{ caseFiles(owner: "{$ne: 1}") { nodes { id } } }`, 'owner'],
    ['analysisProject(code:)', `{ analysisProject(code: "'; db.dropDatabase()") { code } }`, 'code'],
    ['vehicle(vin:)', `{ vehicle(vin: "WVWZZZ1KZ8W12345O") { vin } }`, 'vin'],
    [
      'travelDocument(issuingCountry:)',
      `{ travelDocument(issuingCountry: "gbr", documentType: PASSPORT, number: "123456789") { number } }`,
      'issuingCountry',
    ],
  ])('operator injection and malformed keys: %s', async (_label, query, field) => {
    expectBadInput(await federation.query(query), field);
  });

  it.each([
    ['oversized', 1_001],
    ['zero', 0],
    ['negative', -5],
  ])('page size: %s', async (_label, first) => {
    expectBadInput(await federation.query(`query Q($first: Int) { notices(first: $first) { nodes { id } } }`, { first }), 'first');
  });

  it('page size: huge is refused at the gateway by the cost limit, before any subgraph is asked', async () => {
    for (const subgraph of Object.values(federation.subgraphs)) subgraph.commands.length = 0;
    const result = await federation.query(`query Q($first: Int) { notices(first: $first) { nodes { id } } }`, { first: 1_000_000 });
    expect(result.status).toBe(400);
    expect(result.body.errors?.[0]?.extensions?.code).toBe('OPERATION_TOO_COSTLY');
    expect(Object.values(federation.subgraphs).reduce((n, s) => n + s.commands.length, 0)).toBe(0);
  });

  it('a cursor the API never issued', async () => {
    expectBadInput(await federation.query(`{ notices(first: 5, after: "bm90LWEtY3Vyc29y") { nodes { id } } }`), 'after');
    expectBadInput(await federation.query(`{ notices(first: 5, after: "{\\"$gt\\":\\"\\"}") { nodes { id } } }`), 'after');
  });

  it('an operator object in an entity representation sent to a subgraph', async () => {
    const query = `query E($r: [_Any!]!) { _entities(representations: $r) { ... on Notice { id } } }`;
    const variables = { r: [{ __typename: 'Notice', id: { $gt: '' } }] };
    const result = await postGraphQL(
      federation.subgraphs.interpol.url,
      query,
      variables,
      await federation.subgraphs.interpol.gatewayHeaders(query, variables),
    );
    expectBadInput(result, 'id');
  });

  it('a nested child page size is checked too', async () => {
    const result = await federation.query(`{ analysisProject(code: "${STORY.project}") { code persons(first: 1001) { nodes { id } } } }`);
    expectBadInput(result, 'first');
  });
});

describe('bad input changes nothing', () => {
  it('leaves every collection as it was', async () => {
    const snapshot = async () => {
      const counts: Record<string, number> = {};
      // The agencies' data; the gateway's audit trail records these attempts, as it should.
      for (const subgraph of Object.values(federation.subgraphs).filter((s) => s.name !== 'accountability')) {
        for (const name of Object.keys(subgraph.connection.models)) {
          const model = subgraph.connection.models[name]!;
          counts[`${subgraph.name}.${name}`] = await model.countDocuments();
        }
      }
      return counts;
    };
    const before = await snapshot();
    // The seeded subgraphs hold data in every collection (a contributed subgraph starts empty).
    const seeded = Object.entries(before).filter(([key]) => key.split('.')[0]! in databaseNames());
    expect(seeded.length).toBeGreaterThan(0);
    expect(seeded.every(([, n]) => n > 0)).toBe(true);
    await federation.query(`query Q($n: String!) { travelDocument(issuingCountry: "GB", documentType: PASSPORT, number: $n) { number } }`, {
      n: '{"$where": "1"}',
    });
    await federation.query(`{ notices(first: 0) { nodes { id } } }`);
    expect(await snapshot()).toEqual(before);
  });
});

describe('oversized requests', () => {
  it('refuses a body over the size limit with 413 and no processing', async () => {
    const huge = `{ notices(first: 1) { nodes { id } } } # ${'x'.repeat(1_100_000)}`;
    // An authenticated caller: without a token the request is refused (401) before its body is read.
    const headers = callerHeaders(await mintAgencyToken({ identity: federation.identity, ...DEFAULT_CALLER }), 'CRIMINAL_INVESTIGATION');
    const response = await fetch(federation.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: huge }),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('BAD_REQUEST');
  });
});
