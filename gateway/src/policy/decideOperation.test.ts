import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DocumentNode, getNamedType, parse, print, TypeInfo, visit, visitWithTypeInfo } from 'graphql';
import { deny } from 'graphql-shield';
import { ROLES } from '@intel-gateway/shared/identity';
import type { PolicySubject } from '@intel-gateway/shared/policy';
import { repositoryRoot } from '@intel-gateway/shared/registry';
import { COMMON_TYPES } from '@intel-gateway/shared/subgraph';
import { apiSchemaOf } from '../apiSchemaOf';
import { gatewayPolicy } from '../contributed/gatewayPolicy';
import { explainOperation } from '../explain/explainOperation';
import { decideOperation } from './decideOperation';
import { compileFieldPolicy, denialForEveryRecord } from './fieldPolicy';
import { RESERVED_ALIAS_PREFIX } from './operationPlan';

/**
 * Whatever the caller and the operation (lists, non-null parents, unions, fragments,
 * record rules), the gateway adds to an operation only fields the caller's own rules could
 * allow, outside the shared value types every subgraph serves to anyone with a role: a
 * subgraph would refuse any other, and a refused non-null field nulls its parents.
 */
const schema = apiSchemaOf(readFileSync(join(repositoryRoot, 'gateway', 'supergraph.graphql'), 'utf8'));
const policy = compileFieldPolicy(gatewayPolicy(), schema);

const OPERATIONS = [
  `{ wantedList(owner: "NCB-DE") { nodes { id person { id name { familyName } caseFile { id } } } } }`,
  `{ notices { nodes { id nationalRecords { id name { familyName } role } europolEntries { id name { familyName } links { to { ... on PersonEntry { name { familyName } } ... on ObjectEntry { description } } } } } } }`,
  `query Q { contribution(id: "x") { ...C } } fragment C on Contribution { summary project { code } }`,
  `{ personSearch(name: "x") { nationalMatches { nodes { matchedSpelling } } europolMatches { nodes { matchedSpelling } } interpolMatches { nodes { score } } } }`,
  `{ caseFile(id: "x") { persons { id name { familyName } provenance { retainUntil restrictions { deniedAgencies } } } travelDocuments { number sltd { status } } } }`,
  `{ objectEntry(id: "x") { vehicle { vin smv { status } cases { id persons { role } } } } }`,
];
const AGENCIES = [
  { agency: 'NCB-FR', agencyKind: 'NCB', country: 'FR' },
  { agency: 'EUROPOL', agencyKind: 'REGIONAL_AGENCY', country: 'NL' },
  { agency: 'IPSG', agencyKind: 'GENERAL_SECRETARIAT', country: 'XX' },
] as const;
const SUBJECTS: PolicySubject[] = AGENCIES.flatMap((agency) =>
  ROLES.map((role) => ({ ...agency, roles: [role], clearance: 'RESTRICTED' as const })),
);

/** Every `Type.field` the gateway added (under a reserved alias, or inside one), outside the shared value types. */
function addedCoordinates(document: DocumentNode): string[] {
  const typeInfo = new TypeInfo(schema);
  const added: string[] = [];
  let inside = 0;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          if (node.alias?.value.startsWith(RESERVED_ALIAS_PREFIX)) inside++;
          const parent = typeInfo.getParentType();
          if (inside > 0 && parent && node.name.value !== '__typename' && !COMMON_TYPES.includes(getNamedType(parent).name))
            added.push(`${parent.name}.${node.name.value}`);
        },
        leave(node) {
          if (node.alias?.value.startsWith(RESERVED_ALIAS_PREFIX)) inside--;
        },
      },
    }),
  );
  return added;
}

it.each(SUBJECTS.map((subject) => [`${subject.agency} ${subject.roles[0]}`, subject] as const))(
  '%s: every field the gateway adds is one the caller could be allowed',
  async (_name, subject) => {
    let checked = 0;
    for (const source of OPERATIONS) {
      const decision = await decideOperation(policy, subject, parse(source), undefined, 'hash', { identifyRecords: true });
      for (const coordinate of addedCoordinates(decision.document)) {
        const [typeName, fieldName] = coordinate.split('.') as [string, string];
        const rule = policy.ruleFor(typeName, fieldName);
        expect([coordinate, rule ? await denialForEveryRecord(rule, subject) : 'NO_RULE']).toEqual([coordinate, null]);
        checked++;
      }
    }
    // The walk saw added fields for every caller who may read anything here (auditors and the supervisor read none of these records).
    if (!['AUDITOR', 'DATA_PROTECTION_SUPERVISOR'].includes(subject.roles[0]!)) expect(checked).toBeGreaterThan(0);
  },
);

it('a record the caller may not identify is served as its place only, and explain says so', async () => {
  const base = gatewayPolicy();
  const idHidden = { version: 'id-hidden', rules: { ...base.rules, Notice: { ...base.rules.Notice, id: deny } } };
  const subject: PolicySubject = { agency: 'NCB-FR', agencyKind: 'NCB', country: 'FR', roles: ['ANALYST'], clearance: 'RESTRICTED' };
  const explained = await explainOperation(idHidden, schema, subject, `{ notice(id: "x") { summary subject { nationalities } } }`);
  expect(explained.ok && Object.fromEntries(explained.fields.map((f) => [f.path, [f.outcome, f.reason]]))).toEqual({
    '.notice': ['allowed', undefined],
    '.notice.summary': ['denied', 'DENIED'],
    '.notice.subject': ['denied', 'DENIED'],
  });
  const decision = await decideOperation(
    compileFieldPolicy(idHidden, schema),
    subject,
    parse(`{ notice(id: "x") { summary } }`),
    undefined,
    'hash',
    { identifyRecords: true },
  );
  expect(print(decision.document)).not.toMatch(/summary|_policy_record/);
});
