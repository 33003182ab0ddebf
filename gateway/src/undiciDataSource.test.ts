import { createServer, type Server } from 'node:http';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { Agent } from 'undici';
import { close, listen } from '@intel-gateway/shared/http';
import type { CallerContext, GatewayTokenSigner } from '@intel-gateway/shared/identity';
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
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"data":{"ok":true}}');
    });
  });
  url = `${await listen(server, '127.0.0.1', 0)}/graphql`;
  agent = new Agent();
});

afterAll(async () => {
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
  } as unknown as GraphQLDataSourceProcessOptions;
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
