import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentId, loadTrustedDocuments } from '@intel-gateway/gateway';
import { DEV_AGENCIES, mintAgencyToken, type MintOptions } from '@intel-gateway/tools';
import { callerHeaders, DEFAULT_CALLER, postGraphQL, startExtraGateway, startTestFederation, type TestFederation } from './harness';

/**
 * An invalid operation is answered from its caller's own schema: a type, field, argument
 * or enum value the caller may not see is answered exactly as one that does not exist. Each
 * case sends an invalid operation naming a hidden thing, and the same operation with that
 * name replaced by one of the same length that exists nowhere: the two answers must be the
 * same bytes once the name is swapped back, but for graphql-js's "Did you mean" (which
 * depends on the spelling), and every name suggested must be one the caller's schema shows.
 * The same holds for an operation valid for the API schema (STRICT_CASES): it is validated
 * against the caller's schema before anything is planned or fetched, so no subgraph hears of
 * it, and a field no record could ever allow the caller (`retainUntil` for anyone but an
 * OWNER_ADMIN) is outside that schema too. Only fields decided per record keep a FORBIDDEN
 * error at their path (see fieldPolicy.test.ts).
 */
const FRONTLINE = { ...DEFAULT_CALLER, roles: ['FRONTLINE' as const] };
const PURPOSE = 'CRIMINAL_INVESTIGATION';

/** [what is hidden from a FRONTLINE caller, the name, an operation using it] */
const CASES: [string, string, string][] = [
  ['a root field (the issue: auditTrail)', 'auditTrail', 'query Q { auditTrail { nodes { idx } } }'],
  ['a field of a visible type', 'nationalRecords', 'query Q { notice(id: "A-1/1-2026") { id nationalRecords { idx } } }'],
  [
    'a type in a fragment’s type condition',
    'AuditEntry',
    'query Q { notice(id: "A-1/1-2026") { id ...F } } fragment F on AuditEntry { id }',
  ],
  ['a type in an inline fragment', 'CaseFile', 'query Q { notice(id: "A-1/1-2026") { ... on CaseFile { id } } }'],
  ['a type of a variable', 'AuditFilter', 'query Q($f: AuditFilter) { notice(id: "A-1/1-2026") { id } }'],
  ['a field with its arguments', 'diffusions', 'query Q { diffusions(senderNcb: "NCB-FR", firstx: 2) { nodes { id } } }'],
  ['an enum type, by a value of it in a default', 'HitKind', 'query Q($k: HitKind = MATCH) { notice(id: "A-1/1-2026") { id } }'],
  [
    'an argument of a hidden field, with a hidden enum value',
    'hitsOnOurRecords',
    'query Q { hitsOnOurRecords(recordId: "x", firstx: 1) { nodes { kind } } }',
  ],
];

const ANALYST = { ...DEFAULT_CALLER, roles: ['ANALYST' as const] };

/**
 * [who, what is hidden from them, the name, an operation using it that the API schema
 * validates]: each is refused as if the name did not exist, with nothing sent to a subgraph.
 */
const CALLERS: Record<string, Omit<MintOptions, 'identity'>> = { FRONTLINE, ANALYST };
const STRICT_CASES: [string, string, string, string][] = [
  ['FRONTLINE', 'a root field (the issue: auditTrail)', 'auditTrail', 'query Q { auditTrail(first: 2) { nodes { id } } }'],
  ['FRONTLINE', 'a field of a visible type', 'nationalRecords', 'query Q { notice(id: "A-1/1-2026") { id nationalRecords { id } } }'],
  ['FRONTLINE', 'a hidden type in a fragment', 'AuditEntry', 'query Q { auditTrail { nodes { ...F } } } fragment F on AuditEntry { id }'],
  ['FRONTLINE', 'a field with its arguments', 'diffusions', 'query Q { diffusions(senderNcb: "NCB-FR", first: 2) { nodes { id } } }'],
  [
    'FRONTLINE',
    'a field with an argument and an enum-typed field',
    'hitsOnOurRecords',
    'query Q { hitsOnOurRecords(recordId: "x", first: 1) { nodes { kind } } }',
  ],
  [
    'FRONTLINE',
    'an enum type of a variable, with a value of it',
    'CaseStatus',
    'query Q($s: CaseStatus = OPEN) { caseFiles(owner: "NCB-FR", status: $s) { nodes { id } } }',
  ],
  [
    'FRONTLINE',
    'a record field no record allows (retainUntil)',
    'retainUntil',
    'query Q { notice(id: "A-1/1-2026") { id provenance { retainUntil } } }',
  ],
  ['FRONTLINE', 'a mutation (its schema has none)', 'decideRelease', 'mutation M { decideRelease(id: "x", approve: false) { id } }'],
  [
    'ANALYST',
    'a mutation field (deciding releases is for record administrators)',
    'decideRelease',
    'mutation M { decideRelease(id: "x", approve: false) { id } }',
  ],
  [
    'ANALYST',
    'a root field with an input type',
    'auditTrail',
    'query Q($f: AuditFilter) { auditTrail(filter: $f, first: 2) { nodes { id } } }',
  ],
  [
    'ANALYST',
    'an input type of a variable',
    'AuditFilter',
    'query Q($f: AuditFilter) { auditTrail(filter: $f, first: 2) { nodes { id } } }',
  ],
  [
    'ANALYST',
    'a record field no record allows (retainUntil)',
    'retainUntil',
    'query Q { notice(id: "A-1/1-2026") { id provenance { retainUntil } } }',
  ],
  [
    'ANALYST',
    'a record field no record allows (reviewDueAt)',
    'reviewDueAt',
    'query Q { notices(first: 3) { nodes { id provenance { reviewDueAt } } } }',
  ],
];

/** A name of the same length that no schema has. */
const nonexistent = (name: string) => `Zq${'x'.repeat(name.length - 2)}`;

let federation: TestFederation;
let headers: Record<string, string>;
beforeAll(async () => {
  federation = await startTestFederation({ seedSize: 20 });
  headers = callerHeaders(await mintAgencyToken({ identity: federation.identity, ...FRONTLINE }), PURPOSE);
  const sdl = await (await fetch(federation.gatewayUrl.replace(/graphql$/, 'schema.graphql'), { headers })).text();
  visibleNames = new Set(sdl.match(/[A-Za-z_][A-Za-z0-9_]*/g));
});
afterAll(() => federation.stop());

async function answer(url: string, query: string): Promise<{ status: number; text: string }> {
  const response = await postGraphQL(url, query, undefined, headers);
  return { status: response.status, text: JSON.stringify(response.body) };
}

const SUGGESTION = / Did you mean [^?]*\?/g;
/** The answer without its suggestions, with `name` written as the nonexistent one. */
const comparable = ({ status, text }: { status: number; text: string }, name: string) => ({
  status,
  text: text.replace(SUGGESTION, '').replaceAll(name, nonexistent(name)),
});

/** Names the caller's schema shows (types, fields, arguments, enum values), from its SDL. */
let visibleNames: Set<string>;
function expectOnlyVisibleSuggestions(text: string) {
  for (const suggestion of text.match(SUGGESTION) ?? []) {
    for (const [, suggested] of suggestion.matchAll(/\\"([^"\\]+)\\"/g)) expect(visibleNames).toContain(suggested);
  }
}

it('the cases name things hidden from FRONTLINE but present in the API schema (an analyst validates them)', async () => {
  const analyst = callerHeaders(
    await mintAgencyToken({ identity: federation.identity, ...DEFAULT_CALLER, roles: ['ANALYST' as const, 'AUDITOR' as const] }),
    PURPOSE,
  );
  const introspect = async (name: string, h: Record<string, string>) =>
    (await postGraphQL<{ __type: unknown }>(federation.gatewayUrl, `{ __type(name: "${name}") { name } }`, undefined, h)).body.data
      ?.__type ?? null;
  for (const type of ['AuditEntry', 'CaseFile', 'AuditFilter', 'HitKind']) {
    expect(await introspect(type, headers)).toBeNull();
  }
  expect(await introspect('CaseFile', analyst)).toEqual({ name: 'CaseFile' });
});

describe.each(CASES)('hidden %s', (_what, name, query) => {
  it('answers byte for byte as a name that does not exist, suggesting nothing hidden', async () => {
    const hidden = await answer(federation.gatewayUrl, query);
    const missing = await answer(federation.gatewayUrl, query.replaceAll(name, nonexistent(name)));
    expect(hidden.status).toBe(400);
    expect(hidden.text).toContain('GRAPHQL_VALIDATION_FAILED');
    expectOnlyVisibleSuggestions(hidden.text);
    expect(comparable(hidden, name)).toEqual(comparable(missing, name));
  });
});

/** Every database command any subgraph has sent since `forgetCommands`. */
const commandsSent = () => Object.values(federation.subgraphs).flatMap((s) => s.commands.map((c) => `${s.name}:${c.name}`));
const forgetCommands = () => Object.values(federation.subgraphs).forEach((s) => s.commands.splice(0));

/** Names a caller's schema shows, from the SDL it downloads. */
const namesShownTo = async (as: Record<string, string>, url = federation.gatewayUrl) => {
  const sdl = await (await fetch(url.replace(/graphql$/, 'schema.graphql'), { headers: as })).text();
  return new Set(sdl.match(/[A-Za-z_][A-Za-z0-9_]*/g));
};

/**
 * The answer for a hidden name is the answer for a nonexistent one, with the name swapped:
 * the same bytes, but for graphql-js's "Did you mean", which follows the spelling and may
 * name only what the caller's schema shows.
 */
function expectSameAsNonexistent(
  hidden: { status: number; text: string },
  missing: { status: number; text: string },
  name: string,
  shown: Set<string>,
) {
  expect(comparable(hidden, name)).toEqual(comparable(missing, name));
  if (hidden.text.match(SUGGESTION) === null) expect(hidden.text.replaceAll(name, nonexistent(name))).toBe(missing.text);
  for (const suggestion of hidden.text.match(SUGGESTION) ?? []) {
    for (const [, suggested] of suggestion.matchAll(/\\"([^"\\]+)\\"/g)) expect(shown).toContain(suggested);
  }
}

describe.each(STRICT_CASES)('valid for the API schema, as %s: hidden %s', (role, _what, name, query) => {
  it('is refused as a name that does not exist, before any subgraph is asked, and is not in the caller’s schema', async () => {
    const as = callerHeaders(await mintAgencyToken({ identity: federation.identity, ...CALLERS[role]! }), PURPOSE);
    const send = async (q: string) => {
      const response = await postGraphQL(federation.gatewayUrl, q, undefined, as);
      return { status: response.status, text: JSON.stringify(response.body) };
    };
    forgetCommands();
    const hidden = await send(query);
    expect(commandsSent()).toEqual([]);
    const missing = await send(query.replaceAll(name, nonexistent(name)));
    expect(hidden.status).toBe(400);
    expect(hidden.text).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(hidden.text).not.toContain('"data"');
    const shown = await namesShownTo(as);
    expect(shown).not.toContain(name);
    expectSameAsNonexistent(hidden, missing, name, shown);
  });
});

it('a hidden mutation sent over GET is answered as a nonexistent one (not as a mutation GET may not carry)', async () => {
  const as = callerHeaders(await mintAgencyToken({ identity: federation.identity, ...FRONTLINE }), PURPOSE);
  const get = async (query: string) => {
    const response = await fetch(`${federation.gatewayUrl}?${new URLSearchParams({ query })}`, {
      headers: { ...as, 'apollo-require-preflight': 'true' },
    });
    return { status: response.status, text: await response.text() };
  };
  const name = 'decideRelease';
  forgetCommands();
  const hidden = await get('mutation M { decideRelease(id: "x", approve: false) { id } }');
  expect(commandsSent()).toEqual([]);
  const missing = await get(`mutation M { ${nonexistent(name)}(id: "x", approve: false) { id } }`);
  expect(hidden.status).toBe(400);
  expect(hidden.text).toContain('The mutation operation is not supported by the schema.');
  expect(hidden.status).toBe(missing.status);
  expect(hidden.text.replaceAll(name, nonexistent(name))).toBe(missing.text);
});

it('a field decided per record is still answered, with a FORBIDDEN at its path where the record denies it (the contrast)', async () => {
  const response = await federation.queryAs(
    FRONTLINE,
    PURPOSE,
    'query Q { notices(first: 20) { nodes { id provenance { restrictions { deniedAgencies } } } } }',
  );
  expect(response.status).toBe(200);
  expect(response.body.data?.notices.nodes.length).toBeGreaterThan(0);
  const codes = (response.body.errors ?? []).map(
    (e: { extensions?: { code?: string; field?: string } }) => `${e.extensions?.code} ${e.extensions?.field}`,
  );
  expect(codes.length).toBeGreaterThan(0);
  expect(new Set(codes)).toEqual(new Set(['FORBIDDEN Provenance.restrictions']));
});

describe('an agency under trusted documents', () => {
  it('answers a hidden name as a nonexistent one in a listed operation valid for the API schema (validation error) and in an unlisted one (refused unread)', async () => {
    const listedCases = STRICT_CASES.slice(0, 4);
    const listed = listedCases.flatMap(([, , name, query]) => [query, query.replaceAll(name, nonexistent(name))]);
    const manifestDir = mkdtempSync(join(tmpdir(), 'agency-validation-'));
    writeFileSync(
      join(manifestDir, 'NCB-FR.json'),
      JSON.stringify({
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: listed.map((body) => ({ id: documentId(body), name: 'Q', type: 'query', body })),
      }),
    );
    const { gateway, url } = await startExtraGateway(federation, {
      trustedDocuments: loadTrustedDocuments(manifestDir, new Set(DEV_AGENCIES.map((a) => a.code)), true),
    });
    try {
      for (const strictCase of STRICT_CASES) {
        const [role, , name, query] = strictCase;
        const as = callerHeaders(await mintAgencyToken({ identity: federation.identity, ...CALLERS[role]! }), PURPOSE);
        const send = async (q: string) => {
          const response = await postGraphQL(url, q, undefined, as);
          return { status: response.status, text: JSON.stringify(response.body) };
        };
        forgetCommands();
        const hidden = await send(query);
        expect(commandsSent()).toEqual([]);
        if (listedCases.includes(strictCase)) {
          expect(hidden.status).toBe(400);
          expect(hidden.text).toContain('GRAPHQL_VALIDATION_FAILED');
        } else {
          expect(hidden.status).toBe(403);
          expect(hidden.text).toContain('OPERATION_NOT_LISTED');
        }
        expectSameAsNonexistent(hidden, await send(query.replaceAll(name, nonexistent(name))), name, await namesShownTo(as, url));
      }
    } finally {
      await gateway.stop();
      rmSync(manifestDir, { recursive: true, force: true });
    }
  });

  it('gets the same answer for a listed operation naming a hidden field as for one naming none', async () => {
    const listed = CASES.flatMap(([, name, query]) => [query, query.replaceAll(name, nonexistent(name))]);
    const manifestDir = mkdtempSync(join(tmpdir(), 'agency-validation-'));
    writeFileSync(
      join(manifestDir, 'NCB-FR.json'),
      JSON.stringify({
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: listed.map((body) => ({ id: documentId(body), name: 'Q', type: 'query', body })),
      }),
    );
    const { gateway, url } = await startExtraGateway(federation, {
      trustedDocuments: loadTrustedDocuments(manifestDir, new Set(DEV_AGENCIES.map((a) => a.code)), true),
    });
    try {
      for (const [, name, query] of CASES) {
        const hidden = await answer(url, query);
        expect(hidden.text).toContain('GRAPHQL_VALIDATION_FAILED');
        expectOnlyVisibleSuggestions(hidden.text);
        expect(comparable(hidden, name)).toEqual(comparable(await answer(url, query.replaceAll(name, nonexistent(name))), name));
      }
    } finally {
      await gateway.stop();
      rmSync(manifestDir, { recursive: true, force: true });
    }
  });
});
