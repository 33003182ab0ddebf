import { gatewayPolicy, type GatewayServer } from '@intel-gateway/gateway';
import type { Role } from '@intel-gateway/shared/identity';
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
/** The fields an answer refuses as unknown (`Type.field`), when it is a validation refusal with no data. */
const unknownFields = ({
  status,
  body,
}: {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}) =>
  status === 400 && body.data === undefined && body.errors?.every((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED')
    ? body.errors
        .map(
          (e) =>
            e.message
              .match(/^Cannot query field "([^"]+)" on type "([^"]+)"\.$/)
              ?.slice(1)
              .reverse()
              .join('.') ?? e.message,
        )
        .sort()
    : undefined;
const nothingSent = () => Object.values(bodies).flat();
const errorsOf = (body: { errors?: { path?: (string | number)[]; extensions?: Record<string, unknown> }[] }) =>
  (body.errors ?? []).map((e) => `${e.path?.join('.')} ${String(e.extensions?.code)} ${String(e.extensions?.reason ?? '')}`.trim());

describe('the fields the gateway adds never wipe out an allowed answer', () => {
  it('a frontline officer reads the wanted list: the person, outside its schema, is refused as unknown and never asked for', async () => {
    const refused = await run({ agency: 'NCB-FR', roles: ['FRONTLINE'] }, `{ wantedList(owner: "NCB-DE") { nodes { id person { id } } } }`);
    expect(unknownFields(refused)).toEqual(['WantedPerson.person']);
    expect(nothingSent()).toEqual([]);
  });

  it('an object whose every selected field its record denies keeps its place (a record rule, the issue: item 7)', async () => {
    const { status, body } = await run(
      { agency: 'NCB-FR', roles: ['ANALYST'] },
      `{ wantedList(owner: "NCB-DE") { nodes { id provenance { restrictions { deniedAgencies } } } } }`,
    );
    expect(status).toBe(200);
    const nodes: { id: string; provenance: unknown }[] = body.data.wantedList.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) expect(node).toEqual({ id: expect.any(String), provenance: { restrictions: null } });
    // One FORBIDDEN per record's restrictions, and nothing at a path the client never asked for.
    expect(errorsOf(body).sort()).toEqual(
      nodes.map((_, i) => `wantedList.nodes.${i}.provenance.restrictions FORBIDDEN NOT_RECORD_OWNER`).sort(),
    );
    expect(JSON.stringify(body)).not.toContain('_policy_');
  });

  it('the same through a named fragment; and a frontline officer naming the person in one is refused before anything is asked', async () => {
    const query = `{ wantedList(owner: "NCB-DE") { nodes { id ...P } } } fragment P on WantedPerson { provenance { restrictions { deniedAgencies } } }`;
    const { body } = await run({ agency: 'NCB-GB', roles: ['ANALYST'] }, query);
    const nodes: { id: string; provenance: unknown }[] = body.data.wantedList.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) expect(node.provenance).toEqual({ restrictions: null });
    expect(new Set(errorsOf(body).map((e) => e.replace(/\.\d+\./, '.[].')))).toEqual(
      new Set(['wantedList.nodes.[].provenance.restrictions FORBIDDEN NOT_RECORD_OWNER']),
    );
    expect(JSON.stringify(body)).not.toContain('_policy_');

    const named = `{ wantedList(owner: "NCB-DE") { nodes { id ...P } } } fragment P on WantedPerson { person { name { familyName } role provenance { owner } } }`;
    expect(unknownFields(await run({ agency: 'NCB-GB', roles: ['FRONTLINE'] }, named))).toEqual(['WantedPerson.person']);
    // Nothing of the persons was asked of their owner: neither their fields nor what the gateway would need to identify them.
    expect(nothingSent()).toEqual([]);
  });

  it('each record the caller may read is still identified and audited', async () => {
    const { body } = await run(
      { agency: 'NCB-FR', roles: ['FRONTLINE'] },
      `{ wantedList(owner: "NCB-DE", first: 3) { nodes { appeal } } }`,
    );
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

  it('an analyst (no OWNER_ADMIN): retention and review dates are outside its schema, refused as unknown before planning', async () => {
    expect(unknownFields(await run({ agency: 'NCB-FR', roles: ['ANALYST'] }, query))).toEqual([
      'Provenance.retainUntil',
      'Provenance.reviewDueAt',
    ]);
    expect(nothingSent()).toEqual([]);
    expect(sent('national')).not.toContain('keepUntil');
    expect(sent('national')).not.toContain('dueForReview');
    expect(sent('national')).not.toContain('reviewDueAt');
  });

  it("an owner's administrator: fetched, and decided per record", async () => {
    const { body } = await run({ agency: 'NCB-FR', roles: ['OWNER_ADMIN'] }, query);
    expect(sent('national')).toContain('keepUntil');
    expect(sent('national')).toContain('dueForReview');
    const records: { id: string; provenance: { keepUntil: unknown } }[] = body.data.notice.nationalRecords;
    const own = records.find((r) => r.id === STORY.redNotice.nationalPersonIds[0])!;
    const foreign = records.find((r) => r.id === STORY.redNotice.nationalPersonIds[1])!;
    expect(own.provenance.keepUntil).toEqual(expect.any(String));
    expect(foreign.provenance.keepUntil).toBeNull();
  });

  it("a person's name under the protected-subject rule, for a caller outside national case staff", async () => {
    const refused = await run(
      { agency: 'NCB-GB', roles: ['FRONTLINE'] },
      `{ wantedList(owner: "NCB-FR") { nodes { id person { nameOf: name { familyName } } } } }`,
    );
    expect(unknownFields(refused)).toEqual(['WantedPerson.person']);
    expect(nothingSent()).toEqual([]);
    expect(sent('national')).not.toContain('nameOf');
    expect(sent('national')).not.toContain('familyName');
  });
});
