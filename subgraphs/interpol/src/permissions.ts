import { hasRole, subgraphPermissions } from '@intel-gateway/shared';

/**
 * The interpol subgraph's own rules, behind the gateway's: deny by default, so a type added to
 * the schema serves nothing until it is listed here. For now every listed field needs a
 * caller with at least one role; per-role and per-record rules follow the gateway's policy.
 */
export const interpolPermissions = subgraphPermissions({
  Query: { '*': hasRole },
  Notice: { '*': hasRole },
  NoticeSubject: { '*': hasRole },
  RedNoticeDetails: { '*': hasRole },
  NoticeConnection: { '*': hasRole },
  Diffusion: { '*': hasRole },
  DiffusionConnection: { '*': hasRole },
  TravelDocument: { '*': hasRole },
  SltdRecord: { '*': hasRole },
  SltdConnection: { '*': hasRole },
  Vehicle: { '*': hasRole },
  SmvRecord: { '*': hasRole },
  Firearm: { '*': hasRole },
  FirearmRecord: { '*': hasRole },
  WorkOfArt: { '*': hasRole },
  WorkOfArtConnection: { '*': hasRole },
});
