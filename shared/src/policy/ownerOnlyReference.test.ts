import type { CallerContext } from '../identity/gatewayToken';
import { ownerOnlyReference } from './ownerOnlyReference';

const callerOf = (agency: string): CallerContext => ({
  principal: {
    user: 'u',
    agency,
    agencyKind: 'NCB',
    agencyGroups: ['EU'],
    country: 'XX',
    roles: ['ANALYST'],
    clearance: 'RESTRICTED',
    purposes: ['CRIMINAL_INVESTIGATION'],
    projects: [],
  },
  purpose: 'CRIMINAL_INVESTIGATION',
});
const person = { provenance: { owner: 'NCB-DE' } };

it("serves a reference to the record's own agency only, and null to any other exactly as when there is none", () => {
  expect(ownerOnlyReference(person, 'A-1001/3-2026', callerOf('NCB-DE'))).toBe('A-1001/3-2026');
  expect(ownerOnlyReference(person, undefined, callerOf('NCB-DE'))).toBeNull();
  expect(ownerOnlyReference(person, 'A-1001/3-2026', callerOf('NCB-FR'))).toBeNull();
  expect(ownerOnlyReference(person, 'A-1001/3-2026', callerOf('IPSG'))).toBeNull();
  expect(ownerOnlyReference(person, null, callerOf('NCB-FR'))).toBeNull();
});
