import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parsePageArgs } from '@intel-gateway/shared/pagination';
import { contentOrHit, ownerOnlyReference } from '@intel-gateway/shared/policy';
import { parseArg, projectCode, recordId } from '@intel-gateway/shared/records';
import { personSearchResolvers } from '@intel-gateway/shared/search';
import { idFromRecord } from '@intel-gateway/shared/subgraph';
import type { EuropolContext } from './loaders';
import type { AnalysisProjectRecord, EntityLinkRecord, ObjectEntryRecord, PersonEntryRecord } from './models';

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Entries carry `__typename` so the union `LinkedEntry` can tell them apart. */
const person = (p: PersonEntryRecord | null) => (p ? { ...p, __typename: 'PersonEntry' as const } : null);
const object = (o: ObjectEntryRecord | null) => (o ? { ...o, __typename: 'ObjectEntry' as const } : null);

function loadLinkEnd(end: EntityLinkRecord['from'], ctx: EuropolContext) {
  return end.kind === 'PersonEntry' ? ctx.loaders.person.load(end.id).then(person) : ctx.loaders.object.load(end.id).then(object);
}

const entryFields = {
  ...idFromRecord,
  project: (e: { projectCode: string }, _: unknown, ctx: EuropolContext) => ctx.loaders.project.load(e.projectCode),
  contribution: (e: { contributionId?: string | null }, _: unknown, ctx: EuropolContext) =>
    e.contributionId ? ctx.loaders.contribution.load(e.contributionId) : null,
  links: (e: { _id: string }, _: unknown, ctx: EuropolContext) => releasedLinks(e._id, ctx),
};

/**
 * An entry's links whose both ends are released to the caller: a link carries no content
 * of its own, but it would tell that a hidden entry exists. The ends are loaded through the
 * same loaders the link's `from`/`to` use, so this adds no query.
 */
async function releasedLinks(entryId: string, ctx: EuropolContext): Promise<EntityLinkRecord[]> {
  const links = await ctx.loaders.linksByEntry.load(entryId);
  // Both ends of every link are asked for in the same tick, so each loader batches them once.
  const released = await Promise.all(
    links.map(async (link) => (await Promise.all([loadLinkEnd(link.from, ctx), loadLinkEnd(link.to, ctx)])).every((end) => end !== null)),
  );
  return links.filter((_, index) => released[index]);
}

export const europolResolvers: GraphQLResolverMap<EuropolContext> = {
  Query: {
    analysisProject: (_: unknown, args: { code: string }, ctx: EuropolContext) =>
      ctx.loaders.project.load(parseArg('code', projectCode, args.code)),
    analysisProjects: (_: unknown, args: PageArgs, ctx: EuropolContext) => ctx.repositories.projects.list(parsePageArgs(args)),
    personEntry: (_: unknown, args: { id: string }, ctx: EuropolContext) =>
      contentOrHit('PersonEntry', parseArg('id', recordId, args.id), ctx.loaders.person, ctx.loaders.personMatch),
    objectEntry: (_: unknown, args: { id: string }, ctx: EuropolContext) =>
      contentOrHit('ObjectEntry', parseArg('id', recordId, args.id), ctx.loaders.object, ctx.loaders.objectMatch),
    contribution: (_: unknown, args: { id: string }, ctx: EuropolContext) =>
      contentOrHit('Contribution', parseArg('id', recordId, args.id), ctx.loaders.contribution, ctx.loaders.contributionMatch),
  },
  AnalysisProject: {
    __resolveReference: (ref: { code: string }, ctx: EuropolContext) => ctx.loaders.project.load(parseArg('code', projectCode, ref.code)),
    code: (p: AnalysisProjectRecord) => p._id,
    callerIsMember: async (p: AnalysisProjectRecord, _: unknown, ctx: EuropolContext) =>
      (await ctx.repositories.projects.membershipsOfCaller()).includes(p._id),
    contributions: (p: AnalysisProjectRecord, args: PageArgs, ctx: EuropolContext) =>
      ctx.loaders.contributionPages.load({ parent: p._id, page: parsePageArgs(args) }),
    persons: (p: AnalysisProjectRecord, args: PageArgs, ctx: EuropolContext) =>
      ctx.loaders.personPages.load({ parent: p._id, page: parsePageArgs(args) }),
  },
  Contribution: {
    __resolveReference: (ref: { id: string }, ctx: EuropolContext) => ctx.loaders.contribution.load(parseArg('id', recordId, ref.id)),
    ...idFromRecord,
    project: (c: { projectCode: string }, _: unknown, ctx: EuropolContext) => ctx.loaders.project.load(c.projectCode),
  },
  PersonEntry: {
    __resolveReference: (ref: { id: string }, ctx: EuropolContext) => ctx.loaders.person.load(parseArg('id', recordId, ref.id)),
    ...entryFields,
    // The entry owner's own reference: a notice's existence follows the notice's rules, which `Notice.europolEntries` applies.
    interpolNoticeId: (p: PersonEntryRecord, _: unknown, ctx: EuropolContext) => ownerOnlyReference(p, p.interpolNoticeId, ctx.caller),
  },
  ObjectEntry: {
    __resolveReference: (ref: { id: string }, ctx: EuropolContext) => ctx.loaders.object.load(parseArg('id', recordId, ref.id)),
    ...entryFields,
    vehicle: (o: ObjectEntryRecord) => (o.vin ? { vin: o.vin } : null),
    travelDocument: (o: ObjectEntryRecord) => o.travelDocument ?? null,
  },
  EntityLink: {
    ...idFromRecord,
    from: (l: EntityLinkRecord, _: unknown, ctx: EuropolContext) => loadLinkEnd(l.from, ctx),
    to: (l: EntityLinkRecord, _: unknown, ctx: EuropolContext) => loadLinkEnd(l.to, ctx),
  },
  Notice: {
    __resolveReference: (ref: { id: string }) => ({ id: parseArg('id', recordId, ref.id) }),
    europolEntries: (n: { id: string }, _: unknown, ctx: EuropolContext) => ctx.loaders.personsByNotice.load(n.id),
  },
  // Always the caller's own agency's records, whatever owner the reference names.
  ReviewQueue: {
    __resolveReference: (ref: { owner: string }) => ({ owner: ref.owner }),
    europolRecords: (_: unknown, __: unknown, ctx: EuropolContext) => ctx.repositories.review.dueForCaller(),
  },
  ...personSearchResolvers<EuropolContext>(
    { matchesField: 'europolMatches', matchType: 'PersonEntryMatch', recordField: 'entry' },
    (criteria, page, ctx) => ctx.repositories.persons.search(criteria, page),
  ),
};
