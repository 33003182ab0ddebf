import { RoleGroups } from '@intel-gateway/shared/policy';
import { hasRole, subgraphPermissions } from '@intel-gateway/shared/subgraph';

const { operationalStaff, investigators, interpolChannel } = RoleGroups;

/**
 * The interpol subgraph's own rules, behind the gateway's: deny by default, so a type added
 * to the schema serves nothing until it is listed here. Per type, in the same role groups
 * as the gateway's policy (which decides per field, and per record): the INTERPOL channel
 * to NCBs and the General Secretariat, the stolen-property checks to operational staff.
 * Entity types carry rules too, because `_entities` bypasses the Query rules.
 */
export const interpolPermissions = subgraphPermissions({
  Query: { '*': operationalStaff, diffusion: interpolChannel, diffusions: interpolChannel, sltdRecords: investigators },
  Notice: { '*': operationalStaff, redNotice: interpolChannel, participants: interpolChannel },
  NoticeSubject: { '*': operationalStaff },
  RedNoticeDetails: { '*': interpolChannel },
  NoticeConnection: { '*': hasRole },
  Diffusion: { '*': interpolChannel },
  DiffusionConnection: { '*': hasRole },
  TravelDocument: { '*': operationalStaff },
  SltdRecord: { '*': operationalStaff },
  SltdConnection: { '*': hasRole },
  Vehicle: { '*': operationalStaff },
  SmvRecord: { '*': operationalStaff },
  Firearm: { '*': operationalStaff },
  FirearmRecord: { '*': operationalStaff },
  WorkOfArt: { '*': operationalStaff },
  WorkOfArtConnection: { '*': hasRole },
  // The owner's review queue: its record administrators only, and only its own records (the repository reads the caller's agency).
  ReviewQueue: { '*': RoleGroups.recordAdministrators },
  // Person search: the criteria and notice candidates, under the same rule as notices.
  PersonSearch: { '*': operationalStaff },
  NoticeMatch: { '*': operationalStaff },
  NoticeMatchConnection: { '*': hasRole },
});
