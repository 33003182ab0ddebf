import { RoleGroups } from '@intel-gateway/shared/policy';
import { hasRole, subgraphPermissions } from '@intel-gateway/shared/subgraph';

const { operationalStaff, interpolChannel, nationalCaseStaff } = RoleGroups;

/**
 * The national subgraph's own rules, behind the gateway's: deny by default, so a type added
 * to the schema serves nothing until it is listed here. Case files and the persons in them
 * go to NCB and regional-agency investigators, bilateral requests to the INTERPOL channel,
 * the public wanted list to operational staff; entity types carry the same rules, because
 * `_entities` bypasses the Query rules.
 */
export const nationalPermissions = subgraphPermissions({
  Query: { '*': nationalCaseStaff, requestsForAssistance: interpolChannel, wantedList: operationalStaff, biometricCheck: operationalStaff },
  BiometricCheck: { '*': operationalStaff },
  CaseFile: { '*': nationalCaseStaff },
  CaseFileConnection: { '*': hasRole },
  NationalPerson: { '*': nationalCaseStaff },
  RequestForAssistance: { '*': interpolChannel },
  RequestForAssistanceConnection: { '*': hasRole },
  WantedPerson: { '*': operationalStaff },
  WantedPersonConnection: { '*': hasRole },
  Notice: { '*': nationalCaseStaff },
  TravelDocument: { '*': nationalCaseStaff },
  Vehicle: { '*': nationalCaseStaff },
  // The owner's review queue: its record administrators only, and only its own records (the repository reads the caller's agency).
  ReviewQueue: { '*': RoleGroups.recordAdministrators },
  // Person search: case-person candidates, under the same rule as case persons.
  PersonSearch: { '*': nationalCaseStaff },
  NationalPersonMatch: { '*': nationalCaseStaff },
  NationalPersonMatchConnection: { '*': hasRole },
});
