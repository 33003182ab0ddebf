import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { z } from 'zod';
import { parsePageArgs } from '@intel-gateway/shared/pagination';
import { contentOrHit } from '@intel-gateway/shared/policy';
import {
  agencyCode,
  countryCode,
  parseArg,
  parseTravelDocumentKey,
  recordId,
  shortText,
  type TravelDocumentKey,
  travelDocumentKeyOf,
  vin,
} from '@intel-gateway/shared/records';
import { personSearchResolvers } from '@intel-gateway/shared/search';
import { idFromRecord } from '@intel-gateway/shared/subgraph';
import type { InterpolContext } from './loaders';
import { type FirearmKey, type NoticeRecord, SLTD_STATUSES, type SltdRecord } from './models';

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

const optionalAgency = agencyCode.optional().nullable();

function parseFirearmKey(args: { make: unknown; serialNumber: unknown }): FirearmKey {
  return { make: parseArg('make', shortText, args.make), serialNumber: parseArg('serialNumber', shortText, args.serialNumber) };
}

export const interpolResolvers: GraphQLResolverMap<InterpolContext> = {
  Query: {
    // A notice the caller may only know exists (marked so, or above its clearance) comes back as a hit/no-hit answer.
    notice: (_: unknown, args: { id: string }, ctx: InterpolContext) =>
      contentOrHit('Notice', parseArg('id', recordId, args.id), ctx.loaders.notice, ctx.loaders.noticeMatch),
    notices: (
      _: unknown,
      args: PageArgs & { filter?: { type?: NoticeRecord['type']; status?: NoticeRecord['status']; requestingNcb?: string | null } | null },
      ctx: InterpolContext,
    ) => {
      const filter: Parameters<InterpolContext['repositories']['notices']['list']>[0] = {};
      if (args.filter?.type) filter.type = args.filter.type;
      if (args.filter?.status) filter.status = args.filter.status;
      const ncb = parseArg('filter.requestingNcb', optionalAgency, args.filter?.requestingNcb);
      if (ncb) filter.requestingNcb = ncb;
      return ctx.repositories.notices.list(filter, parsePageArgs(args));
    },
    diffusion: (_: unknown, args: { id: string }, ctx: InterpolContext) =>
      contentOrHit('Diffusion', parseArg('id', recordId, args.id), ctx.loaders.diffusion, ctx.loaders.diffusionMatch),
    diffusions: (_: unknown, args: PageArgs & { senderNcb: string }, ctx: InterpolContext) =>
      ctx.repositories.diffusions.listBySender(parseArg('senderNcb', agencyCode, args.senderNcb), parsePageArgs(args)),
    travelDocument: (_: unknown, args: TravelDocumentKey) => parseTravelDocumentKey(args),
    sltdRecords: (_: unknown, args: PageArgs & { issuingCountry: string; status?: SltdRecord['status'] | null }, ctx: InterpolContext) =>
      ctx.repositories.sltd.listByCountry(
        parseArg('issuingCountry', countryCode, args.issuingCountry),
        parseArg('status', z.enum(SLTD_STATUSES).optional().nullable(), args.status) ?? undefined,
        parsePageArgs(args),
      ),
    vehicle: (_: unknown, args: { vin: string }) => ({ vin: parseArg('vin', vin, args.vin) }),
    firearm: (_: unknown, args: FirearmKey) => parseFirearmKey(args),
    stolenWorksOfArt: (_: unknown, args: PageArgs & { country?: string | null }, ctx: InterpolContext) =>
      ctx.repositories.worksOfArt.list(
        parseArg('country', countryCode.optional().nullable(), args.country) ?? undefined,
        parsePageArgs(args),
      ),
  },
  Notice: {
    __resolveReference: (ref: { id: string }, ctx: InterpolContext) => ctx.loaders.notice.load(parseArg('id', recordId, ref.id)),
    ...idFromRecord,
  },
  Diffusion: {
    __resolveReference: (ref: { id: string }, ctx: InterpolContext) => ctx.loaders.diffusion.load(parseArg('id', recordId, ref.id)),
    ...idFromRecord,
  },
  TravelDocument: {
    __resolveReference: (ref: TravelDocumentKey) => parseTravelDocumentKey(ref),
    // A record the caller may only know exists comes back as a hit/no-hit answer, not content.
    sltd: (doc: TravelDocumentKey, _: unknown, ctx: InterpolContext) =>
      contentOrHit('SltdRecord', doc, ctx.loaders.sltdByDocument, ctx.loaders.sltdMatchByDocument),
  },
  SltdRecord: {
    ...idFromRecord,
    document: (r: SltdRecord) => travelDocumentKeyOf(r),
  },
  Vehicle: {
    __resolveReference: (ref: { vin: string }) => ({ vin: parseArg('vin', vin, ref.vin) }),
    smv: (v: { vin: string }, _: unknown, ctx: InterpolContext) => ctx.loaders.smvByVin.load(v.vin),
  },
  SmvRecord: idFromRecord,
  Firearm: {
    __resolveReference: (ref: FirearmKey) => parseFirearmKey(ref),
    record: (f: FirearmKey, _: unknown, ctx: InterpolContext) => ctx.loaders.firearmByKey.load(f),
  },
  FirearmRecord: idFromRecord,
  WorkOfArt: idFromRecord,
  // Always the caller's own agency's records, whatever owner the reference names.
  ReviewQueue: {
    __resolveReference: (ref: { owner: string }) => ({ owner: ref.owner }),
    interpolRecords: (_: unknown, __: unknown, ctx: InterpolContext) => ctx.repositories.review.dueForCaller(),
  },
  ...personSearchResolvers<InterpolContext>(
    { matchesField: 'interpolMatches', matchType: 'NoticeMatch', recordField: 'notice' },
    (criteria, page, ctx) => ctx.repositories.notices.searchBySubject(criteria, page),
  ),
};
