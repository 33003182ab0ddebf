import { allow, deny, rule } from 'graphql-shield';
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

/** Structural fields (connections, page info, value types) whose parent field's rule already decided. */
export const structural: ShieldRule = allow;

/** Explicitly closed. */
export const closed: ShieldRule = deny;
