import { GraphQLError } from 'graphql';
import { rule, type IRule } from 'graphql-shield';
import { ErrorCode } from '../errors';
import type { AgencyKind, Principal, Role } from '../principal';

/**
 * What a principal-only rule may read: the caller as a kind (agency, its kind and country,
 * roles, clearance), never as a person. Because nothing else reaches these rules, a
 * decision made for one subject holds for every caller with the same subject, and the
 * gateway caches it per operation.
 */
export type PolicySubject = Pick<Principal, 'agency' | 'agencyKind' | 'country' | 'roles' | 'clearance'>;

/** Cuts a principal down to the subject the policy may see. */
export function toPolicySubject(principal: PolicySubject): PolicySubject {
  return { agency: principal.agency, agencyKind: principal.agencyKind, country: principal.country, roles: principal.roles, clearance: principal.clearance };
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
  caller?: { principal: PolicySubject };
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
  /** A rule refused without giving a reason. */
  DENIED: 'DENIED',
} as const;
export type DenialReason = (typeof DenialReason)[keyof typeof DenialReason];

/** A rule's refusal: FORBIDDEN with a stable reason code and nothing about the data. */
export class PolicyDenial extends GraphQLError {
  constructor(readonly reason: DenialReason) {
    super('Not authorised', { extensions: { code: ErrorCode.FORBIDDEN, reason } });
  }
}

const subjectOf = (context: PolicyRuleContext) => context.caller?.principal;

/**
 * Allows callers holding at least one of `roles`. The rule's name is derived from the
 * roles because graphql-shield caches 'contextual' results per request under that name.
 */
export function requireRole(...roles: Role[]): IRule {
  return rule(`role:${[...roles].sort().join('|')}`, { cache: 'contextual' })(async (_parent, _args, context: PolicyRuleContext) =>
    subjectOf(context)?.roles.some((role) => roles.includes(role)) ? true : new PolicyDenial(DenialReason.ROLE_NOT_PERMITTED),
  );
}

/** Allows callers whose agency is of one of `kinds`. */
export function requireAgencyKind(...kinds: AgencyKind[]): IRule {
  return rule(`agency-kind:${[...kinds].sort().join('|')}`, { cache: 'contextual' })(async (_parent, _args, context: PolicyRuleContext) => {
    const kind = subjectOf(context)?.agencyKind;
    return kind && kinds.includes(kind) ? true : new PolicyDenial(DenialReason.AGENCY_NOT_PERMITTED);
  });
}
