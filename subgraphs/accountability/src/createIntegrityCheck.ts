import type { JSONWebKeySet } from 'jose';
import type { Connection } from 'mongoose';
import { type AuditProblem, type AuditVerification, verifyAuditTrail } from '@intel-gateway/shared/audit';
import { type CallerContext, oversees } from '@intel-gateway/shared/identity';

/** The `chainId` of the one problem that stands for those an agency's auditor may not read. */
export const OTHER_AGENCIES_PROBLEM = '(other agencies)';

/** What `auditIntegrity` answers. */
export interface AuditIntegrity extends AuditVerification {
  verified: boolean;
}

/** The integrity report as `caller` may read it; `countOwnHits` counts its agency's hits. */
export type IntegrityCheck = (caller: CallerContext, countOwnHits: () => Promise<number>) => Promise<AuditIntegrity>;

/**
 * The problems an agency's auditor may read: those about its agency (as the records' owner
 * or as the caller) in full; the others, which name other agencies' records and callers,
 * only as how many there are.
 */
function problemsFor(problems: AuditProblem[], agency: string): AuditProblem[] {
  const own = problems.filter((p) => p.concerns?.includes(agency));
  const others = problems.length - own.length;
  if (others === 0) return own;
  return [
    ...own,
    {
      chainId: OTHER_AGENCIES_PROBLEM,
      problem: `${others} problem(s) about other agencies' records or callers, or about the trail as a whole`,
    },
  ];
}

/**
 * The `auditIntegrity` check. A full verification reads the whole store, so it is shared:
 * a call made while one runs waits for that one's report instead of starting another, so
 * at most one runs at a time however many auditors ask. A finished report is not kept: the
 * next call verifies again, so a change to the store shows to the first caller after it.
 * What is shared is the whole report; each caller's view is made from it for that call
 * alone. The verdict covers the whole trail for everyone; how many records each chain
 * holds and how many hits there are overall describe every agency's activity, so an
 * agency's auditor gets no chain list, the count of its own agency's hits only, and the
 * problems of its agency only (`problemsFor`).
 */
export function createIntegrityCheck(connection: Connection, gatewayJwks: JSONWebKeySet): IntegrityCheck {
  let running: Promise<AuditVerification> | undefined;
  const verification = (): Promise<AuditVerification> =>
    (running ??= verifyAuditTrail(connection, gatewayJwks, { concerns: true }).finally(() => {
      running = undefined;
    }));
  return async (caller, countOwnHits) => {
    const report = await verification();
    const verified = report.problems.length === 0;
    if (oversees(caller.principal)) return { ...report, verified };
    return { verified, chains: [], hits: await countOwnHits(), problems: problemsFor(report.problems, caller.principal.agency) };
  };
}
