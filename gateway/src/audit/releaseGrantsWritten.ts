import { reportedReleaseGrants, type SealedReleaseGrant } from '@intel-gateway/shared/audit';
import type { RequestScoped } from '@intel-gateway/shared/http';
import { OPERATOR_SUBGRAPH } from '@intel-gateway/shared/registry';

const writtenByRequest = new WeakMap<object, SealedReleaseGrant[]>();

/**
 * Notes the release grants one subgraph answer reports written (an owner's approval), for
 * the operation's audit record to seal (see `SealedReleaseGrant`). Only the gateway
 * operator's own subgraph writes grants: a report from any other subgraph is ignored, or a
 * contributed subgraph could seal a grant of its own making, which an insider would then
 * only have to insert. A report that cannot be read seals nothing (and is logged as an
 * error); the grant it was about is then refused by the gateway and reported by
 * verification as having no sealed approval.
 */
export function noteReleaseGrantsWritten(
  context: RequestScoped,
  subgraph: string,
  extensions: Readonly<Record<string, unknown>> | undefined,
): void {
  if (subgraph !== OPERATOR_SUBGRAPH) return;
  const reported = reportedReleaseGrants(extensions);
  if (reported === null)
    context.requestScope?.logger.error(
      { subgraph },
      'the release grants this operation wrote could not be read from the answer: none is sealed, so none is honoured, and verification reports them',
    );
  if (!reported?.length) return;
  const written = writtenByRequest.get(context);
  if (written) written.push(...reported);
  else writtenByRequest.set(context, [...reported]);
}

/** The release grants the operation whose GraphQL context is `context` wrote, as noted so far. */
export function releaseGrantsWrittenBy(context: object): readonly SealedReleaseGrant[] {
  return writtenByRequest.get(context) ?? [];
}
