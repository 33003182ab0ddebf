import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { agencyCode, idFromRecord, parseArg, parsePageArgs, recordId, shortText, verifyAuditTrail } from '@intel-gateway/shared';
import { z } from 'zod';
import type { AccountabilityContext } from './server';

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

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
    hitsOnOurRecords: (_: unknown, args: PageArgs & { recordId?: string | null; since?: Date | null }, ctx: AccountabilityContext) =>
      ctx.repositories.hits.listForOwner(parseArg('recordId', recordId.optional().nullable(), args.recordId) ?? undefined, args.since ?? undefined, parsePageArgs(args)),
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
    auditIntegrity: async (_: unknown, __: unknown, ctx: AccountabilityContext) => {
      const report = await verifyAuditTrail(ctx.connection, ctx.gatewayJwks);
      return { ...report, verified: report.problems.length === 0 };
    },
  },
  Hit: { ...idFromRecord, kind: (hit: { kind: string }) => hit.kind.toUpperCase() },
  AuditEntry: { ...idFromRecord },
};
