import { createServer, type ServerResponse } from 'node:http';
import { close, listen } from '@intel-gateway/shared/http';
import { mintAgencyToken, STORY } from '@intel-gateway/tools';
import {
  callerHeaders,
  DEFAULT_CALLER,
  type GraphQLResult,
  postGraphQL,
  startExtraGateway,
  startTestFederation,
  type TestFederation,
  waitFor,
} from './harness';

/**
 * A subgraph gone wrong (or hostile) cannot hold the gateway or fill its memory: every
 * subgraph call has a largest answer and a total deadline. A misbehaving national subgraph
 * on loopback (the real one behind it, its answer padded or trickled) costs only its own
 * fields: SUBGRAPH_UNAVAILABLE errors with the reason, at those fields' paths, while the
 * other subgraphs' data stays.
 */
const TIMEOUT_MS = 1_500;
const MAX_RESPONSE_BYTES = 64 * 1024;

type Misbehaviour = 'none' | 'oversized' | 'oversized-declared' | 'drip';
let misbehaviour: Misbehaviour = 'none';
/** How the last trickled answer ended: the gateway hung up before its last byte, or it was all sent. */
let dripEnded: 'cut off' | 'sent in full' | undefined;
let federation: TestFederation;
let gatewayUrl: string;
let stopAll: () => Promise<void>;

/** Sends the real answer as the current misbehaviour says. */
function answer(res: ServerResponse, text: string): void {
  if (misbehaviour === 'oversized') {
    // Valid JSON, larger than allowed, with no content-length: the size shows only as it arrives.
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write(' '.repeat(MAX_RESPONSE_BYTES));
    res.end(text);
    return;
  }
  if (misbehaviour === 'oversized-declared') {
    const padded = ' '.repeat(MAX_RESPONSE_BYTES) + text;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(padded) });
    res.end(padded);
    return;
  }
  if (misbehaviour === 'drip') {
    // One byte of whitespace every 100 ms (far under any per-chunk timeout) for 6 s, then the answer.
    res.writeHead(200, { 'content-type': 'application/json' });
    let sent = 0;
    dripEnded = undefined;
    const timer = setInterval(() => {
      if (res.destroyed) return clearInterval(timer);
      if (++sent < 60) return void res.write(' ');
      clearInterval(timer);
      dripEnded = 'sent in full';
      res.end(text);
    }, 100);
    res.once('close', () => {
      clearInterval(timer);
      dripEnded ??= 'cut off';
    });
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(text);
}

beforeAll(async () => {
  federation = await startTestFederation();
  const target = federation.subgraphs.national.url;
  const misbehaving = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([name]) => !['host', 'connection', 'content-length', 'keep-alive'].includes(name)),
      ) as Record<string, string>;
      fetch(target, { method: 'POST', headers, body: Buffer.concat(chunks) })
        .then(async (real) => answer(res, await real.text()))
        .catch(() => res.writeHead(502).end());
    });
  });
  const url = `${await listen(misbehaving, '127.0.0.1', 0)}/graphql`;
  const extra = await startExtraGateway(federation, {
    subgraphUrls: { national: url },
    subgraphTimeoutMs: TIMEOUT_MS,
    subgraphMaxResponseBytes: MAX_RESPONSE_BYTES,
  });
  gatewayUrl = extra.url;
  stopAll = async () => {
    await extra.gateway.stop();
    misbehaving.closeAllConnections();
    await close(misbehaving);
    await federation.stop();
  };
});
afterAll(() => stopAll());

/** An entity join (national fills `nationalRecords` of an INTERPOL notice) beside a root field of its own. */
const OPERATION = `query Q($id: ID!, $caseFile: ID!) {
  notice(id: $id) { id type nationalRecords { id } europolEntries { id } }
  caseFile(id: $caseFile) { id }
}`;

async function run(as: Misbehaviour): Promise<{ result: GraphQLResult<any>; ms: number }> {
  misbehaviour = as;
  const headers = callerHeaders(await mintAgencyToken({ identity: federation.identity, ...DEFAULT_CALLER }), 'CRIMINAL_INVESTIGATION');
  const started = performance.now();
  const result = await postGraphQL(gatewayUrl, OPERATION, { id: STORY.redNotice.id, caseFile: STORY.stolenGbPassport.caseFileId }, headers);
  return { result, ms: performance.now() - started };
}

/** The partial answer a failed national call leaves: INTERPOL's and Europol's data kept, national's fields null with errors at their paths. */
function expectNationalFailed(result: GraphQLResult<any>, reason: string) {
  expect(result.status).toBe(200);
  expect(result.body.data).toEqual({
    notice: { id: STORY.redNotice.id, type: 'RED', nationalRecords: null, europolEntries: [{ id: STORY.redNotice.europolEntryId }] },
    caseFile: null,
  });
  const errors = result.body.errors ?? [];
  expect(errors.map((e) => e.path).sort()).toEqual([['caseFile'], ['notice', 'nationalRecords']]);
  for (const error of errors) expect(error.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'national', reason });
  expect(JSON.stringify(errors)).not.toMatch(/127\.0\.0\.1|stack|Abort/);
}

it('the control: a well-behaved national subgraph answers in full', async () => {
  const { result } = await run('none');
  expect(result.body.errors).toBeUndefined();
  expect(result.body.data.notice.nationalRecords).toEqual(STORY.redNotice.nationalPersonIds.map((id) => ({ id })));
  expect(result.body.data.caseFile).toEqual({ id: STORY.stolenGbPassport.caseFileId });
});

it('an oversized answer (no content-length, counted as it arrives) fails only the national fields', async () => {
  expectNationalFailed((await run('oversized')).result, 'SUBGRAPH_RESPONSE_TOO_LARGE');
});

it('an oversized answer that declares its length is refused without reading it', async () => {
  expectNationalFailed((await run('oversized-declared')).result, 'SUBGRAPH_RESPONSE_TOO_LARGE');
});

it('an answer trickled a byte at a time, under any per-chunk timeout, is cut off at the total deadline', async () => {
  const { result, ms } = await run('drip');
  expectNationalFailed(result, 'SUBGRAPH_TIMEOUT');
  expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
  // Cut off, not waited out: the gateway hung up on the subgraph before the trickle's last byte
  // (a state, where a bound on the elapsed time would depend on how busy the machine is).
  await waitFor(() => dripEnded !== undefined, 'the trickled answer to end');
  expect(dripEnded).toBe('cut off');
});
