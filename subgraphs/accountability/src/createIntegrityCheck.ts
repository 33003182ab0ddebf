import type { JSONWebKeySet } from 'jose';
import type { Connection } from 'mongoose';
import { type AuditProblem, type AuditVerification, verifyAuditTrail } from '@intel-gateway/shared/audit';
import { type CallerContext, oversees } from '@intel-gateway/shared/identity';

/** The `chainId` of the one problem that stands for those about the auditor's own agency. */
export const OWN_AGENCY_PROBLEM = '(your agency)';
/** The `chainId` of the one problem that stands for those about other agencies, or the trail as a whole. */
export const OTHER_AGENCIES_PROBLEM = '(other agencies)';

/** What `auditIntegrity` answers (how many release grants there are is not among it: the count tells every agency's approvals). */
export interface AuditIntegrity extends Omit<AuditVerification, 'releaseGrants'> {
  verified: boolean;
}

/** The integrity report as `caller` may read it; `countOwnHits` counts its agency's hits. */
export type IntegrityCheck = (caller: CallerContext, countOwnHits: () => Promise<number>) => Promise<AuditIntegrity>;

/**
 * The problems as an agency's auditor reads them: how many are about its agency (a record
 * or hit of which it is the owner or the caller, as stored) and how many are not, never
 * where. A problem's place (chain, sequence, stored ids) would tell how many operations
 * every agency ran, and its text names other agencies' records and callers; the operator's
 * data-protection supervisor reads them in full.
 */
function problemsFor(problems: AuditProblem[], agency: string): AuditProblem[] {
  const own = problems.filter((p) => p.concerns?.includes(agency)).length;
  const others = problems.length - own;
  return [
    ...(own > 0
      ? [
          {
            chainId: OWN_AGENCY_PROBLEM,
            problem: `${own} problem(s) about your agency's records or callers (an audit record, hit or release grant missing, altered or inserted); the operator's data-protection supervisor reads where`,
          },
        ]
      : []),
    ...(others > 0
      ? [
          {
            chainId: OTHER_AGENCIES_PROBLEM,
            problem: `${others} problem(s) about other agencies' records or callers, or about the trail as a whole`,
          },
        ]
      : []),
  ];
}

/**
 * How long a finished verification answers agency auditors before one of them starts
 * another (ms): each reads the whole store, and an agency's auditor could otherwise keep
 * one running back to back, loading the database the audit is written to.
 */
export const AGENCY_REPORT_REUSE_MS = 60_000;

/**
 * The `auditIntegrity` check. A full verification reads the whole store, so it is shared:
 * a call made while one runs waits for that one's report instead of starting another, so
 * at most one runs at a time however many auditors ask. The operator's supervisor always
 * gets a verification that started after its call or was running at it; an agency's
 * auditor also gets the last report while it is younger than AGENCY_REPORT_REUSE_MS
 * (`now` tells the time). What is shared is the whole report; each caller's view is made
 * from it for that call alone. The verdict covers the whole trail for everyone; how many
 * records each chain holds and how many hits there are overall describe every agency's
 * activity, so an agency's auditor gets no chain list, the count of its own agency's hits
 * only, and the problems as counts (`problemsFor`).
 */
export function createIntegrityCheck(connection: Connection, gatewayJwks: JSONWebKeySet, now: () => number = Date.now): IntegrityCheck {
  let running: Promise<AuditVerification> | undefined;
  let last: { report: AuditVerification; finishedAt: number } | undefined;
  const verification = (): Promise<AuditVerification> =>
    (running ??= verifyAuditTrail(connection, gatewayJwks, { concerns: true })
      .then((report) => {
        last = { report, finishedAt: now() };
        return report;
      })
      .finally(() => {
        running = undefined;
      }));
  return async (caller, countOwnHits) => {
    const overseer = oversees(caller.principal);
    const recent = !overseer && !running && last && now() - last.finishedAt < AGENCY_REPORT_REUSE_MS ? last.report : undefined;
    const report = recent ?? (await verification());
    const verified = report.problems.length === 0;
    if (overseer) return { ...report, verified };
    return { verified, chains: [], hits: await countOwnHits(), problems: problemsFor(report.problems, caller.principal.agency) };
  };
}
