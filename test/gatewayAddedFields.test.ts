import { gatewayPolicy, type GatewayServer } from '@intel-gateway/gateway';
import type { Role } from '@intel-gateway/shared';
import { mintAgencyToken, STORY } from '@intel-gateway/tools';
import { callerHeaders, postGraphQL, startExtraGateway, startSubgraphProxy, startTestFederation, type TestFederation } from './harness';

/**
 * The fields the gateway adds to an operation for its own checks (record identity and
 * provenance, what a record rule needs) never cost the caller an answer it may have; and a
 * field that no record could ever open to the caller is never fetched at all.
 */
let federation: TestFederation;
/** Every request body the gateway sends a subgraph, by subgraph, recorded by a forwarding proxy. */
const bodies: Record<string, string[]> = {};
const proxies: { close(): Promise<void> }[] = [];
let gateway: { gateway: GatewayServer; url: string };

beforeAll(async () => {
  federation = await startTestFederation();
  const subgraphUrls: Record<string, string> = {};
  for (const subgraph of Object.values(federation.subgraphs)) {
    bodies[subgraph.name] = [];
    const proxy = await startSubgraphProxy(subgraph.url, { onRequest: (body) => bodies[subgraph.name]!.push(body) });
    proxies.push(proxy);
    subgraphUrls[subgraph.name] = proxy.url;
  }
  gateway = await startExtraGateway(federation, { subgraphUrls, policy: gatewayPolicy() });
});
afterAll(async () => {
  await gateway.gateway.stop();
  for (const proxy of proxies) await proxy.close();
  await federation.stop();
});

const PURPOSE = 'CRIMINAL_INVESTIGATION';

async function run(caller: { agency: string; roles: Role[] }, query: string) {
  for (const list of Object.values(bodies)) list.length = 0;
  const token = await mintAgencyToken({ identity: federation.identity, ...caller });
  return postGraphQL(gateway.url, query, undefined, callerHeaders(token, PURPOSE));
}
const sent = (subgraph: string) => bodies[subgraph]!.join('\n');
const errorsOf = (body: { errors?: { path?: (string | number)[]; extensions?: Record<string, unknown> }[] }) =>
  (body.errors ?? []).map((e) => `${e.path?.join('.')} ${String(e.extensions?.code)} ${String(e.extensions?.reason ?? '')}`.trim());

describe('the fields the gateway adds never wipe out an allowed answer', () => {
  it('a frontline officer reads the wanted list: each person it may not read keeps its place as an empty object', async () => {
    const { status, body } = await run({ agency: 'NCB-FR', roles: ['FRONTLINE'] }, `{ wantedList(owner: "NCB-DE") { nodes { id person { id } } } }`);
    expect(status).toBe(200);
    const nodes: { id: string; person: unknown }[] = body.data.wantedList.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) expect(node).toEqual({ id: expect.any(String), person: {} });
    // One FORBIDDEN per person's id, and nothing at a path the client never asked for.
    expect(errorsOf(body).sort()).toEqual(nodes.map((_, i) => `wantedList.nodes.${i}.person.id FORBIDDEN ROLE_NOT_PERMITTED`).sort());
    expect(JSON.stringify(body)).not.toContain('_policy_');
  });

  it('the same under a record rule (a person\'s name) and through a named fragment', async () => {
    const query = `{ wantedList(owner: "NCB-DE") { nodes { id ...P } } } fragment P on WantedPerson { person { name { familyName } role provenance { owner } } }`;
    const { body } = await run({ agency: 'NCB-GB', roles: ['FRONTLINE'] }, query);
    const nodes: { id: string; person: unknown }[] = body.data.wantedList.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) expect(node.person).toEqual({});
    expect(new Set(errorsOf(body).map((e) => e.replace(/\.\d+\./, '.[].')))).toEqual(
      new Set(['wantedList.nodes.[].person.name FORBIDDEN ROLE_NOT_PERMITTED', 'wantedList.nodes.[].person.role FORBIDDEN ROLE_NOT_PERMITTED', 'wantedList.nodes.[].person.provenance FORBIDDEN ROLE_NOT_PERMITTED']),
    );
    // Nothing of the persons was asked of their owner: neither their fields nor what the gateway would need to identify them.
    expect(sent('national')).not.toMatch(/\brole\b/);
    expect(sent('national')).not.toContain('familyName');
  });

  it('each record the caller may read is still identified and audited', async () => {
    const { body } = await run({ agency: 'NCB-FR', roles: ['FRONTLINE'] }, `{ wantedList(owner: "NCB-DE", first: 3) { nodes { appeal person { id } } } }`);
    // Entries whose person the caller may not identify are left out of the list (see protectedLinks.test.ts); every one listed is identified.
    const nodes: unknown[] = body.data.wantedList.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    const handling = body.extensions?.handling as { type: string; owner: string }[];
    expect(handling.map((h) => h.type)).toEqual(nodes.map(() => 'WantedPerson'));
    expect(handling.every((h) => h.owner === 'NCB-DE')).toBe(true);
  });
});

describe('a field no record could open to the caller is never fetched', () => {
  const query = `{ notice(id: "${STORY.redNotice.id}") { nationalRecords { id provenance { keepUntil: retainUntil dueForReview: reviewDueAt } } } }`;

  it('an analyst (no OWNER_ADMIN): retention and review dates are removed before planning, with their errors', async () => {
    const { body } = await run({ agency: 'NCB-FR', roles: ['ANALYST'] }, query);
    const records: { id: string; provenance: Record<string, unknown> }[] = body.data.notice.nationalRecords;
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) expect(record.provenance).toEqual({});
    expect(errorsOf(body).sort()).toEqual(
      records.flatMap((_, i) => [`notice.nationalRecords.${i}.provenance.dueForReview FORBIDDEN ROLE_NOT_PERMITTED`, `notice.nationalRecords.${i}.provenance.keepUntil FORBIDDEN ROLE_NOT_PERMITTED`]).sort(),
    );
    expect(sent('national')).not.toContain('keepUntil');
    expect(sent('national')).not.toContain('dueForReview');
    expect(sent('national')).not.toContain('reviewDueAt');
  });

  it('an owner\'s administrator: fetched, and decided per record', async () => {
    const { body } = await run({ agency: 'NCB-FR', roles: ['OWNER_ADMIN'] }, query);
    expect(sent('national')).toContain('keepUntil');
    expect(sent('national')).toContain('dueForReview');
    const records: { id: string; provenance: { keepUntil: unknown } }[] = body.data.notice.nationalRecords;
    const own = records.find((r) => r.id === STORY.redNotice.nationalPersonIds[0])!;
    const foreign = records.find((r) => r.id === STORY.redNotice.nationalPersonIds[1])!;
    expect(own.provenance.keepUntil).toEqual(expect.any(String));
    expect(foreign.provenance.keepUntil).toBeNull();
  });

  it('a person\'s name under the protected-subject rule, for a caller outside national case staff', async () => {
    const { body } = await run({ agency: 'NCB-GB', roles: ['FRONTLINE'] }, `{ wantedList(owner: "NCB-FR") { nodes { id person { nameOf: name { familyName } } } } }`);
    expect(body.data.wantedList.nodes.length).toBeGreaterThan(0);
    expect(sent('national')).not.toContain('nameOf');
    expect(sent('national')).not.toContain('familyName');
  });
});
