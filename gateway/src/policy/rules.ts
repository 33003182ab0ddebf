import { allow, rule } from 'graphql-shield';
import { DenialReason, PolicyDenial, RoleGroups, type PolicyRuleContext } from '@intel-gateway/shared';
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

export const { operationalStaff, investigators, recordAdministrators, auditors, interpolChannel, analysisProjectStaff, nationalCaseStaff } = RoleGroups;

/**
 * Record rule: a record's sharing conditions are shown to the owner's agency only, so
 * nobody else learns which agencies it names. Used on `Provenance`, whose `owner` the
 * gateway fetches alongside.
 */
export const recordOwnerAgencyOnly: ShieldRule = rule('record-owner-agency-only', { fragment: '{ owner }' })(
  async (parent: { owner?: unknown }, _args, context: PolicyRuleContext) =>
    typeof parent.owner === 'string' && parent.owner === context.caller?.principal.agency ? true : new PolicyDenial(DenialReason.NOT_RECORD_OWNER),
);

/**
 * Data-subject categories: who a person is, as a victim or witness, is shown only inside the
 * project or case that holds them (a member of the analysis project, or the owning agency);
 * an informant's identity only to the owning agency's source handlers.
 */
function protectSubject(category: unknown, projectCode: unknown, owner: unknown, context: PolicyRuleContext): true | PolicyDenial {
  const caller = context.caller?.principal;
  if (!caller) return new PolicyDenial(DenialReason.PROTECTED_SUBJECT);
  const isOwner = typeof owner === 'string' && owner === caller.agency;
  if (category === 'INFORMANT') return isOwner && caller.roles.includes('SOURCE_HANDLER') ? true : new PolicyDenial(DenialReason.INFORMANT_PROTECTED);
  if (category === 'VICTIM' || category === 'WITNESS') {
    const inProject = typeof projectCode === 'string' && (caller.projects ?? []).includes(projectCode);
    return isOwner || inProject ? true : new PolicyDenial(DenialReason.PROTECTED_SUBJECT);
  }
  return true;
}

/** Record rule on an analysis-project person's identity fields. */
export const protectedProjectSubject: ShieldRule = rule('protected-project-subject', { fragment: '{ category project { code } provenance { owner } }' })(
  async (parent: { category?: unknown; project?: { code?: unknown } | null; provenance?: { owner?: unknown } | null }, _args, context: PolicyRuleContext) =>
    protectSubject(parent.category, parent.project?.code, parent.provenance?.owner, context),
);

/** Record rule on a national case person's identity fields; the case's participants are its owning bureau. */
export const protectedCaseSubject: ShieldRule = rule('protected-case-subject', { fragment: '{ role provenance { owner } }' })(
  async (parent: { role?: unknown; provenance?: { owner?: unknown } | null }, _args, context: PolicyRuleContext) => protectSubject(parent.role, undefined, parent.provenance?.owner, context),
);

/** Structural fields (connections, page info, value types) whose parent field's rule already decided. */
export const structural: ShieldRule = allow;
