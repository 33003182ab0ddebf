import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentId, loadTrustedDocuments } from '@intel-gateway/gateway';
import { DEV_AGENCIES, mintAgencyToken } from '@intel-gateway/tools';
import { callerHeaders, DEFAULT_CALLER, postGraphQL, startExtraGateway, startTestFederation, type TestFederation } from './harness';

/**
 * An invalid operation is answered from its caller's own schema: a type, field, argument
 * or enum value the caller may not see is answered exactly as one that does not exist. Each
 * case sends an invalid operation naming a hidden thing, and the same operation with that
 * name replaced by one of the same length that exists nowhere: the two answers must be the
 * same bytes once the name is swapped back, but for graphql-js's "Did you mean" (which
 * depends on the spelling), and every name suggested must be one the caller's schema shows.
 * (An operation valid for the API schema is decided by the field policy instead: a field it
 * denies gets its FORBIDDEN error, see fieldPolicy.test.ts.)
 */
const FRONTLINE = { ...DEFAULT_CALLER, roles: ['FRONTLINE' as const] };
const PURPOSE = 'CRIMINAL_INVESTIGATION';

/** [what is hidden from a FRONTLINE caller, the name, an operation using it] */
const CASES: [string, string, string][] = [
  ['a root field (the issue: auditTrail)', 'auditTrail', 'query Q { auditTrail { nodes { idx } } }'],
  ['a field of a visible type', 'nationalRecords', 'query Q { notice(id: "A-1/1-2026") { id nationalRecords { idx } } }'],
  ['a type in a fragment’s type condition', 'AuditEntry', 'query Q { notice(id: "A-1/1-2026") { id ...F } } fragment F on AuditEntry { id }'],
  ['a type in an inline fragment', 'CaseFile', 'query Q { notice(id: "A-1/1-2026") { ... on CaseFile { id } } }'],
  ['a type of a variable', 'AuditFilter', 'query Q($f: AuditFilter) { notice(id: "A-1/1-2026") { id } }'],
  ['a field with its arguments', 'diffusions', 'query Q { diffusions(senderNcb: "NCB-FR", firstx: 2) { nodes { id } } }'],
  ['an enum type, by a value of it in a default', 'HitKind', 'query Q($k: HitKind = MATCH) { notice(id: "A-1/1-2026") { id } }'],
  ['an argument of a hidden field, with a hidden enum value', 'hitsOnOurRecords', 'query Q { hitsOnOurRecords(recordId: "x", firstx: 1) { nodes { kind } } }'],
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
const comparable = ({ status, text }: { status: number; text: string }, name: string) => ({ status, text: text.replace(SUGGESTION, '').replaceAll(name, nonexistent(name)) });

/** Names the caller's schema shows (types, fields, arguments, enum values), from its SDL. */
let visibleNames: Set<string>;
function expectOnlyVisibleSuggestions(text: string) {
  for (const suggestion of text.match(SUGGESTION) ?? []) {
    for (const [, suggested] of suggestion.matchAll(/\\"([^"\\]+)\\"/g)) expect(visibleNames).toContain(suggested);
  }
}

it('the cases name things hidden from FRONTLINE but present in the API schema (an analyst validates them)', async () => {
  const analyst = callerHeaders(await mintAgencyToken({ identity: federation.identity, ...DEFAULT_CALLER, roles: ['ANALYST' as const, 'AUDITOR' as const] }), PURPOSE);
  const introspect = async (name: string, h: Record<string, string>) =>
    (await postGraphQL<{ __type: unknown }>(federation.gatewayUrl, `{ __type(name: "${name}") { name } }`, undefined, h)).body.data?.__type ?? null;
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

describe('an agency under trusted documents', () => {
  it('gets the same answer for a listed operation naming a hidden field as for one naming none', async () => {
    const listed = CASES.flatMap(([, name, query]) => [query, query.replaceAll(name, nonexistent(name))]);
    const manifestDir = mkdtempSync(join(tmpdir(), 'agency-validation-'));
    writeFileSync(
      join(manifestDir, 'NCB-FR.json'),
      JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: listed.map((body) => ({ id: documentId(body), name: 'Q', type: 'query', body })) }),
    );
    const { gateway, url } = await startExtraGateway(federation, { trustedDocuments: loadTrustedDocuments(manifestDir, new Set(DEV_AGENCIES.map((a) => a.code)), true) });
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
