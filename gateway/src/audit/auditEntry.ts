import { createHash, randomUUID } from 'node:crypto';
import type { GatewayExecutor } from '@apollo/server-gateway-interface';
import canonicalize from 'canonicalize';
import type { AuditEntry } from '@intel-gateway/shared/audit';
import { ErrorCode } from '@intel-gateway/shared/errors';
import type { OperationAnswer } from '../execution/operationAnswer';
import type { GatewayContext } from '../gatewayContext';
import { releaseWritesOf } from './releaseWrites';

/**
 * The audit entry for one operation: who asked and for what, which records of which owner
 * went out with which fields, which were matched only, what the policy denied, and how it
 * ended, and the release requests, decisions and grants it wrote (sealed with it, see
 * `SealedReleaseRequest`, `SealedReleaseDecision`, `SealedReleaseGrant`).
 * Operation and variables are kept as hashes, records by id: no content. The record
 * takes the request's id (which the caller gets in `x-request-id` and the logs carry), so
 * the caller can cite it; an operation run outside HTTP gets an id of its own.
 */
export function auditEntryFor(requestContext: Parameters<GatewayExecutor>[0], caller: GatewayContext, answer: OperationAnswer): AuditEntry {
  const { request } = requestContext;
  const denials = (answer.result.errors ?? [])
    .filter((error) => error.extensions?.code === ErrorCode.FORBIDDEN && typeof error.extensions.field === 'string')
    .map((error) => ({
      path: (error.path ?? []).join('.'),
      field: String(error.extensions.field),
      reason: String(error.extensions.reason),
    }));
  const { releaseRequests, releaseDecisions, releaseGrants } = releaseWritesOf(caller);
  const refused = !answer.result.data && answer.result.errors?.[0]?.extensions?.code;
  return {
    requestId: caller.requestScope?.id ?? randomUUID(),
    at: new Date(),
    user: caller.principal.user,
    agency: caller.principal.agency,
    purpose: caller.purpose,
    operationName: requestContext.operationName ?? request.operationName ?? null,
    operationHash: requestContext.queryHash,
    variablesHash: createHash('sha256')
      .update(canonicalize(request.variables ?? {}) ?? '{}')
      .digest('hex'),
    disclosures: answer.disclosures.map(({ type, id, owner, fields }) => ({ type, id, owner, fields })),
    matches: answer.matches,
    denials,
    outcome: refused ? String(refused) : answer.result.errors?.length ? 'partial' : 'ok',
    ...(releaseRequests.length > 0 ? { releaseRequests: [...releaseRequests] } : {}),
    ...(releaseDecisions.length > 0 ? { releaseDecisions: [...releaseDecisions] } : {}),
    ...(releaseGrants.length > 0 ? { releaseGrants: [...releaseGrants] } : {}),
  };
}
