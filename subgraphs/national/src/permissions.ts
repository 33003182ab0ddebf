import { hasRole, subgraphPermissions } from '@intel-gateway/shared';

/**
 * The national subgraph's own rules, behind the gateway's: deny by default, so a type added to
 * the schema serves nothing until it is listed here. For now every listed field needs a
 * caller with at least one role; per-role and per-record rules follow the gateway's policy.
 */
export const nationalPermissions = subgraphPermissions({
  Query: { '*': hasRole },
  CaseFile: { '*': hasRole },
  CaseFileConnection: { '*': hasRole },
  NationalPerson: { '*': hasRole },
  RequestForAssistance: { '*': hasRole },
  RequestForAssistanceConnection: { '*': hasRole },
  WantedPerson: { '*': hasRole },
  WantedPersonConnection: { '*': hasRole },
  Notice: { '*': hasRole },
  TravelDocument: { '*': hasRole },
  Vehicle: { '*': hasRole },
});
