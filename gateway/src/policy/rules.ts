import { allow, rule } from 'graphql-shield';
import { DenialReason, PolicyDenial, type PolicyRuleContext, RoleGroups, subjectIdentityDenial } from '@intel-gateway/shared/policy';
import type { ShieldRule } from './fieldPolicy';

/**
 * The gateway's named rules; `index.ts` maps them onto `Type.field`. Two kinds:
 *
 * - principal-only rules read nothing but the caller's subject (agency, its kind, country,
 *   roles, clearance). The gateway decides them before planning and removes what they
 *   deny from the operation, so a denied field is never fetched. They are the role groups
 *   the subgraphs' own rules share (see `RoleGroups` in shared);
 * - record rules read the record too. They carry graphql-shield's `fragment` option: the
 *   selection they need from the parent object (as `{ field ... }`), which the gateway
 *   adds to the operation under a reserved alias and decides on the fetched data.
 */

export const { operationalStaff, investigators, recordAdministrators, auditors, interpolChannel, analysisProjectStaff, nationalCaseStaff } =
  RoleGroups;

/**
 * Record rule: a record's sharing conditions are shown to the owner's agency only, so
 * nobody else learns which agencies it names. Used on `Provenance`, whose `owner` the
 * gateway fetches alongside.
 */
export const recordOwnerAgencyOnly: ShieldRule = rule('record-owner-agency-only', { fragment: '{ owner }' })(
  async (parent: { owner?: unknown }, _args, context: PolicyRuleContext) =>
    typeof parent.owner === 'string' && parent.owner === context.caller?.principal.agency
      ? true
      : new PolicyDenial(DenialReason.NOT_RECORD_OWNER),
);

/** A data-subject rule's answer: allowed, or the shared rule's reason for refusing. */
function protectSubject(
  subject: { category: unknown; projectCode?: unknown; owner: unknown },
  context: PolicyRuleContext,
): true | PolicyDenial {
  const denial = subjectIdentityDenial(context.caller?.principal, subject);
  return denial ? new PolicyDenial(denial) : true;
}

/**
 * The project code a data-subject rule may count the caller in: only where Europol's own
 * member list has the caller (`callerIsMember`), so a `projects` claim alone opens nothing.
 * The rule then also needs the claim itself: membership is the claim and the list together.
 */
const memberProjectCode = (project: { code?: unknown; callerIsMember?: unknown } | null | undefined) =>
  project?.callerIsMember === true ? project.code : undefined;

/** Record rule on an analysis-project person's identity fields. */
export const protectedProjectSubject: ShieldRule = rule('protected-project-subject', {
  fragment: '{ category project { code callerIsMember } provenance { owner } }',
})(
  async (
    parent: { category?: unknown; project?: { code?: unknown; callerIsMember?: unknown } | null; provenance?: { owner?: unknown } | null },
    _args,
    context: PolicyRuleContext,
  ) =>
    protectSubject({ category: parent.category, projectCode: memberProjectCode(parent.project), owner: parent.provenance?.owner }, context),
);

/** Record rule on a national case person's identity fields; the case's participants are its owning bureau. */
export const protectedCaseSubject: ShieldRule = rule('protected-case-subject', { fragment: '{ role provenance { owner } }' })(
  async (parent: { role?: unknown; provenance?: { owner?: unknown } | null }, _args, context: PolicyRuleContext) =>
    protectSubject({ category: parent.role, owner: parent.provenance?.owner }, context),
);

/** Record rule on a person-search candidate from an analysis project: its matched spelling is the person's name. */
export const protectedProjectMatch: ShieldRule = rule('protected-project-match', {
  fragment: '{ entry { category project { code callerIsMember } provenance { owner } } }',
})(
  async (
    parent: {
      entry?: {
        category?: unknown;
        project?: { code?: unknown; callerIsMember?: unknown } | null;
        provenance?: { owner?: unknown } | null;
      } | null;
    },
    _args,
    context: PolicyRuleContext,
  ) =>
    protectSubject(
      { category: parent.entry?.category, projectCode: memberProjectCode(parent.entry?.project), owner: parent.entry?.provenance?.owner },
      context,
    ),
);

/** Record rule on a person-search candidate from a national case: its matched spelling is the person's name. */
export const protectedCaseMatch: ShieldRule = rule('protected-case-match', { fragment: '{ person { role provenance { owner } } }' })(
  async (parent: { person?: { role?: unknown; provenance?: { owner?: unknown } | null } | null }, _args, context: PolicyRuleContext) =>
    protectSubject({ category: parent.person?.role, owner: parent.person?.provenance?.owner }, context),
);

/**
 * Person-like record types and the rule that says whether the caller may identify such a
 * person at all. The subgraphs leave out every person the caller may not identify; the
 * gateway re-checks each one a subgraph returned, wherever it sits in the answer, and
 * withholds the answer if one slipped through.
 */
export const SUBJECT_RECORD_RULES: Readonly<Record<string, ShieldRule>> = {
  NationalPerson: protectedCaseSubject,
  PersonEntry: protectedProjectSubject,
};

/** Structural fields (connections, page info, value types) whose parent field's rule already decided. */
export const structural: ShieldRule = allow;

/**
 * The rules a contributed subgraph's policy file may name (see `includeContributedPolicies`):
 * the role groups, `structural`, and `recordOwnerAgencyOnly` (for a type with its own
 * `owner` field). The data-subject rules read fields of particular types, so they are left
 * out.
 */
export const NAMED_RULES = {
  operationalStaff,
  investigators,
  interpolChannel,
  analysisProjectStaff,
  nationalCaseStaff,
  recordAdministrators,
  auditors,
  recordOwnerAgencyOnly,
  structural,
} satisfies Record<string, ShieldRule>;

/** The name of a rule a policy file may use. */
export type RuleName = keyof typeof NAMED_RULES;
