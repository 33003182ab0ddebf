import { RELEASE_GRANTS_WRITTEN_EXTENSION, type SealedReleaseGrant } from '@intel-gateway/shared/audit';
import { OPERATOR_SUBGRAPH } from '@intel-gateway/shared/registry';
import { noteReleaseGrantsWritten, releaseGrantsWrittenBy } from './releaseGrantsWritten';

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
const report = (grants: unknown) => ({ [RELEASE_GRANTS_WRITTEN_EXTENSION]: grants });

describe('noteReleaseGrantsWritten: what the audit record seals', () => {
  it("notes the grants the operator's subgraph reports, answer after answer", () => {
    const context = {};
    noteReleaseGrantsWritten(context, OPERATOR_SUBGRAPH, report([grant]));
    noteReleaseGrantsWritten(context, OPERATOR_SUBGRAPH, report([{ ...grant, _id: 'g2', until: '2027-01-01T00:00:00.000Z' }]));
    expect(releaseGrantsWrittenBy(context).map((g) => g._id)).toEqual(['g1', 'g2']);
    expect(releaseGrantsWrittenBy({})).toEqual([]);
  });

  it('ignores a report from any other subgraph: a contributed subgraph cannot seal a grant of its own making', () => {
    const context = {};
    noteReleaseGrantsWritten(context, 'interpol', report([grant]));
    noteReleaseGrantsWritten(context, 'contributed-ncb-nl', report([grant]));
    expect(releaseGrantsWrittenBy(context)).toEqual([]);
  });

  it.each([
    ['not a list', grant],
    ['a field missing', [{ ...grant, owner: undefined }]],
    ['a field added', [{ ...grant, note: 'x' }]],
    ['a date that is not an instant', [{ ...grant, grantedAt: 'yesterday' }]],
  ])('seals nothing from a report with %s', (_, reported) => {
    const context = {};
    noteReleaseGrantsWritten(context, OPERATOR_SUBGRAPH, report(reported));
    expect(releaseGrantsWrittenBy(context)).toEqual([]);
  });
});
