import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PolicySubject } from '@intel-gateway/shared/policy';
import { type SubgraphEntry, subgraphEntryOf, subgraphRegistry } from '@intel-gateway/shared/registry';
import { evaluateRule } from '../policy/fieldPolicy';
import { PROJECT_POLICY } from '../policy/index';
import { ContributedPolicyError, includeContributedPolicies } from './includeContributedPolicies';

/**
 * A contributed subgraph that adds a field to another owner's record type (a customs
 * agency's field on a national bureau's case person): the field must be a record of the
 * contributor's own, carrying its provenance, and is decided by the contributor's rule and
 * the far record's protected-subject rules together.
 */
const SCHEMA = (extra: string) => `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])
type Query {
  customsRecord(id: ID!): CustomsRecord
}
type CustomsRecord @key(fields: "id") {
  id: ID!
  reference: String!
  provenance: Provenance!
}
type NationalPerson @key(fields: "id") {
  id: ID!
  customsFile: CustomsRecord
${extra}}
`;
const POLICY = (extra: Record<string, string>) => ({
  version: '1',
  rules: {
    Query: { customsRecord: 'investigators' },
    CustomsRecord: { '*': 'investigators' },
    NationalPerson: { customsFile: 'investigators', ...extra },
  },
});

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'contributed-policy-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function withCustoms(schema: string, policy: unknown): SubgraphEntry[] {
  const schemaPath = join(work, 'schema.graphql');
  const policyPath = join(work, 'customs.json');
  writeFileSync(schemaPath, schema);
  writeFileSync(policyPath, JSON.stringify(policy));
  const customs = subgraphEntryOf({ name: 'customs', defaultPort: 4999, kind: 'agency', owners: ['CUSTOMS-NL'], description: 'customs' });
  return [...subgraphRegistry, { ...customs, schemaPath, gatewayPolicyPath: policyPath }];
}

const analyst = (agency: string, roles: PolicySubject['roles']): PolicySubject => ({
  agency,
  agencyKind: 'NCB',
  country: agency.slice(4),
  roles,
  clearance: 'RESTRICTED',
});

it("refuses a bare fact on another owner's record type: it would be shown under that owner's provenance", () => {
  const subgraphs = withCustoms(SCHEMA('  customsFlag: Boolean\n'), POLICY({ customsFlag: 'investigators' }));
  expect(() => includeContributedPolicies(PROJECT_POLICY, subgraphs)).toThrow(ContributedPolicyError);
  expect(() => includeContributedPolicies(PROJECT_POLICY, subgraphs)).toThrow(
    /NationalPerson\.customsFlag \(Boolean\) would show customs's data under the provenance of another owner's NationalPerson record; make it a link to a record type of customs's own that carries its provenance/,
  );
});

it("decides a link on another owner's record by the contributor's rule and that record's protected-subject rules together", async () => {
  const policy = includeContributedPolicies(PROJECT_POLICY, withCustoms(SCHEMA(''), POLICY({})));
  const rule = policy.rules.NationalPerson!.customsFile!;
  const informant = { role: 'INFORMANT', provenance: { owner: 'NCB-DE' } };
  const witness = { role: 'WITNESS', provenance: { owner: 'NCB-DE' } };
  const suspect = { role: 'SUSPECT', provenance: { owner: 'NCB-DE' } };
  // The far record's rule: an informant's links only to the owner's source handlers, a witness's to the owner.
  expect(await evaluateRule(rule, analyst('NCB-FR', ['ANALYST']), informant)).toBe('INFORMANT_PROTECTED');
  expect(await evaluateRule(rule, analyst('NCB-FR', ['ANALYST']), witness)).toBe('PROTECTED_SUBJECT');
  expect(await evaluateRule(rule, analyst('NCB-DE', ['ANALYST']), witness)).toBeNull();
  expect(await evaluateRule(rule, analyst('NCB-FR', ['ANALYST']), suspect)).toBeNull();
  // The contributor's rule: investigators only.
  expect(await evaluateRule(rule, analyst('NCB-FR', ['FRONTLINE']), suspect)).toBe('ROLE_NOT_PERMITTED');
  // Its own type's fields are the contributor's alone.
  expect(await evaluateRule(policy.rules.CustomsRecord!['*']!, analyst('NCB-FR', ['ANALYST']))).toBeNull();
});
