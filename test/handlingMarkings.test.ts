import type { Role } from '@intel-gateway/shared/identity';
import { mintAgencyToken } from '@intel-gateway/tools';
import { callerHeaders, startTestFederation, type TestFederation } from './harness';

/**
 * Every handling marking a record carries is read, and the strictest decides: a
 * contribution's own handling code as much as its provenance's handling and TLP, for
 * `extensions.handling` and for the STIX export.
 */
let federation: TestFederation;
/** Seeded contributions (provenance handling H0) by their own handling code. */
const byCode = new Map<string, string>();
const europol = { agency: 'EUROPOL', roles: ['AP_ANALYST'] as Role[] };

beforeAll(async () => {
  federation = await startTestFederation();
  const { body } = await federation.queryAs<any>(
    europol,
    'CRIMINAL_INVESTIGATION',
    `{ analysisProjects { nodes { contributions(first: 50) { nodes { id handlingCode provenance { handling { code } } } } } } }`,
  );
  for (const project of body.data.analysisProjects.nodes) {
    for (const c of project.contributions.nodes)
      if (c.provenance.handling.code === 'H0' && !byCode.has(c.handlingCode)) byCode.set(c.handlingCode, c.id);
  }
  expect([...byCode.keys()].sort()).toEqual(['H0', 'H1', 'H2', 'H3']);
});
afterAll(() => federation.stop());

const query = (code: string) => `{ contribution(id: "${byCode.get(code)}") { handlingCode } }`;

async function exportAs(caller: { agency: string; roles: Role[] }, body: Record<string, unknown>) {
  const token = await mintAgencyToken({ identity: federation.identity, ...caller });
  const response = await fetch(federation.gatewayUrl.replace(/\/graphql$/, '/export/stix'), {
    method: 'POST',
    headers: { ...callerHeaders(token, 'CRIMINAL_INVESTIGATION'), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('extensions.handling reads every marking', () => {
  it('an H2 contribution under an H0 provenance is H2, whatever fields were asked', async () => {
    const { body } = await federation.queryAs<any>(
      europol,
      'CRIMINAL_INVESTIGATION',
      `{ contribution(id: "${byCode.get('H2')}") { summary } }`,
    );
    expect(body.data.contribution.summary).toEqual(expect.any(String));
    expect((body.extensions as any).handling).toEqual([
      expect.objectContaining({ type: 'Contribution', id: byCode.get('H2'), code: 'H2', codes: ['H2', 'H0'], evidentialUse: true }),
    ]);
    expect(JSON.stringify(body)).not.toContain('_policy_');
  });

  it('an H1 contribution is flagged as not for evidential use', async () => {
    const { body } = await federation.queryAs<any>(europol, 'CRIMINAL_INVESTIGATION', query('H1'));
    expect((body.extensions as any).handling).toEqual([expect.objectContaining({ code: 'H1', codes: ['H1', 'H0'], evidentialUse: false })]);
  });
});

describe('the STIX export reads every marking', () => {
  it('an H2 contribution is not exported to another agency', async () => {
    const refused = await exportAs(europol, { query: query('H2'), recipient: 'NCB-DE' });
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].extensions).toMatchObject({
      code: 'EXPORT_REFUSED',
      recipient: 'NCB-DE',
      records: [expect.objectContaining({ type: 'Contribution', id: byCode.get('H2'), code: 'H2' })],
    });
    expect(JSON.stringify(refused.body)).not.toContain('x-intel-record');
    expect(JSON.stringify(refused.body)).not.toContain('H0: no restriction');
  });

  it('exported for the caller itself, the bundle states every handling code it carries', async () => {
    const own = await exportAs(europol, { query: query('H2') });
    expect(own.status).toBe(200);
    const objects = own.body.objects as Record<string, any>[];
    const record = objects.find((o) => o.type === 'x-intel-record')!;
    const statements = objects
      .filter((o) => record.object_marking_refs.includes(o.id) && o.definition_type === 'statement')
      .map((o) => o.definition.statement as string);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toContain('H2: not to be disseminated further');
  });

  it('an H0 contribution still goes to another agency', async () => {
    const sent = await exportAs(europol, { query: query('H0'), recipient: 'NCB-DE' });
    expect(sent.status).toBe(200);
    expect(sent.body.objects.some((o: { type: string }) => o.type === 'x-intel-record')).toBe(true);
  });
});
