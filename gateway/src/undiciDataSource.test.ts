import { createServer, type Server, type ServerResponse } from 'node:http';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { Agent } from 'undici';
import { close, listen } from '@intel-gateway/shared/http';
import type { CallerContext, GatewayTokenSigner } from '@intel-gateway/shared/identity';
import { RELEASE_GRANT_TYPES_EXTENSION } from '@intel-gateway/shared/policy';
import type { GatewayContext } from './gatewayContext';
import { releaseGrantReportsOf } from './policy/releaseGrantReports';
import { SUBGRAPH_BODY_PARTS, type SubgraphBodyParts, subgraphBodyParts, UndiciDataSource } from './undiciDataSource';

/**
 * The bytes a subgraph receives are the bytes the gateway token binds, and with the fixed
 * parts of a body prepared once they are the bytes JSON.stringify writes for the request:
 * a loopback subgraph records each body it receives.
 */
const caller: CallerContext = {
  principal: {
    user: 'analyst-1',
    agency: 'NCB-FR',
    agencyKind: 'NCB',
    agencyGroups: [],
    country: 'FR',
    roles: ['ANALYST'],
    clearance: 'RESTRICTED',
    purposes: ['CRIMINAL_INVESTIGATION'],
    projects: [],
  },
  purpose: 'CRIMINAL_INVESTIGATION',
};

let server: Server;
let url: string;
let agent: Agent;
const received: Buffer[] = [];
/** Requests the server holds unanswered (the answer of a subgraph that hangs). */
const held: ServerResponse[] = [];
const signed: Buffer[] = [];
const signToken: GatewayTokenSigner = (_caller, _subgraph, request) => {
  signed.push(Buffer.from(request.body));
  return 'token';
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push(Buffer.concat(chunks));
      if (req.headers['x-request-id'] === 'hang') return void held.push(res);
      res.writeHead(200, { 'content-type': 'application/json' });
      const reported = req.headers['x-request-id']?.toString().match(/^report:(.*)$/)?.[1];
      // An answer that lists the record types of the release grants held (comma-separated in the request id).
      if (reported !== undefined) return void res.end(JSON.stringify({ data: { ok: true }, extensions: reportOf(reported) }));
      res.end('{"data":{"ok":true}}');
    });
  });
  url = `${await listen(server, '127.0.0.1', 0)}/graphql`;
  agent = new Agent();
});

afterAll(async () => {
  for (const res of held) res.destroy();
  await agent.close();
  await close(server);
});

beforeEach(() => {
  received.length = 0;
  signed.length = 0;
});

/** Sends one request through the data source, as the plan executor does (with prepared parts) or as @apollo/gateway does (without). */
async function send(query: string, variables: Record<string, unknown>, operationName: string | undefined, parts?: SubgraphBodyParts) {
  const source = new UndiciDataSource('national', url, agent, { timeoutMs: 5_000, maxResponseBytes: 1024 }, signToken);
  const options = {
    kind: 'incoming operation',
    request: { query, variables, operationName },
    incomingRequestContext: {},
    context: caller,
    ...(parts ? { [SUBGRAPH_BODY_PARTS]: parts } : {}),
  } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
  return source.process(options);
}

const queries = [
  'query Q__national__0{notice(id:"N-1"){id}}',
  'query Q{a(s:"quote \\" backslash \\\\ line\u2028sep \u{1F600} lone \uD800 tab\t")}',
];

describe('the subgraph request body', () => {
  it.each(queries.flatMap((query) => [[query, 'Q'] as const, [query, undefined] as const]))(
    'with prepared parts is byte for byte the JSON of the request, and the bytes signed are the bytes sent (%s, %s)',
    async (query, operationName) => {
      const variables = { representations: [{ __typename: 'Notice', id: 'N-"1"\u2028' }], ['__proto__']: { x: 1 }, n: null };
      const answer = await send(query, variables, operationName, subgraphBodyParts(query, operationName));
      expect(answer).toEqual({ data: { ok: true } });
      expect(received).toHaveLength(1);
      expect(received[0]!.toString('utf8')).toBe(JSON.stringify({ query, variables, operationName }));
      expect(signed[0]!.equals(received[0]!)).toBe(true);
    },
  );

  it('parts prepared for another operation are not used: the request sent is the one asked for', async () => {
    const asked = 'query Q{asked}';
    for (const parts of [subgraphBodyParts('query Q{other}', 'Q'), subgraphBodyParts(asked, 'Other')]) {
      await send(asked, {}, 'Q', parts);
    }
    expect(received.map((body) => body.toString('utf8'))).toEqual([
      JSON.stringify({ query: asked, variables: {}, operationName: 'Q' }),
      JSON.stringify({ query: asked, variables: {}, operationName: 'Q' }),
    ]);
    expect(signed.every((body, index) => body.equals(received[index]!))).toBe(true);
  });
});

const reportOf = (types: string) => ({ [RELEASE_GRANT_TYPES_EXTENSION]: types === '' ? [] : types.split(',') });

describe('what an answer says of the release grants held for the caller', () => {
  /** Calls national with a fresh request context whose id says what to answer, and gives that request's reports. */
  async function reportsAfter(requestId: string, timeoutMs = 5_000) {
    const context = { ...caller, requestScope: { id: requestId } };
    const answer = await new UndiciDataSource('national', url, agent, { timeoutMs, maxResponseBytes: 1024 }, signToken).process({
      kind: 'incoming operation',
      request: { query: '{ a }', variables: {} },
      incomingRequestContext: {},
      context,
    } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);
    return { answer, reports: releaseGrantReportsOf(context) };
  }

  it('is noted for the request, and only what a subgraph answered counts', async () => {
    const none = await reportsAfter('report:');
    expect(none.answer.data).toEqual({ ok: true });
    expect(none.reports.mayHaveServedOnGrant('NationalPerson', ['national'])).toBe(false);
    const persons = await reportsAfter('report:CaseFile,NationalPerson');
    expect(persons.reports.mayHaveServedOnGrant('NationalPerson', ['national'])).toBe(true);
    expect(persons.reports.mayHaveServedOnGrant('WantedPerson', ['national'])).toBe(false);
    // Said nothing, or never answered in full: anything may have come on a grant.
    expect((await reportsAfter('plain')).reports.mayHaveServedOnGrant('NationalPerson', ['national'])).toBe(true);
    const failed = await reportsAfter('hang', 200);
    expect(failed.answer.errors?.map((error) => error.extensions?.reason)).toEqual(['SUBGRAPH_TIMEOUT']);
    expect(failed.reports.mayHaveServedOnGrant('NationalPerson', ['national'])).toBe(true);
    for (const res of held.splice(0)) res.destroy();
  });
});

describe('the total deadline of a subgraph call', () => {
  it('covers a call still waiting for a connection: it fails as a timeout and is never sent', async () => {
    const single = new Agent({ connections: 1 });
    const call = (timeoutMs: number) =>
      new UndiciDataSource('national', url, single, { timeoutMs, maxResponseBytes: 1024 }, signToken).process({
        kind: 'incoming operation',
        request: { query: '{ a }', variables: {} },
        incomingRequestContext: {},
        context: { ...caller, requestScope: { id: 'hang' } },
      } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);
    try {
      const hanging = call(5_000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = performance.now();
      const queued = await call(300);
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(queued.errors?.map((error) => error.extensions?.reason)).toEqual(['SUBGRAPH_TIMEOUT']);
      // Only the hanging call reached the subgraph; the queued one was given up before it was sent.
      expect(received).toHaveLength(1);
      // The subgraph drops the held call before answering: no answer came, so it was unreachable.
      for (const res of held.splice(0)) res.destroy();
      expect((await hanging).errors?.map((error) => error.extensions?.reason)).toEqual(['SUBGRAPH_UNREACHABLE']);
      // Nor is it sent once the connection is free again.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(received).toHaveLength(1);
    } finally {
      await single.destroy();
    }
  });
});
