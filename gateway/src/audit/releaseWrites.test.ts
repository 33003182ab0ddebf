import {
  RELEASE_DECISIONS_WRITTEN_EXTENSION,
  RELEASE_GRANTS_WRITTEN_EXTENSION,
  RELEASE_REQUESTS_WRITTEN_EXTENSION,
  type SealedReleaseGrant,
  type SealedReleaseRequest,
} from '@intel-gateway/shared/audit';
import type { Principal } from '@intel-gateway/shared/identity';
import { OPERATOR_SUBGRAPH } from '@intel-gateway/shared/registry';
import { noteReleaseWrites, releaseWritesOf } from './releaseWrites';

const grant: SealedReleaseGrant = {
  _id: 'g1',
  agency: 'NCB-GB',
  purpose: 'CRIMINAL_INVESTIGATION',
  recordType: 'PersonEntry',
  owner: 'EUROPOL',
  recordId: 'EP-1',
  until: null,
  conditions: null,
  grantedAt: '2026-12-01T09:00:00.000Z',
};
const request: SealedReleaseRequest = {
  _id: 'r1',
  reference: 'HIT-abc',
  recordType: 'PersonEntry',
  recordId: 'EP-1',
  owner: 'EUROPOL',
  requesterAgency: 'NCB-GB',
  requesterUser: 'gb-analyst',
  purpose: 'CRIMINAL_INVESTIGATION',
  justificationHash: 'a'.repeat(64),
};
const report = (grants: unknown, requests?: unknown) => ({
  [RELEASE_GRANTS_WRITTEN_EXTENSION]: grants,
  ...(requests === undefined ? {} : { [RELEASE_REQUESTS_WRITTEN_EXTENSION]: requests }),
});
const errors: unknown[] = [];
/** An operation's context: its caller (agency, purpose) and a logger that keeps what it is told. */
const contextOf = (agency: string, purpose: 'CRIMINAL_INVESTIGATION' | 'BORDER_CONTROL' = 'CRIMINAL_INVESTIGATION') =>
  ({
    principal: { agency, user: 'gb-analyst' } as Principal,
    purpose,
    requestScope: { id: 'r', logger: { error: (...args: unknown[]) => errors.push(args) } },
  }) as unknown as Parameters<typeof noteReleaseWrites>[0];

beforeEach(() => (errors.length = 0));

describe('noteReleaseWrites: what the audit record seals', () => {
  it("notes the grants of the owner's approval and the requests of the requester, answer after answer", () => {
    const owner = contextOf('EUROPOL');
    noteReleaseWrites(owner, OPERATOR_SUBGRAPH, report([grant]));
    noteReleaseWrites(owner, OPERATOR_SUBGRAPH, report([{ ...grant, _id: 'g2', until: '2027-01-01T00:00:00.000Z' }]));
    expect(releaseWritesOf(owner).releaseGrants.map((g) => g._id)).toEqual(['g1', 'g2']);
    noteReleaseWrites(owner, OPERATOR_SUBGRAPH, {
      [RELEASE_DECISIONS_WRITTEN_EXTENSION]: [{ _id: 'r1', owner: 'EUROPOL', approve: false }],
    });
    expect(releaseWritesOf(owner).releaseDecisions).toEqual([{ _id: 'r1', owner: 'EUROPOL', approve: false }]);
    const requester = contextOf('NCB-GB');
    noteReleaseWrites(requester, OPERATOR_SUBGRAPH, { [RELEASE_REQUESTS_WRITTEN_EXTENSION]: [request] });
    expect(releaseWritesOf(requester)).toEqual({ releaseRequests: [request], releaseDecisions: [], releaseGrants: [] });
    expect(releaseWritesOf({})).toEqual({ releaseRequests: [], releaseDecisions: [], releaseGrants: [] });
    expect(errors).toEqual([]);
  });

  it('ignores a report from any other subgraph: a contributed subgraph cannot seal terms of its own making', () => {
    const context = contextOf('EUROPOL');
    noteReleaseWrites(context, 'interpol', report([grant]));
    noteReleaseWrites(context, 'contributed-ncb-nl', report([grant], [request]));
    expect(releaseWritesOf(context)).toEqual({ releaseRequests: [], releaseDecisions: [], releaseGrants: [] });
  });

  it("seals nothing that is not the caller's own: a grant or decision on another owner's record, a request of another agency, user or purpose", () => {
    const context = contextOf('NCB-GB', 'BORDER_CONTROL');
    noteReleaseWrites(context, OPERATOR_SUBGRAPH, {
      ...report(
        [grant],
        [request, { ...request, _id: 'r2', requesterAgency: 'NCB-FR' }, { ...request, _id: 'r3', requesterUser: 'gb-other' }],
      ),
      [RELEASE_DECISIONS_WRITTEN_EXTENSION]: [{ _id: 'r1', owner: 'EUROPOL', approve: true }],
    });
    expect(releaseWritesOf(context)).toEqual({ releaseRequests: [], releaseDecisions: [], releaseGrants: [] });
    expect(errors).toHaveLength(1);
  });

  it.each([
    ['not a list', grant],
    ['a field missing', [{ ...grant, owner: undefined }]],
    ['a field added', [{ ...grant, note: 'x' }]],
    ['a date that is not an instant', [{ ...grant, grantedAt: 'yesterday' }]],
  ])('seals nothing from a report with %s, and says so', (_, reported) => {
    const context = contextOf('EUROPOL');
    noteReleaseWrites(context, OPERATOR_SUBGRAPH, report(reported));
    expect(releaseWritesOf(context).releaseGrants).toEqual([]);
    expect(errors).toHaveLength(1);
  });
});
