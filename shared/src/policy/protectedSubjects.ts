import { DenialReason } from './principalRules';
import type { RecordFilter } from './releasability';

/**
 * Data-subject protection, in one place for the gateway's field rule and the subgraphs'
 * search filters: who a person is, as a victim or witness, is shown only inside the
 * project or case that holds them (a member of the analysis project, or the owning
 * agency); an informant's identity only to the owning agency's source handlers.
 */

const VICTIM_OR_WITNESS = ['VICTIM', 'WITNESS'];
const INFORMANT = 'INFORMANT';
const SOURCE_HANDLER = 'SOURCE_HANDLER';

/** What the rule reads of the caller. */
export interface SubjectReader {
  agency: string;
  roles: readonly string[];
  /** Analysis projects the user is a member of. */
  projects?: readonly string[];
}

/** Why the caller may not learn who this person is, or null when it may. */
export function subjectIdentityDenial(
  principal: SubjectReader | undefined,
  subject: { category: unknown; projectCode?: unknown; owner: unknown },
): DenialReason | null {
  if (!principal) return DenialReason.PROTECTED_SUBJECT;
  const isOwner = typeof subject.owner === 'string' && subject.owner === principal.agency;
  if (subject.category === INFORMANT) return isOwner && principal.roles.includes(SOURCE_HANDLER) ? null : DenialReason.INFORMANT_PROTECTED;
  if (VICTIM_OR_WITNESS.includes(subject.category as string)) {
    const inProject = typeof subject.projectCode === 'string' && (principal.projects ?? []).includes(subject.projectCode);
    return isOwner || inProject ? null : DenialReason.PROTECTED_SUBJECT;
  }
  return null;
}

/**
 * The same rule as a database filter: only persons the caller may identify. Whether such a
 * person exists behind a link, and in which role or category, is a fact of their record:
 * every query that lists, counts, follows a link to or looks up a person adds this filter,
 * and a search by name must not return a protected person, since the match itself would
 * tell their name. `projects` must be the projects whose record the caller may also read
 * (the gateway re-checks with the project it fetched).
 */
export function identifiableSubjects(principal: SubjectReader, fields: { category: string; projectCode?: string }): RecordFilter {
  const mayIdentify: RecordFilter[] = [
    { [fields.category]: { $nin: [...VICTIM_OR_WITNESS, INFORMANT] } },
    {
      [fields.category]: { $in: VICTIM_OR_WITNESS },
      $or: [
        { 'provenance.owner': principal.agency },
        ...(fields.projectCode ? [{ [fields.projectCode]: { $in: [...(principal.projects ?? [])] } }] : []),
      ],
    },
  ];
  if (principal.roles.includes(SOURCE_HANDLER)) mayIdentify.push({ [fields.category]: INFORMANT, 'provenance.owner': principal.agency });
  return { $or: mayIdentify };
}

/**
 * Persons the caller may not identify, as a database filter: what a lookup may answer
 * through the hit/no-hit tier only (their existence and owner, never their role).
 */
export function unidentifiableSubjects(principal: SubjectReader, fields: { category: string; projectCode?: string }): RecordFilter {
  return { $nor: [identifiableSubjects(principal, fields)] };
}
