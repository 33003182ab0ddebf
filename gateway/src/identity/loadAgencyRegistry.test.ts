import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAgencyRegistry } from './loadAgencyRegistry';

/** An agency entry as the operator writes it in the registry file. */
const agency = (overrides: Record<string, unknown> = {}) => ({
  code: 'NCB-FR',
  kind: 'NCB',
  country: 'FR',
  issuer: 'https://idp.ncb-fr.example',
  contactPoint: 'BCN Paris',
  jwks: { keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' }] },
  roles: ['ANALYST', 'AUDITOR'],
  maxClearance: 'RESTRICTED',
  ...overrides,
});

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'registry-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function load(agencies: unknown[]) {
  const path = join(dir, `registry-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify({ agencies }));
  return () => loadAgencyRegistry(path);
}

it("reads each agency's caps: the roles it may grant, its maximum clearance, and a one-hour token lifetime unless it says otherwise", () => {
  const [entry] = load([
    agency(),
    agency({ code: 'NCB-DE', country: 'DE', issuer: 'https://idp.ncb-de.example', maxTokenLifetimeSeconds: 600 }),
  ])().agencies;
  expect(entry).toMatchObject({ roles: ['ANALYST', 'AUDITOR'], maxClearance: 'RESTRICTED', maxTokenLifetimeSeconds: 3600 });
});

it('stops at start when an agency has no roles or no maximum clearance, naming the field', () => {
  const { roles: _roles, ...withoutRoles } = agency();
  const { maxClearance: _clearance, ...withoutClearance } = agency();
  expect(load([withoutRoles])).toThrow(/agencies\.0\.roles/);
  expect(load([withoutClearance])).toThrow(/agencies\.0\.maxClearance/);
  expect(load([agency({ maxTokenLifetimeSeconds: 10 * 365 * 86_400 })])).toThrow(/maxTokenLifetimeSeconds/);
});

it("stops at start when an agency other than the operator's own grants data-protection supervision", () => {
  expect(load([agency({ roles: ['AUDITOR', 'DATA_PROTECTION_SUPERVISOR'] })])).toThrow(/NCB-FR.*DATA_PROTECTION_SUPERVISOR.*OPERATOR/);
  expect(
    load([agency({ code: 'OPERATOR', kind: 'OPERATOR', country: 'XX', roles: ['DATA_PROTECTION_SUPERVISOR'] })])().agencies[0]!.roles,
  ).toEqual(['DATA_PROTECTION_SUPERVISOR']);
});

it('stops at start when an agency, or an issuer, is registered twice', () => {
  expect(load([agency(), agency({ issuer: 'https://other-idp.example' })])).toThrow(/agency "NCB-FR" is registered twice/);
  expect(load([agency(), agency({ code: 'NCB-DE', country: 'DE' })])).toThrow(/issuer "https:\/\/idp.ncb-fr.example" is registered twice/);
});
