import {
  reportedReleaseDecisions,
  reportedReleaseGrants,
  reportedReleaseRequests,
  type SealedReleaseDecision,
  type SealedReleaseGrant,
  type SealedReleaseRequest,
} from '@intel-gateway/shared/audit';
import type { RequestScoped } from '@intel-gateway/shared/http';
import type { CallerContext } from '@intel-gateway/shared/identity';
import { OPERATOR_SUBGRAPH } from '@intel-gateway/shared/registry';

/** What one operation wrote of the release flow, for its audit record to seal. */
export interface ReleaseWrites {
  releaseRequests: SealedReleaseRequest[];
  releaseDecisions: SealedReleaseDecision[];
  releaseGrants: SealedReleaseGrant[];
}

const nothingWritten = (): ReleaseWrites => ({ releaseRequests: [], releaseDecisions: [], releaseGrants: [] });

const writesByRequest = new WeakMap<object, ReleaseWrites>();

/**
 * Notes the release requests, decisions and grants one subgraph answer reports written, for
 * the operation's audit record to seal (see `SealedReleaseRequest`, `SealedReleaseDecision`,
 * `SealedReleaseGrant`).
 * Only the gateway operator's own subgraph writes them: a report from any other subgraph is
 * ignored, or a contributed subgraph could seal terms of its own making, which an insider
 * would then only have to insert. Each must also be the caller's own: a request made by
 * the caller (its agency and user) under the purpose the operation declared, a decision or
 * grant on a record the caller's agency owns; any other is not sealed. Of a report that cannot be
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
  const decisions = reportedReleaseDecisions(extensions);
  const grants = reportedReleaseGrants(extensions);
  const { agency, user } = context.principal;
  const own: ReleaseWrites = {
    releaseRequests: (requests ?? []).filter(
      (request) => request.requesterAgency === agency && request.requesterUser === user && request.purpose === context.purpose,
    ),
    releaseDecisions: (decisions ?? []).filter((decision) => decision.owner === agency),
    releaseGrants: (grants ?? []).filter((grant) => grant.owner === agency),
  };
  const reported = [requests, decisions, grants];
  const sealed = [own.releaseRequests, own.releaseDecisions, own.releaseGrants];
  if (reported.some((entries, kind) => entries === null || entries.length > sealed[kind]!.length))
    context.requestScope?.logger.error(
      { subgraph, agency },
      'release requests, decisions or grants this operation wrote could not be read from the answer, or are not the caller’s own: they are not sealed',
    );
  if (sealed.every((entries) => entries.length === 0)) return;
  const written = writesByRequest.get(context) ?? nothingWritten();
  written.releaseRequests.push(...own.releaseRequests);
  written.releaseDecisions.push(...own.releaseDecisions);
  written.releaseGrants.push(...own.releaseGrants);
  writesByRequest.set(context, written);
}

/** What the operation whose GraphQL context is `context` wrote of the release flow, as noted so far. */
export function releaseWritesOf(context: object): Readonly<ReleaseWrites> {
  return writesByRequest.get(context) ?? nothingWritten();
}
