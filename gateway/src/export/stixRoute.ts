import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { z } from 'zod';
import { ErrorCode } from '@intel-gateway/shared/errors';
import type { RequestScope } from '@intel-gateway/shared/http';
import { readBody, sendJson } from '@intel-gateway/shared/http';
import type { Principal } from '@intel-gateway/shared/identity';
import { agencyCode } from '@intel-gateway/shared/records';
import type { RecordHandlingEntry } from '../execution/handlingExtension';
import type { GatewayContext } from '../gatewayContext';
import type { EnforcedDisclosure } from '../policy/recordChecks';
import { recordsNotForwardable } from './recipientChecks';
import { buildStixBundle } from './stixBundle';

/** Exports are the caller's own: never kept by a shared cache. */
const PRIVATE = { 'cache-control': 'private, no-store' };
const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  sendJson(res, status, body, { ...PRIVATE, ...headers });

const exportRequest = z.object({
  query: z.string().min(1).max(100_000),
  variables: z.record(z.string(), z.unknown()).optional(),
  operationName: z.string().max(200).optional(),
  /** The agency the bundle is for, when it is to be forwarded; absent for the caller's own use. */
  recipient: agencyCode.optional(),
});

/**
 * `POST /export/stix` with `{ query, variables?, operationName?, recipient? }`: runs the
 * operation as the caller (same token, purpose, field policy, release rules and audit as
 * `/graphql`) and answers a STIX 2.1 bundle of the records it returned. When `recipient`
 * names another agency, content carrying H2 (in any of its markings), TLP:AMBER+STRICT or
 * TLP:RED is not forwarded, nor a record its owner's rules would not release to that agency
 * (`recordsNotForwardable`): the export is refused (403, EXPORT_REFUSED) naming each record
 * that stops it, with no more of the rule than that it is the handling or the release rules.
 * The caller's hit/no-hit answers never go in a bundle for another agency.
 * Only `application/json` bodies are taken, so a cross-site form cannot trigger it.
 */
export function createStixExportRoute(options: {
  apollo: ApolloServer<GatewayContext>;
  /** The operation's context for an authenticated caller (401 or 403 otherwise). */
  authenticate: (req: IncomingMessage, scope: RequestScope) => Promise<GatewayContext>;
  isRestrictedField: (typeName: string, fieldPath: string) => boolean;
  /** A registered agency as a recipient: its code, kind, groups and highest clearance (no user, no roles); undefined for an unknown one. */
  recipientOf: (agency: string) => Principal | undefined;
  /** Refuses (throws RequestRefusedError) an operation the caller may not run at all, before it is parsed: trusted documents. */
  admit?: (caller: GatewayContext, query: string) => void;
  maxBodyBytes?: number;
}) {
  return async (req: IncomingMessage, res: ServerResponse, scope: RequestScope): Promise<void> => {
    if (req.method !== 'POST') return send(res, 405, { errors: [{ message: 'Use POST.', extensions: { code: 'BAD_REQUEST' } }] });
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return send(res, 415, { errors: [{ message: 'The body must be application/json.', extensions: { code: 'BAD_REQUEST' } }] });
    }
    const caller = await options.authenticate(req, scope);
    // A body over the limit is answered 413 by the server, as for /graphql.
    const text = await readBody(req, options.maxBodyBytes ?? 1_000_000);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return send(res, 400, { errors: [{ message: 'The body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
    }
    const parsed = exportRequest.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return send(res, 400, {
        errors: [
          {
            message: `Invalid value for "${issue.path.join('.')}": ${issue.message}`,
            extensions: { code: ErrorCode.BAD_USER_INPUT, field: issue.path.join('.') },
          },
        ],
      });
    }
    const { query, variables, operationName, recipient } = parsed.data;
    options.admit?.(caller, query);
    const forwarding = recipient !== undefined && recipient !== caller.principal.agency;
    const forwardedTo = forwarding ? options.recipientOf(recipient) : undefined;
    if (forwarding && !forwardedTo)
      return send(res, 400, {
        errors: [
          { message: 'The recipient is not a registered agency.', extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'recipient' } },
        ],
      });
    // The records the answer disclosed, with what they were checked on: told by the executor stack.
    let disclosed: readonly EnforcedDisclosure[] | undefined;
    const response = await options.apollo.executeOperation(
      { query, ...(variables ? { variables } : {}), ...(operationName ? { operationName } : {}) },
      { contextValue: { ...caller, onDisclosed: (disclosures: readonly EnforcedDisclosure[]) => (disclosed = disclosures) } },
    );
    if (response.body.kind !== 'single')
      return send(res, 400, { errors: [{ message: 'Incremental delivery cannot be exported.', extensions: { code: 'BAD_REQUEST' } }] });
    const result = response.body.singleResult;
    if (!result.data) return send(res, 400, { errors: result.errors ?? [] });
    const handling = ((result.extensions?.handling ?? []) as RecordHandlingEntry[]).filter((entry) => entry.path.length > 0);
    let errors = result.errors ?? [];
    if (forwardedTo) {
      // Records the gateway was not told of cannot be checked for the recipient: nothing goes.
      if (!disclosed)
        return send(res, 403, {
          errors: [
            {
              message: `Not exported: the records of this answer could not be checked for ${recipient}.`,
              extensions: { code: ErrorCode.EXPORT_REFUSED, recipient, records: [] },
            },
          ],
        });
      const blocked = await recordsNotForwardable(handling, disclosed, forwardedTo, caller);
      if (blocked.length > 0) {
        return send(res, 403, {
          errors: [
            {
              message: `Not exported: ${blocked.length} record(s) may not go to ${recipient}: their handling (H2, TLP:AMBER+STRICT or TLP:RED) or their owner's release rules forbid it.`,
              extensions: { code: ErrorCode.EXPORT_REFUSED, recipient, records: blocked },
            },
          ],
        });
      }
      // A hit/no-hit answer is the caller's alone: the recipient would learn a record exists that its owner never told it of.
      errors = errors.filter((error) => error.extensions?.code !== ErrorCode.HIT);
    }
    const bundle = buildStixBundle({ data: result.data, handling, isRestrictedField: options.isRestrictedField });
    send(res, 200, { ...bundle, ...(errors.length ? { x_errors: errors } : {}) }, { 'content-type': 'application/stix+json;version=2.1' });
  };
}
