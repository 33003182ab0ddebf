import { hasRole, subgraphPermissions } from '@intel-gateway/shared';

/**
 * The europol subgraph's own rules, behind the gateway's: deny by default, so a type added to
 * the schema serves nothing until it is listed here. For now every listed field needs a
 * caller with at least one role; per-role and per-record rules follow the gateway's policy.
 */
export const europolPermissions = subgraphPermissions({
  Query: { '*': hasRole },
  AnalysisProject: { '*': hasRole },
  AnalysisProjectConnection: { '*': hasRole },
  Contribution: { '*': hasRole },
  ContributionConnection: { '*': hasRole },
  PersonEntry: { '*': hasRole },
  PersonEntryConnection: { '*': hasRole },
  ObjectEntry: { '*': hasRole },
  EntityLink: { '*': hasRole },
  Notice: { '*': hasRole },
  Vehicle: { '*': hasRole },
  TravelDocument: { '*': hasRole },
});
