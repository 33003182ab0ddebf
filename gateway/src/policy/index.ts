import { and } from 'graphql-shield';
import { subgraphRegistry } from '@intel-gateway/shared/registry';
import { includeContributedPolicies, type PolicyDefinition } from './includeContributedPolicies';
import {
  analysisProjectStaff,
  auditors,
  interpolChannel,
  investigators,
  nationalCaseStaff,
  operationalStaff,
  protectedCaseMatch,
  protectedCaseSubject,
  protectedProjectMatch,
  protectedProjectSubject,
  recordAdministrators,
  recordOwnerAgencyOnly,
  structural,
} from './rules';

/**
 * The project's field policy, keyed by `Type.field` of the supergraph's API schema, in
 * graphql-shield's shape: a type maps fields (or `'*'`, every field without its own entry)
 * to a rule. Whatever is not listed is denied, and the gateway names it at startup; a type
 * or field listed here that the schema lacks stops startup.
 *
 * Bump `version` whenever the rules change meaning: cached decisions are keyed by it.
 */
export const PROJECT_POLICY: PolicyDefinition = {
  version: '2026-12-01.1',
  rules: {
    Query: {
      analysisProject: analysisProjectStaff,
      analysisProjects: analysisProjectStaff,
      personEntry: analysisProjectStaff,
      objectEntry: analysisProjectStaff,
      contribution: analysisProjectStaff,
      notice: operationalStaff,
      notices: operationalStaff,
      diffusion: interpolChannel,
      diffusions: interpolChannel,
      travelDocument: operationalStaff,
      sltdRecords: investigators,
      vehicle: operationalStaff,
      firearm: operationalStaff,
      stolenWorksOfArt: operationalStaff,
      caseFile: nationalCaseStaff,
      caseFiles: nationalCaseStaff,
      person: nationalCaseStaff,
      requestsForAssistance: interpolChannel,
      wantedList: operationalStaff,
      biometricCheck: operationalStaff,
      hitsOnOurRecords: investigators,
      auditTrail: auditors,
      auditIntegrity: auditors,
      releaseRequestsToUs: recordAdministrators,
      ourReleaseRequests: investigators,
      reviewQueue: recordAdministrators,
      personSearch: operationalStaff,
    },
    Mutation: {
      requestRelease: investigators,
      decideRelease: recordAdministrators,
    },

    // INTERPOL: notices, diffusions and the stolen-property databases.
    Notice: {
      '*': operationalStaff,
      participants: interpolChannel,
      requestedAt: investigators,
      summary: investigators,
      redNotice: interpolChannel,
      europolEntries: analysisProjectStaff,
      nationalRecords: nationalCaseStaff,
    },
    NoticeSubject: { '*': operationalStaff, placeOfBirth: investigators },
    RedNoticeDetails: { '*': interpolChannel },
    Diffusion: { '*': interpolChannel },
    TravelDocument: { '*': operationalStaff, cases: nationalCaseStaff },
    SltdRecord: { '*': operationalStaff, circumstances: investigators },
    Vehicle: { '*': operationalStaff, cases: nationalCaseStaff },
    SmvRecord: { '*': operationalStaff },
    Firearm: { '*': operationalStaff },
    FirearmRecord: { '*': operationalStaff },
    WorkOfArt: { '*': operationalStaff },
    WantedPerson: { '*': operationalStaff },
    BiometricCheck: { '*': structural },

    // Europol-style analysis projects.
    AnalysisProject: { '*': analysisProjectStaff },
    Contribution: { '*': analysisProjectStaff },
    PersonEntry: {
      '*': analysisProjectStaff,
      name: and(analysisProjectStaff, protectedProjectSubject),
      dateOfBirth: and(analysisProjectStaff, protectedProjectSubject),
      nationalities: and(analysisProjectStaff, protectedProjectSubject),
    },
    ObjectEntry: { '*': analysisProjectStaff },
    EntityLink: { '*': analysisProjectStaff },

    // National bureaus: case files and bilateral requests.
    CaseFile: { '*': nationalCaseStaff },
    NationalPerson: {
      '*': nationalCaseStaff,
      name: and(nationalCaseStaff, protectedCaseSubject),
      dateOfBirth: and(nationalCaseStaff, protectedCaseSubject),
      nationalities: and(nationalCaseStaff, protectedCaseSubject),
    },
    RequestForAssistance: { '*': interpolChannel },

    // Provenance travels with every record: handling and TLP to everyone who sees the record,
    // source grading to investigators, retention and sharing conditions to the owner only.
    Provenance: {
      '*': operationalStaff,
      purposes: investigators,
      evaluation: investigators,
      reviewDueAt: and(recordAdministrators, recordOwnerAgencyOnly),
      retainUntil: and(recordAdministrators, recordOwnerAgencyOnly),
      restrictions: recordOwnerAgencyOnly,
    },
    Evaluation: { '*': investigators },
    Handling: { '*': structural },
    Restrictions: { '*': structural },
    PersonName: { '*': structural },
    PageInfo: { '*': structural },
    AnalysisProjectConnection: { '*': structural },
    ContributionConnection: { '*': structural },
    PersonEntryConnection: { '*': structural },
    NoticeConnection: { '*': structural },
    DiffusionConnection: { '*': structural },
    SltdConnection: { '*': structural },
    WorkOfArtConnection: { '*': structural },
    WantedPersonConnection: { '*': structural },
    CaseFileConnection: { '*': structural },
    RequestForAssistanceConnection: { '*': structural },

    // Person search: each owner's candidates under the rule for that owner's person records.
    // The matched spelling is a name, so it is protected like the record's own name field.
    PersonSearch: { '*': operationalStaff, europolMatches: analysisProjectStaff, nationalMatches: nationalCaseStaff },
    NoticeMatch: { '*': operationalStaff },
    PersonEntryMatch: { '*': analysisProjectStaff, matchedSpelling: and(analysisProjectStaff, protectedProjectMatch) },
    NationalPersonMatch: { '*': nationalCaseStaff, matchedSpelling: and(nationalCaseStaff, protectedCaseMatch) },
    NoticeMatchConnection: { '*': structural },
    PersonEntryMatchConnection: { '*': structural },
    NationalPersonMatchConnection: { '*': structural },

    // The gateway operator's accountability subgraph: ids, agencies and field paths, no content.
    Hit: { '*': structural },
    HitConnection: { '*': structural },
    AuditEntry: { '*': structural },
    AuditEntryConnection: { '*': structural },
    DisclosedRecord: { '*': structural },
    AuditDenial: { '*': structural },
    AuditIntegrity: { '*': structural },
    AuditChainStatus: { '*': structural },
    AuditProblem: { '*': structural },
    ReleaseRequest: { '*': structural },
    ReviewQueue: { '*': recordAdministrators },
    ReviewItem: { '*': structural },
    ReleaseRequestConnection: { '*': structural },
  },
};

let loadedPolicy: PolicyDefinition | undefined;

/**
 * The policy the gateway enforces: the project's rules above, plus the policy file of each
 * contributed subgraph in the registry (`gateway/policies/<name>.json`, written by
 * `npm run subgraph:new`), which may only add rules for that subgraph's own fields. Read
 * on first use, not on import, so a tool that reports a broken contribution (subgraph:check)
 * can still load; it throws ContributedPolicyError naming every problem.
 */
export function gatewayPolicy(): PolicyDefinition {
  loadedPolicy ??= includeContributedPolicies(PROJECT_POLICY, subgraphRegistry);
  return loadedPolicy;
}
