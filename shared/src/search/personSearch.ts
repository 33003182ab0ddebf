import type { Model, QueryFilter } from 'mongoose';
import { z } from 'zod';
import { BadUserInputError } from '../errors';
import { type MatchMethod, type NameQuery, nameQuery, scoreNameMatch } from '../names/nameKeys';
import { encodeCursor, type Page, type PageRequest, parsePageArgs } from '../pagination';
import { type RecordFilter, within } from '../policy/releasability';
import type { PersonName } from '../records/provenance';
import { countryCode, parseArg } from '../records/validation';

/**
 * The federated person search (docs/person-search.md): the `PersonSearch` entity's key is the criteria
 * themselves, so every owning subgraph resolves it from the key and contributes its own
 * scored candidates. This module is what the owners share: checking the criteria, the
 * database filter that finds candidates by indexed name keys, and the scoring, ordering
 * and paging of what came back. Persons are never merged across owners.
 */

/** Widest date-of-birth tolerance a search may ask for. */
export const MAX_TOLERANCE_YEARS = 10;
/** Candidates read per owner and search, best keys or not; scoring and paging happen on these. */
export const MAX_CANDIDATES = 1_000;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 1985-03-14')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'is not a calendar date',
  );

/** The criteria a `PersonSearch` is keyed by, checked. */
export interface PersonSearchCriteria {
  name: string;
  dateOfBirth: string | null;
  toleranceYears: number;
  nationality: string | null;
}

/**
 * Checks search criteria, from the root field's arguments or an entity representation
 * (which a client could also send to a subgraph directly, were it reachable).
 */
export function parsePersonSearch(raw: {
  name?: unknown;
  dateOfBirth?: unknown;
  toleranceYears?: unknown;
  nationality?: unknown;
}): PersonSearchCriteria {
  const name = parseArg(
    'name',
    z.string().trim().min(2, 'must be at least 2 characters').max(200, 'must be at most 200 characters'),
    raw.name,
  );
  if (!nameQuery(name).keys.length) throw new BadUserInputError('name', 'must contain letters');
  return {
    name,
    dateOfBirth: raw.dateOfBirth == null ? null : parseArg('dateOfBirth', isoDate, raw.dateOfBirth),
    toleranceYears: parseArg(
      'toleranceYears',
      z.number().int().min(0).max(MAX_TOLERANCE_YEARS, `must be at most ${MAX_TOLERANCE_YEARS}`),
      raw.toleranceYears ?? 0,
    ),
    nationality: raw.nationality == null ? null : parseArg('nationality', countryCode, raw.nationality),
  };
}

function shiftYears(isoDay: string, years: number): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.toISOString().slice(0, 10);
}

/** Where a collection keeps the searched person's name, date of birth and nationalities. */
export interface PersonFields {
  name: string;
  dateOfBirth: string;
  nationalities: string;
}

/**
 * The candidate filter for one collection: any shared name key (served by the multikey
 * index on `<name>.matchKeys`), a date of birth within the tolerance, and the nationality.
 * A record that does not state a date of birth or nationality stays a candidate, scored
 * lower: an unknown value does not rule a person out.
 */
export function personSearchFilter(criteria: PersonSearchCriteria, query: NameQuery, fields: PersonFields): Record<string, unknown> {
  const conditions: Record<string, unknown>[] = [{ [`${fields.name}.matchKeys`]: { $in: query.keys } }];
  if (criteria.dateOfBirth) {
    const range = {
      $gte: shiftYears(criteria.dateOfBirth, -criteria.toleranceYears),
      $lte: shiftYears(criteria.dateOfBirth, criteria.toleranceYears),
    };
    conditions.push({ $or: [{ [fields.dateOfBirth]: range }, { [fields.dateOfBirth]: null }] });
  }
  if (criteria.nationality) {
    conditions.push({ $or: [{ [fields.nationalities]: criteria.nationality }, { [fields.nationalities]: { $in: [null, []] } }] });
  }
  return { $and: conditions };
}

/** One scored candidate: the owner's record, how well it matched and why. */
export interface IdentityMatch<T> {
  score: number;
  method: MatchMethod;
  matchedSpelling: string;
  record: T;
}

/** Score factor for the date of birth: exact 1, further apart or unknown lower. */
function dateOfBirthFactor(criteria: PersonSearchCriteria, dateOfBirth: string | null | undefined): number {
  if (!criteria.dateOfBirth) return 1;
  if (!dateOfBirth) return 0.85;
  const years = Math.abs(Date.parse(dateOfBirth) - Date.parse(criteria.dateOfBirth)) / (365.25 * 86_400_000);
  return Math.max(0.7, 1 - 0.05 * years);
}

const SCORE_CURSOR = /^(\d\.\d{3})\|(.+)$/;

/** Cursors of scored pages carry the last candidate's score and id: ordering is score, then id. */
function parseScoreCursor(afterId: string): { score: number; id: string } {
  const match = SCORE_CURSOR.exec(afterId);
  if (!match) throw new BadUserInputError('after', 'not a cursor returned by this search');
  return { score: Number(match[1]), id: match[2]! };
}

/**
 * Scores the candidates a `personSearchFilter` query returned, drops key collisions that
 * do not match on inspection, and returns one page ordered by score (best first), then id.
 */
export function rankCandidates<T extends { _id: string }>(
  criteria: PersonSearchCriteria,
  query: NameQuery,
  candidates: T[],
  personOf: PersonOf<T>,
  page: PageRequest,
): Page<IdentityMatch<T>> & { totalCount: number } {
  const matches: IdentityMatch<T>[] = [];
  for (const record of candidates) {
    const person = personOf(record);
    const match = person.name ? scoreNameMatch(query, person.name) : null;
    if (!match) continue;
    const score = Math.round(match.score * dateOfBirthFactor(criteria, person.dateOfBirth) * 1000) / 1000;
    matches.push({ score, method: match.method, matchedSpelling: match.matchedSpelling, record });
  }
  matches.sort((a, b) => b.score - a.score || (a.record._id < b.record._id ? -1 : a.record._id > b.record._id ? 1 : 0));
  const after = page.afterId === undefined ? null : parseScoreCursor(page.afterId);
  const start = after ? matches.findIndex((m) => m.score < after.score || (m.score === after.score && m.record._id > after.id)) : 0;
  const rest = start < 0 ? [] : matches.slice(start);
  const nodes = rest.slice(0, page.first);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    totalCount: matches.length,
    pageInfo: {
      endCursor: last ? encodeCursor(`${last.score.toFixed(3)}|${last.record._id}`) : null,
      hasNextPage: rest.length > page.first,
    },
  };
}

/** What an owner reads of a candidate to score it. */
type PersonOf<T> = (record: T) => { name: PersonName | null | undefined; dateOfBirth?: string | null };

/**
 * One owner's answer to a search: a single indexed query for candidates within `scope`
 * (the records the caller may see and, where it applies, may identify), then scoring and
 * paging in memory. One database round trip, whatever the number of candidates.
 */
export async function searchPersons<T extends { _id: string }>(
  model: Model<T>,
  criteria: PersonSearchCriteria,
  fields: PersonFields,
  scope: RecordFilter,
  personOf: PersonOf<T>,
  page: PageRequest,
): Promise<Page<IdentityMatch<T>> & { totalCount: number }> {
  // The searched name is reduced once, for both the key lookup and the scoring.
  const query = nameQuery(criteria.name);
  const candidates = await model
    .find(within(personSearchFilter(criteria, query, fields), scope) as QueryFilter<T>)
    .limit(MAX_CANDIDATES)
    .batchSize(MAX_CANDIDATES)
    .lean<T[]>();
  return rankCandidates(criteria, query, candidates, personOf, page);
}

/**
 * The resolvers an owning subgraph adds for the search: `PersonSearch` from its key (the
 * criteria, checked again: a representation is client input too), the owner's own
 * candidates field, and the match type's field that holds the owner's record.
 */
export function personSearchResolvers<C>(
  names: { matchesField: string; matchType: string; recordField: string },
  search: (criteria: PersonSearchCriteria, page: PageRequest, context: C) => Promise<Page<IdentityMatch<unknown>>>,
) {
  return {
    PersonSearch: {
      __resolveReference: (reference: Parameters<typeof parsePersonSearch>[0]) => parsePersonSearch(reference),
      [names.matchesField]: (criteria: PersonSearchCriteria, args: { first?: number | null; after?: string | null }, context: C) =>
        search(criteria, parsePageArgs(args), context),
    },
    [names.matchType]: { [names.recordField]: (match: IdentityMatch<unknown>) => match.record },
  };
}
