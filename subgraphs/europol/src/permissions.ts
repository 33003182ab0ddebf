import { RoleGroups } from '@intel-gateway/shared/policy';
import { hasRole, subgraphPermissions } from '@intel-gateway/shared/subgraph';

const { analysisProjectStaff } = RoleGroups;

/**
 * The europol subgraph's own rules, behind the gateway's: deny by default, so a type added
 * to the schema serves nothing until it is listed here. Everything it holds is
 * analysis-project data, read by project analysts and its own administrators only, also
 * when reached as an entity (`_entities` bypasses the Query rules).
 */
export const europolPermissions = subgraphPermissions({
  Query: { '*': analysisProjectStaff },
  AnalysisProject: { '*': analysisProjectStaff },
  AnalysisProjectConnection: { '*': hasRole },
  Contribution: { '*': analysisProjectStaff },
  ContributionConnection: { '*': hasRole },
  PersonEntry: { '*': analysisProjectStaff },
  PersonEntryConnection: { '*': hasRole },
  ObjectEntry: { '*': analysisProjectStaff },
  EntityLink: { '*': analysisProjectStaff },
  Notice: { '*': analysisProjectStaff },
  Vehicle: { '*': analysisProjectStaff },
  TravelDocument: { '*': analysisProjectStaff },
  // The owner's review queue: its record administrators only, and only its own records (the repository reads the caller's agency).
  ReviewQueue: { '*': RoleGroups.recordAdministrators },
  // Person search: candidates from the caller's projects, under the same rule as person entries.
  PersonSearch: { '*': analysisProjectStaff },
  PersonEntryMatch: { '*': analysisProjectStaff },
  PersonEntryMatchConnection: { '*': hasRole },
});
