import { GraphQLError } from 'graphql';
import { and, type IRule, or, rule } from 'graphql-shield';
import type { RefusalReasonSet } from '../errors';
import { ErrorCode } from '../errors';
import type { AgencyKind, Principal, Role } from '../identity/principal';

/** A rule that combines others (`and`, `or`, `not`, …); graphql-shield's package exports only IRule. */
export interface LogicShieldRule {
  getRules(): ShieldRule[];
  extractFragments(): string[];
  evaluate(...args: Parameters<IRule['resolve']>): Promise<Awaited<ReturnType<IRule['resolve']>>[]>;
  resolve: IRule['resolve'];
}
/** Any graphql-shield rule, plain or combined. */
export type ShieldRule = IRule | LogicShieldRule;

/**
 * What a principal-only rule may read: the caller as a kind (agency, its kind and country,
 * roles, clearance), never as a person. Because nothing else reaches these rules, a
 * decision made for one subject holds for every caller with the same subject, and the
 * gateway caches it per operation.
 */
export type PolicySubject = Pick<Principal, 'agency' | 'agencyKind' | 'country' | 'roles' | 'clearance'>;

/** Cuts a principal down to the subject the policy may see. */
export function toPolicySubject(principal: PolicySubject): PolicySubject {
  return {
    agency: principal.agency,
    agencyKind: principal.agencyKind,
    country: principal.country,
    roles: principal.roles,
    clearance: principal.clearance,
  };
}

/** A stable key for a subject: equal keys get equal principal-only decisions. */
export function policySubjectKey(subject: PolicySubject): string {
  return [subject.agency, subject.agencyKind, subject.country, [...subject.roles].sort().join('+'), subject.clearance].join('|');
}

/**
 * The context rules are evaluated with, at the gateway and in each subgraph: the subgraph's
 * own context already holds `caller.principal`, and the gateway passes a subject there.
 */
export interface PolicyRuleContext {
  /** Record rules, decided per request, also see the caller's analysis projects. */
  caller?: { principal: PolicySubject & { projects?: readonly string[] } };
}

/** Why a field was refused. Codes are data: clients and tests match on them. */
export const DenialReason = {
  /** None of the caller's roles may read the field. */
  ROLE_NOT_PERMITTED: 'ROLE_NOT_PERMITTED',
  /** The caller's kind of agency may not read the field. */
  AGENCY_NOT_PERMITTED: 'AGENCY_NOT_PERMITTED',
  /** The field is shown to the record owner's agency only. */
  NOT_RECORD_OWNER: 'NOT_RECORD_OWNER',
  /** The policy has no rule for the field, so it is denied. */
  NO_RULE: 'NO_RULE',
  /** A victim's or witness's details, outside the project or case that holds them. */
  PROTECTED_SUBJECT: 'PROTECTED_SUBJECT',
  /** An informant's identity, to anyone but the owner's source handlers. */
  INFORMANT_PROTECTED: 'INFORMANT_PROTECTED',
  /** A rule refused without giving a reason. */
  DENIED: 'DENIED',
} as const satisfies RefusalReasonSet;
export type DenialReason = (typeof DenialReason)[keyof typeof DenialReason];

/** A rule's refusal: FORBIDDEN with a stable reason code and nothing about the data. */
export class PolicyDenial extends GraphQLError {
  constructor(readonly reason: DenialReason) {
    super('Not authorised', { extensions: { code: ErrorCode.FORBIDDEN, reason } });
  }
}

const subjectOf = (context: PolicyRuleContext) => context.caller?.principal;

/**
 * One rule instance per name. graphql-shield caches 'contextual' results per request under
 * the rule's name, and refuses two different rules with one name, so equal rules must be
 * the same object.
 */
const namedRules = new Map<string, IRule>();
function namedRule(name: string, make: () => IRule): IRule {
  let made = namedRules.get(name);
  if (!made) {
    made = make();
    namedRules.set(name, made);
  }
  return made;
}

/** Allows callers holding at least one of `roles`. */
export function requireRole(...roles: Role[]): IRule {
  const name = `role:${[...roles].sort().join('|')}`;
  return namedRule(name, () =>
    rule(name, { cache: 'contextual' })(async (_parent, _args, context: PolicyRuleContext) =>
      subjectOf(context)?.roles.some((role) => roles.includes(role)) ? true : new PolicyDenial(DenialReason.ROLE_NOT_PERMITTED),
    ),
  );
}

/** Allows callers whose agency is of one of `kinds`. */
export function requireAgencyKind(...kinds: AgencyKind[]): IRule {
  const name = `agency-kind:${[...kinds].sort().join('|')}`;
  return namedRule(name, () =>
    rule(name, { cache: 'contextual' })(async (_parent, _args, context: PolicyRuleContext) => {
      const kind = subjectOf(context)?.agencyKind;
      return kind && kinds.includes(kind) ? true : new PolicyDenial(DenialReason.AGENCY_NOT_PERMITTED);
    }),
  );
}

/**
 * The role groups both the gateway's policy and the subgraphs' own rules are written in.
 * A subgraph applies them per type (its owner's coarse rule); the gateway per field.
 */
export const RoleGroups: Record<
  | 'operationalStaff'
  | 'investigators'
  | 'recordAdministrators'
  | 'auditors'
  | 'interpolChannel'
  | 'analysisProjectStaff'
  | 'nationalCaseStaff',
  ShieldRule
> = {
  /** Any caller with a role that works with case data: everyone but auditors, who see audit entries only. */
  operationalStaff: requireRole('FRONTLINE', 'NCB_OPERATOR', 'ANALYST', 'AP_ANALYST', 'OWNER_ADMIN', 'SOURCE_HANDLER'),
  /** Investigators and analysts: operational staff beyond the frontline officer's check. */
  investigators: requireRole('NCB_OPERATOR', 'ANALYST', 'AP_ANALYST', 'OWNER_ADMIN', 'SOURCE_HANDLER'),
  /** Who administers an agency's own records: retention dates, purposes and sharing conditions. */
  recordAdministrators: requireRole('OWNER_ADMIN'),
  /**
   * Who reads the disclosure audit, and no record content: an agency's auditors (of their own
   * agency's users and records) and the operator's data-protection supervisors (of all).
   */
  auditors: requireRole('AUDITOR', 'DATA_PROTECTION_SUPERVISOR'),
  /**
   * The INTERPOL channel (diffusions, requests for assistance, red notice details) belongs
   * to the General Secretariat and the NCBs; a regional agency reads notices, not the channel.
   */
  interpolChannel: and(requireAgencyKind('GENERAL_SECRETARIAT', 'NCB'), requireRole('NCB_OPERATOR', 'ANALYST', 'OWNER_ADMIN')),
  /**
   * Analysis-project data: project analysts of any agency (membership of the project itself
   * is a record rule), and the regional agency's administrators, who own it.
   */
  analysisProjectStaff: or(requireRole('AP_ANALYST'), and(requireAgencyKind('REGIONAL_AGENCY'), requireRole('OWNER_ADMIN'))),
  /** National case files are police data: NCBs and the regional analysis agency, not the General Secretariat. */
  nationalCaseStaff: and(requireAgencyKind('NCB', 'REGIONAL_AGENCY'), requireRole('NCB_OPERATOR', 'ANALYST', 'OWNER_ADMIN')),
};
