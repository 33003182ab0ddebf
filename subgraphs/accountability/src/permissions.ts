import { RoleGroups } from '@intel-gateway/shared/policy';
import { hasRole, subgraphPermissions } from '@intel-gateway/shared/subgraph';

const { investigators, auditors, recordAdministrators, operationalStaff } = RoleGroups;

/**
 * The accountability subgraph's own rules, behind the gateway's: deny by default. Hits go to
 * the owning agency's investigators and administrators (the repositories keep them to the
 * caller's own agency); the audit trail and its integrity check to auditors only.
 */
export const accountabilityPermissions = subgraphPermissions({
  Query: {
    hitsOnOurRecords: investigators,
    auditTrail: auditors,
    auditIntegrity: auditors,
    releaseRequestsToUs: recordAdministrators,
    ourReleaseRequests: investigators,
    reviewQueue: recordAdministrators,
    // The search's entry point only echoes checked criteria; each owner's subgraph rules its own candidates.
    personSearch: operationalStaff,
  },
  PersonSearch: { '*': operationalStaff },
  ReviewQueue: { '*': recordAdministrators },
  Mutation: { requestRelease: investigators, decideRelease: recordAdministrators },
  ReleaseRequest: { '*': hasRole },
  ReleaseRequestConnection: { '*': hasRole },
  Hit: { '*': hasRole },
  HitConnection: { '*': hasRole },
  AuditEntry: { '*': hasRole },
  DisclosedRecord: { '*': hasRole },
  AuditDenial: { '*': hasRole },
  AuditEntryConnection: { '*': hasRole },
  AuditIntegrity: { '*': hasRole },
  AuditChainStatus: { '*': hasRole },
  AuditProblem: { '*': hasRole },
});
