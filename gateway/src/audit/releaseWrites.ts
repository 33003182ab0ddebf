import {
  reportedReleaseGrants,
  reportedReleaseRequests,
  type SealedReleaseGrant,
  type SealedReleaseRequest,
} from '@intel-gateway/shared/audit';
import type { RequestScoped } from '@intel-gateway/shared/http';
import type { CallerContext } from '@intel-gateway/shared/identity';
import { OPERATOR_SUBGRAPH } from '@intel-gateway/shared/registry';

/** What one operation wrote of the release flow, for its audit record to seal. */
export interface ReleaseWrites {
  releaseRequests: SealedReleaseRequest[];
  releaseGrants: SealedReleaseGrant[];
}

const writesByRequest = new WeakMap<object, ReleaseWrites>();

/**
 * Notes the release requests and grants one subgraph answer reports written, for the
 * operation's audit record to seal (see `SealedReleaseRequest`, `SealedReleaseGrant`).
 * Only the gateway operator's own subgraph writes them: a report from any other subgraph is
 * ignored, or a contributed subgraph could seal terms of its own making, which an insider
 * would then only have to insert. Each must also be the caller's own: a request made by
 * the caller (its agency and user) under the purpose the operation declared, a grant of a
 * record the caller's agency owns; any other is not sealed. Of a report that cannot be
 * read, nothing of its kind is sealed; what is not sealed is logged as an error. A grant
 * not sealed is refused by the gateway and reported by verification; a request not sealed
 * cannot be decided.
 */
export function noteReleaseWrites(
  context: RequestScoped & Pick<CallerContext, 'principal' | 'purpose'>,
  subgraph: string,
  extensions: Readonly<Record<string, unknown>> | undefined,
): void {
  if (subgraph !== OPERATOR_SUBGRAPH) return;
  const requests = reportedReleaseRequests(extensions);
  const grants = reportedReleaseGrants(extensions);
  const { agency } = context.principal;
  const ownRequests = (requests ?? []).filter(
    (request) =>
      request.requesterAgency === agency && request.requesterUser === context.principal.user && request.purpose === context.purpose,
  );
  const ownGrants = (grants ?? []).filter((grant) => grant.owner === agency);
  if (requests === null || grants === null || ownRequests.length < requests.length || ownGrants.length < grants.length)
    context.requestScope?.logger.error(
      { subgraph, agency },
      'release requests or grants this operation wrote could not be read from the answer, or are not the caller’s own: they are not sealed',
    );
  if (ownRequests.length === 0 && ownGrants.length === 0) return;
  const written = writesByRequest.get(context) ?? { releaseRequests: [], releaseGrants: [] };
  written.releaseRequests.push(...ownRequests);
  written.releaseGrants.push(...ownGrants);
  writesByRequest.set(context, written);
}

/** What the operation whose GraphQL context is `context` wrote of the release flow, as noted so far. */
export function releaseWritesOf(context: object): Readonly<ReleaseWrites> {
  return writesByRequest.get(context) ?? { releaseRequests: [], releaseGrants: [] };
}
