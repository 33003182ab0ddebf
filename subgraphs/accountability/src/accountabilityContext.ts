import type { SealedReleaseDecision, SealedReleaseGrant, SealedReleaseRequest } from '@intel-gateway/shared/audit';
import type { CallerContext } from '@intel-gateway/shared/identity';
import type { IntegrityCheck } from './createIntegrityCheck';
import type { AccountabilityRepositories } from './repositories';

/** What each accountability resolver gets: built per request by `createAccountabilityServer`. */
export interface AccountabilityContext {
  /** Who is asking, as the gateway vouched for it. */
  caller: CallerContext;
  repositories: AccountabilityRepositories;
  /** The audit integrity check, shared by every request (see createIntegrityCheck). */
  integrity: IntegrityCheck;
  /** The release requests, decisions and grants this operation wrote, reported to the gateway with the answer (see SubgraphContext). */
  releaseRequestsWritten: SealedReleaseRequest[];
  releaseDecisionsWritten: SealedReleaseDecision[];
  releaseGrantsWritten: SealedReleaseGrant[];
}
