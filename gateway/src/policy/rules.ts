import { allow, and, deny, or, rule } from 'graphql-shield';
import { DenialReason, PolicyDenial, requireAgencyKind, requireRole, type PolicyRuleContext } from '@intel-gateway/shared';
import type { ShieldRule } from './fieldPolicy';

/**
 * The gateway's named rules; `index.ts` maps them onto `Type.field`. Two kinds:
 *
 * - principal-only rules read nothing but the caller's subject (agency, its kind, country,
 *   roles, clearance). The gateway decides them before planning and removes what they
 *   deny from the operation, so a denied field is never fetched;
 * - record rules read the record too. They carry graphql-shield's `fragment` option: the
 *   selection they need from the parent object (as `{ field ... }`), which the gateway
 *   adds to the operation under a reserved alias and decides on the fetched data.
 */

/** Any caller with a role that works with case data: everyone but auditors, who see audit entries only. */
export const operationalStaff: ShieldRule = requireRole('FRONTLINE', 'NCB_OPERATOR', 'ANALYST', 'AP_ANALYST', 'OWNER_ADMIN', 'SOURCE_HANDLER');

/** Investigators and analysts: operational staff beyond the frontline officer's check. */
export const investigators: ShieldRule = requireRole('NCB_OPERATOR', 'ANALYST', 'AP_ANALYST', 'OWNER_ADMIN', 'SOURCE_HANDLER');

/** Who administers an agency's own records: retention dates, purposes and sharing conditions. */
export const recordAdministrators: ShieldRule = requireRole('OWNER_ADMIN');

/**
 * The INTERPOL channel (diffusions, requests for assistance, red notice details) belongs to
 * the General Secretariat and the NCBs; a regional agency reads notices but not the channel.
 */
export const interpolChannel: ShieldRule = and(requireAgencyKind('GENERAL_SECRETARIAT', 'NCB'), requireRole('NCB_OPERATOR', 'ANALYST', 'OWNER_ADMIN'));

/**
 * Europol-style analysis data: analysis-project analysts of any agency (membership of the
 * project itself is a record rule), and the owner's administrators.
 */
export const analysisProjectStaff: ShieldRule = or(requireRole('AP_ANALYST'), and(requireAgencyKind('REGIONAL_AGENCY'), requireRole('OWNER_ADMIN')));

/** National case files are police data: NCBs and the regional analysis agency, not the General Secretariat. */
export const nationalCaseStaff: ShieldRule = and(requireAgencyKind('NCB', 'REGIONAL_AGENCY'), requireRole('NCB_OPERATOR', 'ANALYST', 'OWNER_ADMIN'));

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
