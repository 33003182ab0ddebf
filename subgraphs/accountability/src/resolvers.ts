import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { z } from 'zod';
import { parsePageArgs } from '@intel-gateway/shared/pagination';
import { HIT_REFERENCE_PATTERN } from '@intel-gateway/shared/policy';
import { agencyCode, parseArg, recordId, shortText } from '@intel-gateway/shared/records';
import { parsePersonSearch } from '@intel-gateway/shared/search';
import { idFromRecord } from '@intel-gateway/shared/subgraph';
import type { AccountabilityContext } from './accountabilityContext';
import { isAsMade, type ReleaseRequestView } from './releaseRequests';

/**
 * A request's sealed terms, for the owner of the record they name: the owner is shown the
 * record from the seal, never from the stored request, which an insider could edit; the
 * requesting agency, to which a reference names no record, gets nothing.
 */
const ownersTerms = (request: ReleaseRequestView, ctx: AccountabilityContext) =>
  request.sealedTerms?.owner === ctx.caller.principal.agency ? request.sealedTerms : null;

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

const releaseStatus = z.enum(['PENDING', 'APPROVED', 'REFUSED']).optional().nullable();
/** The opaque handle a hit/no-hit answer gives. */
const releaseReference = z
  .string()
  .regex(HIT_REFERENCE_PATTERN, 'must be the reference a hit/no-hit answer gave, such as HIT-3q2Xw9Jd0aVbKc1ZpL8tYQ');
/** The end of a release, when the owner sets one. */
const releaseUntil = z.date().optional().nullable();
const justification = z.string().trim().min(10, 'say why the content is needed (at least 10 characters)').max(2_000);

const auditFilter = z
  .object({
    agency: agencyCode.optional().nullable(),
    user: shortText.optional().nullable(),
    recordId: recordId.optional().nullable(),
    from: z.date().optional().nullable(),
    to: z.date().optional().nullable(),
  })
  .optional()
  .nullable();

export const accountabilityResolvers: GraphQLResolverMap<AccountabilityContext> = {
  Query: {
    hitsOnOurRecords: (
      _: unknown,
      args: PageArgs & { recordId?: string | null; reference?: string | null; since?: Date | null },
      ctx: AccountabilityContext,
    ) =>
      ctx.repositories.hits.listForOwner(
        parseArg('recordId', recordId.optional().nullable(), args.recordId) ?? undefined,
        args.since ?? undefined,
        parsePageArgs(args),
        parseArg('reference', releaseReference.optional().nullable(), args.reference) ?? undefined,
      ),
    auditTrail: (_: unknown, args: PageArgs & { filter?: unknown }, ctx: AccountabilityContext) => {
      const filter = parseArg('filter', auditFilter, args.filter) ?? {};
      return ctx.repositories.auditTrail.list(
        {
          ...(filter.agency ? { agency: filter.agency } : {}),
          ...(filter.user ? { user: filter.user } : {}),
          ...(filter.recordId ? { recordId: filter.recordId } : {}),
          ...(filter.from ? { from: filter.from } : {}),
          ...(filter.to ? { to: filter.to } : {}),
        },
        parsePageArgs(args),
      );
    },
    releaseRequestsToUs: (_: unknown, args: PageArgs & { status?: string | null }, ctx: AccountabilityContext) =>
      ctx.repositories.releaseRequests.listToOwner(parseArg('status', releaseStatus, args.status) ?? undefined, parsePageArgs(args)),
    ourReleaseRequests: (_: unknown, args: PageArgs & { status?: string | null }, ctx: AccountabilityContext) =>
      ctx.repositories.releaseRequests.listByRequester(parseArg('status', releaseStatus, args.status) ?? undefined, parsePageArgs(args)),
    reviewQueue: (_: unknown, __: unknown, ctx: AccountabilityContext) => ({ owner: ctx.caller.principal.agency }),
    personSearch: (_: unknown, args: Parameters<typeof parsePersonSearch>[0]) => parsePersonSearch(args),
    auditIntegrity: (_: unknown, __: unknown, ctx: AccountabilityContext) => ctx.integrity(ctx.caller, ctx.repositories.hits.countForOwner),
  },
  Mutation: {
    requestRelease: (_: unknown, args: { reference: string; justification: string }, ctx: AccountabilityContext) =>
      ctx.repositories.releaseRequests.request(
        parseArg('reference', releaseReference, args.reference),
        parseArg('justification', justification, args.justification),
      ),
    decideRelease: (
      _: unknown,
      args: { id: string; approve: boolean; conditions?: string | null; until?: Date | null },
      ctx: AccountabilityContext,
    ) =>
      ctx.repositories.releaseRequests.decide(
        parseArg('id', z.uuid(), args.id),
        args.approve,
        parseArg('conditions', shortText.optional().nullable(), args.conditions) ?? null,
        parseArg('until', releaseUntil, args.until) ?? null,
      ),
  },
  ReleaseRequest: {
    ...idFromRecord,
    recordType: (request: ReleaseRequestView, _: unknown, ctx: AccountabilityContext) => ownersTerms(request, ctx)?.recordType ?? null,
    recordId: (request: ReleaseRequestView, _: unknown, ctx: AccountabilityContext) => ownersTerms(request, ctx)?.recordId ?? null,
    asMade: (request: ReleaseRequestView) => isAsMade(request),
  },
  Hit: { ...idFromRecord, kind: (hit: { kind: string }) => hit.kind.toUpperCase() },
  AuditEntry: { ...idFromRecord },
};
