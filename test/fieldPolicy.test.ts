import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { allow, deny } from 'graphql-shield';
import pino from 'pino';
import { createGatewayServer, type GatewayPolicy, gatewayPolicy, type GatewayServer } from '@intel-gateway/gateway';
import { listen } from '@intel-gateway/shared/http';
import type { Role } from '@intel-gateway/shared/identity';
import { repositoryRoot } from '@intel-gateway/shared/registry';
import { childEnvironment, mintAgencyToken, STORY, subgraphTokenKeysOf } from '@intel-gateway/tools';
import {
  callerHeaders,
  postGraphQL,
  silentLogger,
  startSubgraphProxy,
  startTestFederation,
  type TestFederation,
  testIdentityOptions,
} from './harness';

/**
 * How the gateway enforces its field policy beyond the matrix: what reaches the subgraphs,
 * what the startup check refuses, per-record decisions, and what each agency's schema
 * (introspection, SDL, suggestions) reveals.
 */
let federation: TestFederation;
beforeAll(async () => {
  federation = await startTestFederation();
});
afterAll(() => federation.stop());

const PURPOSE = 'CRIMINAL_INVESTIGATION';
const as = (agency: string, ...roles: Role[]) => ({ agency, roles });

/** The fields an answer refuses as unknown (validation errors), or undefined when it is not such a refusal. */
function unknownFields(response: {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: unknown } }[] };
}): string[] | undefined {
  if (response.status !== 400 || response.body.data !== undefined) return undefined;
  if (!response.body.errors?.every((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED')) return undefined;
  return response.body.errors
    .map(
      (e) =>
        e.message
          .match(/^Cannot query field "([^"]+)" on type "([^"]+)"\.$/)
          ?.slice(1)
          .reverse()
          .join('.') ?? e.message,
    )
    .sort();
}

/** A gateway of its own on the test federation's subgraphs. */
async function startGateway(options: {
  policy: GatewayPolicy;
  subgraphUrls?: Record<string, string>;
  logger?: pino.Logger;
}): Promise<{ server: GatewayServer; url: string }> {
  const server = await createGatewayServer({
    supergraphPath: join(repositoryRoot, 'gateway', 'supergraph.graphql'),
    subgraphUrls: options.subgraphUrls ?? Object.fromEntries(Object.values(federation.subgraphs).map((s) => [s.name, s.url])),
    identity: testIdentityOptions(federation.identity),
    subgraphTokens: { keys: subgraphTokenKeysOf(federation.identity), ttlSeconds: 60 },
    policy: options.policy,
    // These gateways test the policy alone; the audit has tests of its own.
    audit: null,
    logger: options.logger ?? silentLogger,
  });
  return { server, url: `${await listen(server.http, '127.0.0.1', 0)}/graphql` };
}

describe('denied fields never reach the wire', () => {
  /** Every request body the gateway sends a subgraph, by subgraph, recorded by a forwarding proxy. */
  const bodies: Record<string, string[]> = {};
  const proxies: { close(): Promise<void> }[] = [];
  let gateway: { server: GatewayServer; url: string };

  beforeAll(async () => {
    const subgraphUrls: Record<string, string> = {};
    for (const subgraph of Object.values(federation.subgraphs)) {
      bodies[subgraph.name] = [];
      const proxy = await startSubgraphProxy(subgraph.url, { onRequest: (body) => bodies[subgraph.name]!.push(body) });
      proxies.push(proxy);
      subgraphUrls[subgraph.name] = proxy.url;
    }
    gateway = await startGateway({ policy: gatewayPolicy(), subgraphUrls });
  });
  afterAll(async () => {
    await gateway.server.stop();
    for (const proxy of proxies) await proxy.close();
  });

  async function run(caller: { agency: string; roles: Role[] }, query: string) {
    for (const list of Object.values(bodies)) list.length = 0;
    const token = await mintAgencyToken({ identity: federation.identity, ...caller });
    return postGraphQL(gateway.url, query, undefined, callerHeaders(token, PURPOSE));
  }
  const sent = (subgraph: string) => bodies[subgraph]!.join('\n');

  it('asked through a root field: the frontline check fetches status, never circumstances or cases', async () => {
    // Circumstances and cases are outside a frontline officer's schema: the operation naming them is refused unasked.
    const refused = await run(
      as('NCB-FR', 'FRONTLINE'),
      `{ travelDocument(issuingCountry: "GB", documentType: PASSPORT, number: "${STORY.stolenGbPassport.number}") { number sltd { status circumstances } cases { id title } } }`,
    );
    expect(unknownFields(refused)).toEqual(['SltdRecord.circumstances', 'TravelDocument.cases']);
    expect(Object.values(bodies).flat()).toEqual([]);
    const { body } = await run(
      as('NCB-FR', 'FRONTLINE'),
      `{ travelDocument(issuingCountry: "GB", documentType: PASSPORT, number: "${STORY.stolenGbPassport.number}") { number sltd { status } } }`,
    );
    expect(body.data.travelDocument.sltd).toEqual({ status: 'STOLEN' });
    expect(body.errors).toBeUndefined();
    expect(sent('interpol')).toContain('status');
    expect(sent('interpol')).not.toContain('circumstances');
    expect(bodies.national).toEqual([]);
  });

  it('reached through an entity reference: an analysis-project analyst gets the vehicle from SMV, and the national case is never asked for', async () => {
    const query = `{ objectEntry(id: "${STORY.stolenVehicle.europolObjectId}") { id vehicle { vin smv { status } cases { id title } } } }`;
    // Case files are outside an analysis-project analyst's schema: refused unasked.
    expect(unknownFields(await run(as('NCB-FR', 'AP_ANALYST'), query))).toEqual(['Vehicle.cases']);
    expect(Object.values(bodies).flat()).toEqual([]);
    const { body } = await run(as('NCB-FR', 'AP_ANALYST'), query.replace(' cases { id title }', ''));
    expect(body.data.objectEntry.vehicle).toEqual({ vin: STORY.stolenVehicle.vin, smv: { status: 'STOLEN' } });
    expect(body.errors).toBeUndefined();
    expect(sent('interpol')).toContain('_entities');
    expect(bodies.national).toEqual([]);

    // The same operation for a caller who may read case files: the proxy sees the national fetch.
    const allowed = await run(as('NCB-FR', 'AP_ANALYST', 'ANALYST'), query);
    expect(allowed.body.errors).toBeUndefined();
    expect(sent('national')).toContain('cases');
    expect(sent('national')).toContain('title');
  });

  it('a notice read by a frontline officer fetches neither the Europol entries nor the national records', async () => {
    const refused = await run(
      as('NCB-FR', 'FRONTLINE'),
      `{ notice(id: "${STORY.redNotice.id}") { id europolEntries { id category } nationalRecords { id role } } }`,
    );
    expect(unknownFields(refused)).toEqual(['Notice.europolEntries', 'Notice.nationalRecords']);
    expect(bodies.interpol).toEqual([]);
    expect(bodies.europol).toEqual([]);
    expect(bodies.national).toEqual([]);
    expect(sent('interpol')).not.toMatch(/europolEntries|nationalRecords/);
  });
});

describe('the startup check', () => {
  it('refuses a policy that names a type or a field the schema lacks, naming each', async () => {
    const policy: GatewayPolicy = {
      version: 'typos',
      rules: { ...gatewayPolicy().rules, Ghost: { '*': allow }, Notice: { ...gatewayPolicy().rules.Notice, redNotices: allow } },
    };
    const refusal = await startGateway({ policy }).then(
      () => new Error('started'),
      (error: Error) => error,
    );
    expect(refusal.message).toContain('type "Ghost" is not an object or interface type of the schema');
    expect(refusal.message).toContain('field "Notice.redNotices" does not exist in the schema');
  });

  it('lists every field without a rule, and denies it', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const { Diffusion: _dropped, ...rules } = gatewayPolicy().rules;
    const gateway = await startGateway({ policy: { version: 'no-diffusion-rules', rules }, logger });
    try {
      const warning = lines
        .map((line) => JSON.parse(line) as { msg: string; fields?: string[] })
        .find((entry) => entry.msg.includes('no policy rule'));
      expect(warning?.fields).toEqual(expect.arrayContaining(['Diffusion.id', 'Diffusion.summary', 'Diffusion.recipientNcbs']));
      expect(warning?.fields).not.toContain('Notice.id');
      const token = await mintAgencyToken({ identity: federation.identity, ...as('NCB-FR', 'ANALYST') });
      // Denied to everyone, so in no caller's schema: a diffusion has no field left, so its type and the list of them go.
      const refused = await postGraphQL(
        gateway.url,
        '{ diffusions(senderNcb: "NCB-FR", first: 1) { nodes { id summary } } }',
        undefined,
        callerHeaders(token, PURPOSE),
      );
      expect(unknownFields(refused)).toEqual(['DiffusionConnection.nodes']);
      const sdl = await (await fetch(gateway.url.replace(/graphql$/, 'schema.graphql'), { headers: callerHeaders(token, PURPOSE) })).text();
      expect(sdl).not.toMatch(/\bDiffusion\b/);
      expect(sdl).toMatch(/\bnotice\(/);
    } finally {
      await gateway.server.stop();
    }
  });
});

describe('record rules, decided on each fetched record', () => {
  const query = `{ notice(id: "${STORY.redNotice.id}") { nationalRecords { id provenance { restrictions { deniedAgencies } reviewDueAt } } } }`;
  /** The red notice's national records: one French, one German. */
  const owners: Record<string, string> = {
    [STORY.redNotice.nationalPersonIds[0]]: 'NCB-FR',
    [STORY.redNotice.nationalPersonIds[1]]: 'NCB-DE',
  };

  it.each([
    ['NCB-FR', 'ANALYST'],
    ['NCB-DE', 'ANALYST'],
    ['NCB-FR', 'OWNER_ADMIN'],
    ['NCB-DE', 'OWNER_ADMIN'],
  ] as const)(
    '%s %s sees the sharing conditions of its own records only, and retention dates only as their administrator',
    async (agency, role) => {
      // Retention dates no record opens to a caller who is not their administrator: outside its schema, refused as unknown.
      const full = await federation.queryAs<any>(as(agency, role), PURPOSE, query);
      if (role !== 'OWNER_ADMIN') expect(unknownFields(full)).toEqual(['Provenance.reviewDueAt']);
      const { body } =
        role === 'OWNER_ADMIN' ? full : await federation.queryAs<any>(as(agency, role), PURPOSE, query.replace(' reviewDueAt', ''));
      const records: { id: string; provenance: { restrictions: unknown; reviewDueAt: unknown } }[] = body.data.notice.nationalRecords;
      expect(records.map((r) => r.id).sort()).toEqual(Object.keys(owners).sort());
      const expectedErrors: string[] = [];
      records.forEach((record, index) => {
        const own = owners[record.id] === agency;
        expect(record.provenance.restrictions === null).toBe(!own);
        // Not asked (no administrator); denied for this record: null.
        if (role !== 'OWNER_ADMIN') expect('reviewDueAt' in record.provenance).toBe(false);
        else expect(record.provenance.reviewDueAt === null).toBe(!own);
        const at = `notice.nationalRecords.${index}.provenance`;
        if (!own) expectedErrors.push(`${at}.restrictions NOT_RECORD_OWNER`);
        if (role === 'OWNER_ADMIN' && !own) expectedErrors.push(`${at}.reviewDueAt NOT_RECORD_OWNER`);
      });
      expect(body.errors?.map((e) => `${e.path?.join('.')} ${e.extensions?.reason}`).sort()).toEqual(expectedErrors.sort());
      expect(JSON.stringify(body)).not.toContain('_policy_');
    },
  );
});

it('a record rule reads the fields it needs even where the caller may not read them', async () => {
  const policy: GatewayPolicy = {
    version: 'owner-hidden',
    rules: { ...gatewayPolicy().rules, Provenance: { ...gatewayPolicy().rules.Provenance, owner: deny } },
  };
  const gateway = await startGateway({ policy });
  try {
    const token = await mintAgencyToken({ identity: federation.identity, ...as('NCB-GB', 'ANALYST') });
    const query = `{ travelDocument(issuingCountry: "GB", documentType: PASSPORT, number: "${STORY.stolenGbPassport.number}") { sltd { provenance { owner restrictions { deniedAgencies } } } } }`;
    // The owner is outside this caller's schema (refused as unknown) ...
    expect(unknownFields(await postGraphQL(gateway.url, query, undefined, callerHeaders(token, PURPOSE)))).toEqual(['Provenance.owner']);
    // ... yet the rule on restrictions reads it, and opens them to the record's owner.
    const { body } = await postGraphQL(gateway.url, query.replace('owner ', ''), undefined, callerHeaders(token, PURPOSE));
    expect(body.data.travelDocument.sltd.provenance).toEqual({ restrictions: { deniedAgencies: [] } });
    expect(body.errors).toBeUndefined();
  } finally {
    await gateway.server.stop();
  }
});

describe('what the gateway refuses in an operation', () => {
  it('aliases in the namespace the gateway reserves for itself', async () => {
    const { body } = await federation.queryAs(
      as('NCB-FR', 'ANALYST'),
      PURPOSE,
      `{ notice(id: "${STORY.redNotice.id}") { _policy_owner: id } }`,
    );
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: '_policy_owner' });
  });

  it('introspection mixed with data', async () => {
    const { body } = await federation.queryAs(
      as('NCB-FR', 'ANALYST'),
      PURPOSE,
      `{ __schema { queryType { name } } notice(id: "${STORY.redNotice.id}") { id } }`,
    );
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a field outside the caller’s schema, and nothing about the variable only it uses', async () => {
    const response = await federation.queryAs<any>(
      as('NCB-FR', 'FRONTLINE'),
      PURPOSE,
      `query Q($case: ID!, $notice: ID!) { caseFile(id: $case) { id } notice(id: $notice) { id } }`,
      { case: STORY.stolenGbPassport.caseFileId, notice: STORY.redNotice.id },
    );
    expect(unknownFields(response)).toEqual(['Query.caseFile']);
  });
});

describe("each agency's own schema", () => {
  const typeFields = async (caller: ReturnType<typeof as>, type: string) => {
    const { body } = await federation.queryAs<any>(caller, PURPOSE, `{ __type(name: "${type}") { fields { name } } }`);
    expect(body.errors).toBeUndefined();
    return body.data.__type?.fields.map((f: { name: string }) => f.name) as string[] | undefined;
  };

  it('introspection shows the regional agency no INTERPOL-channel field that an NCB sees', async () => {
    const ncb = await typeFields(as('NCB-FR', 'ANALYST'), 'Notice');
    const regional = await typeFields(as('EUROPOL', 'ANALYST'), 'Notice');
    expect(ncb).toEqual(expect.arrayContaining(['redNotice', 'participants']));
    expect(regional).toEqual(expect.arrayContaining(['id', 'subject', 'summary']));
    expect(regional).not.toContain('redNotice');
    expect(regional).not.toContain('participants');
    expect(await typeFields(as('NCB-FR', 'ANALYST'), 'RedNoticeDetails')).toContain('charges');
    expect(await typeFields(as('EUROPOL', 'ANALYST'), 'RedNoticeDetails')).toBeUndefined();
  });

  it('a typo of a hidden field gets no suggestion; a typo of a visible one does', async () => {
    const typo = `{ notice(id: "${STORY.redNotice.id}") { redNotic { charges } } }`;
    const regional = await federation.queryAs(as('EUROPOL', 'ANALYST'), PURPOSE, typo);
    expect(regional.body.errors?.[0]?.message).toMatch(/^Cannot query field "redNotic" on type "Notice"\.$/);
    const ncb = await federation.queryAs(as('NCB-FR', 'ANALYST'), PURPOSE, typo);
    expect(ncb.body.errors?.[0]?.message).toContain('Did you mean "redNotice"?');
  });

  it('GET /schema.graphql gives the caller its own SDL, and nothing without a token', async () => {
    const schemaUrl = federation.gatewayUrl.replace(/\/graphql$/, '/schema.graphql');
    const sdlFor = async (caller: ReturnType<typeof as>) => {
      const token = await mintAgencyToken({ identity: federation.identity, ...caller });
      const response = await fetch(schemaUrl, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      return response.text();
    };
    const ncb = await sdlFor(as('NCB-FR', 'ANALYST'));
    const regional = await sdlFor(as('EUROPOL', 'ANALYST'));
    const frontline = await sdlFor(as('NCB-FR', 'FRONTLINE'));
    expect(ncb).toMatch(/\bredNotice: RedNoticeDetails\b/);
    expect(ncb).toMatch(/\bdiffusions\(/);
    expect(regional).toMatch(/\bnotice\(id: ID!\): Notice\b/);
    expect(regional).not.toMatch(/redNotice|RedNoticeDetails|diffusion|Diffusion/);
    expect(frontline).not.toMatch(/caseFile|CaseFile|circumstances|placeOfBirth/);
    expect(frontline).toMatch(/\btravelDocument\(/);

    const anonymous = await fetch(schemaUrl);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toContain('type Query');
  });

  it('a caller who may query no field is told so rather than shown a schema', async () => {
    // Without its rules for the audit, the policy leaves an auditor nothing.
    const { hitsOnOurRecords: _hits, auditTrail: _trail, auditIntegrity: _integrity, ...query } = gatewayPolicy().rules.Query!;
    const gateway = await startGateway({ policy: { version: 'no-audit-rules', rules: { ...gatewayPolicy().rules, Query: query } } });
    try {
      const token = await mintAgencyToken({ identity: federation.identity, ...as('NCB-FR', 'AUDITOR') });
      const { body } = await postGraphQL(gateway.url, '{ __schema { types { name } } }', undefined, callerHeaders(token, PURPOSE));
      expect(body.data ?? null).toBeNull();
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_VISIBLE_FIELDS' });
    } finally {
      await gateway.server.stop();
    }
  });
});

describe('npm run explain', () => {
  const keysDir = mkdtempSync(join(tmpdir(), 'explain-keys-'));
  afterAll(() => rmSync(keysDir, { recursive: true, force: true }));
  const explain = (...args: string[]) =>
    promisify(execFile)(process.execPath, [join(repositoryRoot, 'tools', 'dist', 'explain.js'), ...args], {
      env: childEnvironment({ DEV_KEYS_DIR: keysDir }),
    });

  it('says which fields an agency and role would see, which are denied and why, and which depend on the record', async () => {
    const { stdout } = await explain(
      '--agency',
      'EUROPOL',
      '--role',
      'ANALYST',
      '--json',
      '--query',
      `{ notice(id: "x") { id redNotice { charges } provenance { restrictions { deniedAgencies } } } }`,
    );
    const { fields } = JSON.parse(stdout) as { fields: { path: string; outcome: string; reason?: string }[] };
    const byPath = Object.fromEntries(fields.map((f) => [f.path, f.reason ? `${f.outcome} ${f.reason}` : f.outcome]));
    expect(byPath).toMatchObject({
      '.notice.id': 'allowed',
      '.notice.redNotice': 'denied AGENCY_NOT_PERMITTED',
      '.notice.provenance.restrictions': 'decided per record',
    });
  });

  it('says, in its report, that the gateway answers a denied field as unknown', async () => {
    const { stdout } = await explain(
      '--agency',
      'NCB-FR',
      '--role',
      'FRONTLINE',
      '--query',
      `{ notice(id: "x") { id summary provenance { restrictions { deniedAgencies } } } }`,
    );
    expect(stdout).toMatch(/summary\s+Notice\.summary\s+denied \(ROLE_NOT_PERMITTED\)/);
    expect(stdout).toContain('exactly as if the field did not exist');
  });

  it('reports an operation that does not fit the schema', async () => {
    await expect(explain('--agency', 'NCB-FR', '--role', 'FRONTLINE', '--query', '{ notice(id: "x") { nope } }')).rejects.toMatchObject({
      code: 2,
      stdout: expect.stringContaining('Cannot query field "nope"'),
    });
  });
});
