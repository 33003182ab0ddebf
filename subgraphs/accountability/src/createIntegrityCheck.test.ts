import type { Connection } from 'mongoose';
import { type AuditVerification, verifyAuditTrail } from '@intel-gateway/shared/audit';
import type { CallerContext } from '@intel-gateway/shared/identity';
import { AGENCY_REPORT_REUSE_MS, createIntegrityCheck, OTHER_AGENCIES_PROBLEM, OWN_AGENCY_PROBLEM } from './createIntegrityCheck';

jest.mock('@intel-gateway/shared/audit', () => ({ verifyAuditTrail: jest.fn() }));
const verify = jest.mocked(verifyAuditTrail);

/**
 * The integrity check without a database: verifications asked for at once share one run,
 * an agency's auditor reads a recent report rather than start another, and each caller's view is made from the whole report for that call alone: an agency's
 * auditor reads the problems of its own agency in full and the others only as a count.
 */
const caller = (agency: string, roles: string[], agencyKind = 'NCB') =>
  ({ principal: { agency, agencyKind, roles, user: 'u' }, purpose: null }) as unknown as CallerContext;
const supervisor = caller('OPERATOR', ['DATA_PROTECTION_SUPERVISOR'], 'OPERATOR');
const report: AuditVerification = {
  chains: [{ chainId: 'chain-a', records: 9 }],
  hits: 4,
  releaseGrants: 2,
  problems: [
    {
      chainId: 'chain-a',
      seq: 2,
      problem: "hit chain-a:2:0 (NCB-GB's SltdRecord S2, to NCB-FR) is missing",
      concerns: ['NCB-GB', 'NCB-FR'],
    },
    { chainId: 'chain-a', seq: 5, problem: 'its content does not match its hash (altered)', concerns: ['NCB-DE', 'IPSG'] },
    { chainId: '(registry)', seq: 1, problem: 'the registration of chain chain-b does not match its hash (altered)' },
  ],
};
const connection = {} as Connection;

beforeEach(() => verify.mockReset());

it('runs one verification for the calls made while it runs, and a new one after it ends', async () => {
  let finish!: (report: AuditVerification) => void;
  verify.mockReturnValueOnce(new Promise((resolve) => (finish = resolve)));
  let clock = 0;
  const check = createIntegrityCheck(connection, { keys: [] }, () => clock);
  const calls = [
    check(supervisor, () => Promise.resolve(0)),
    check(caller('NCB-GB', ['AUDITOR']), () => Promise.resolve(3)),
    check(caller('EUROPOL', ['AUDITOR']), () => Promise.resolve(0)),
  ];
  finish(report);
  const [overseen, gb, europol] = await Promise.all(calls);
  expect(verify).toHaveBeenCalledTimes(1);
  expect(overseen).toEqual({ ...report, verified: false });
  expect(gb).toEqual({
    verified: false,
    chains: [],
    hits: 3,
    problems: [
      { chainId: OWN_AGENCY_PROBLEM, problem: expect.stringMatching(/^1 problem\(s\) about your agency/) },
      { chainId: OTHER_AGENCIES_PROBLEM, problem: expect.stringMatching(/^2 problem\(s\) about other agencies/) },
    ],
  });
  expect(europol).toEqual({
    verified: false,
    chains: [],
    hits: 0,
    problems: [{ chainId: OTHER_AGENCIES_PROBLEM, problem: expect.stringMatching(/^3 problem\(s\)/) }],
  });
  // One caller's view never changes what the next one reads.
  expect(report.problems).toHaveLength(3);

  // An agency's auditor asking again at once reads the same report; the supervisor gets a new verification.
  clock = AGENCY_REPORT_REUSE_MS - 1;
  await expect(check(caller('NCB-GB', ['AUDITOR']), () => Promise.resolve(3))).resolves.toMatchObject({ verified: false });
  expect(verify).toHaveBeenCalledTimes(1);
  verify.mockResolvedValueOnce({ chains: [], hits: 0, releaseGrants: 0, problems: [] });
  await expect(check(supervisor, () => Promise.resolve(0))).resolves.toMatchObject({ verified: true });
  expect(verify).toHaveBeenCalledTimes(2);

  // Once the last report is AGENCY_REPORT_REUSE_MS old, an agency's auditor starts a new one.
  clock += AGENCY_REPORT_REUSE_MS;
  verify.mockResolvedValueOnce(report);
  await expect(check(caller('NCB-GB', ['AUDITOR']), () => Promise.resolve(3))).resolves.toMatchObject({ verified: false });
  expect(verify).toHaveBeenCalledTimes(3);
});

it('starts again after a verification that failed', async () => {
  verify.mockRejectedValueOnce(new Error('store unavailable')).mockResolvedValueOnce(report);
  const check = createIntegrityCheck(connection, { keys: [] });
  await expect(check(supervisor, () => Promise.resolve(0))).rejects.toThrow('store unavailable');
  await expect(check(supervisor, () => Promise.resolve(0))).resolves.toMatchObject({ verified: false });
  expect(verify).toHaveBeenCalledTimes(2);
});
