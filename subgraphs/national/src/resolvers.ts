import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { z } from 'zod';
import { parsePageArgs } from '@intel-gateway/shared/pagination';
import { contentOrHit, hitAnswerError, ownerOnlyReference } from '@intel-gateway/shared/policy';
import { agencyCode, parseArg, parseTravelDocumentKey, recordId, type TravelDocumentKey, vin } from '@intel-gateway/shared/records';
import { personSearchResolvers } from '@intel-gateway/shared/search';
import { idFromRecord } from '@intel-gateway/shared/subgraph';
import type { NationalContext } from './loaders';
import {
  BIOMETRIC_KINDS,
  CASE_STATUSES,
  type CaseFileRecord,
  type NationalPersonRecord,
  REQUEST_STATUSES,
  type WantedPersonRecord,
} from './models';

/** A DNA profile or fingerprint set identifier, as bureaus issue them. */
const biometricProfile = z
  .string()
  .trim()
  .regex(/^[A-Z0-9-]{4,64}$/, 'must be a profile identifier such as DNA-FR-2026-000417');

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export const nationalResolvers: GraphQLResolverMap<NationalContext> = {
  Query: {
    // A case file the caller may only know exists (marked so, or above its clearance) comes back as a hit/no-hit answer.
    caseFile: (_: unknown, args: { id: string }, ctx: NationalContext) =>
      contentOrHit('CaseFile', parseArg('id', recordId, args.id), ctx.loaders.caseFile, ctx.loaders.caseFileMatch),
    caseFiles: (_: unknown, args: PageArgs & { owner: string; status?: string | null }, ctx: NationalContext) =>
      ctx.repositories.caseFiles.listByOwner(
        parseArg('owner', agencyCode, args.owner),
        parseArg('status', z.enum(CASE_STATUSES).optional().nullable(), args.status) ?? undefined,
        parsePageArgs(args),
      ),
    // A person the caller may not identify, or may only know exists, answers hit/no-hit.
    person: (_: unknown, args: { id: string }, ctx: NationalContext) =>
      contentOrHit('NationalPerson', parseArg('id', recordId, args.id), ctx.loaders.person, ctx.loaders.personMatch),
    requestsForAssistance: (
      _: unknown,
      args: PageArgs & { ncb: string; direction: 'SENT' | 'RECEIVED'; status?: string | null },
      ctx: NationalContext,
    ) =>
      ctx.repositories.requests.list(
        parseArg('ncb', agencyCode, args.ncb),
        parseArg('direction', z.enum(['SENT', 'RECEIVED']), args.direction),
        parseArg('status', z.enum(REQUEST_STATUSES).optional().nullable(), args.status) ?? undefined,
        parsePageArgs(args),
      ),
    wantedList: (_: unknown, args: PageArgs & { owner: string }, ctx: NationalContext) =>
      ctx.repositories.wanted.listByOwner(parseArg('owner', agencyCode, args.owner), parsePageArgs(args)),
    biometricCheck: async (_: unknown, args: { kind: string; profile: string }, ctx: NationalContext) => {
      const holder = await ctx.repositories.biometrics.findHolder(
        parseArg('kind', z.enum(BIOMETRIC_KINDS), args.kind),
        parseArg('profile', biometricProfile, args.profile),
      );
      if (holder) throw hitAnswerError('NationalPerson', holder._id, holder.provenance.owner);
      return { matched: false };
    },
  },
  CaseFile: {
    __resolveReference: (ref: { id: string }, ctx: NationalContext) => ctx.loaders.caseFile.load(parseArg('id', recordId, ref.id)),
    ...idFromRecord,
    persons: (c: CaseFileRecord, _: unknown, ctx: NationalContext) => ctx.loaders.personsByCaseFile.load(c._id),
    vehicles: (c: CaseFileRecord) => c.vehicleVins.map((v) => ({ vin: v })),
  },
  NationalPerson: {
    __resolveReference: (ref: { id: string }, ctx: NationalContext) => ctx.loaders.person.load(parseArg('id', recordId, ref.id)),
    ...idFromRecord,
    caseFile: (p: NationalPersonRecord, _: unknown, ctx: NationalContext) => ctx.loaders.caseFile.load(p.caseFileId),
    // The bureau's own reference: a notice's existence follows the notice's rules, which `Notice.nationalRecords` applies.
    interpolNoticeId: (p: NationalPersonRecord, _: unknown, ctx: NationalContext) => ownerOnlyReference(p, p.interpolNoticeId, ctx.caller),
  },
  RequestForAssistance: {
    ...idFromRecord,
    caseFile: (r: { caseFileId?: string | null }, _: unknown, ctx: NationalContext) =>
      r.caseFileId ? ctx.loaders.caseFile.load(r.caseFileId) : null,
  },
  WantedPerson: {
    ...idFromRecord,
    person: (w: WantedPersonRecord, _: unknown, ctx: NationalContext) => ctx.loaders.person.load(w.personId),
  },
  Notice: {
    __resolveReference: (ref: { id: string }) => ({ id: parseArg('id', recordId, ref.id) }),
    nationalRecords: (n: { id: string }, _: unknown, ctx: NationalContext) => ctx.loaders.personsByNotice.load(n.id),
  },
  TravelDocument: {
    __resolveReference: (ref: TravelDocumentKey) => parseTravelDocumentKey(ref),
    cases: (d: TravelDocumentKey, _: unknown, ctx: NationalContext) => ctx.loaders.caseFilesByDocument.load(d),
  },
  Vehicle: {
    __resolveReference: (ref: { vin: string }) => ({ vin: parseArg('vin', vin, ref.vin) }),
    cases: (v: { vin: string }, _: unknown, ctx: NationalContext) => ctx.loaders.caseFilesByVin.load(v.vin),
  },
  // Always the caller's own agency's records, whatever owner the reference names.
  ReviewQueue: {
    __resolveReference: (ref: { owner: string }) => ({ owner: ref.owner }),
    nationalRecords: (_: unknown, __: unknown, ctx: NationalContext) => ctx.repositories.review.dueForCaller(),
  },
  ...personSearchResolvers<NationalContext>(
    { matchesField: 'nationalMatches', matchType: 'NationalPersonMatch', recordField: 'person' },
    (criteria, page, ctx) => ctx.repositories.persons.search(criteria, page),
  ),
};
