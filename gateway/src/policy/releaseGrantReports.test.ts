import { RELEASE_GRANT_TYPES_EXTENSION } from '@intel-gateway/shared/policy';
import { ReleaseGrantReports } from './releaseGrantReports';

const report = (...types: unknown[]) => ({ [RELEASE_GRANT_TYPES_EXTENSION]: types });

describe('the release grants the subgraphs of one request held for its caller', () => {
  it('rule out a grant of a type only when every provenance subgraph of it answered and listed other types', () => {
    const reports = new ReleaseGrantReports();
    const sources = ['europol', 'projects'];
    reports.heard('europol', report('Contribution'));
    // One of the two was never heard from.
    expect(reports.mayHaveServedOnGrant('PersonEntry', sources)).toBe(true);
    reports.heard('projects', report());
    expect(reports.mayHaveServedOnGrant('PersonEntry', sources)).toBe(false);
    expect(reports.mayHaveServedOnGrant('Contribution', sources)).toBe(true);
    // A type no subgraph resolves the provenance of is never ruled out.
    expect(reports.mayHaveServedOnGrant('PersonEntry', [])).toBe(true);
    // Another subgraph's report is not read for these.
    reports.heard('national', report('PersonEntry'));
    expect(reports.mayHaveServedOnGrant('PersonEntry', sources)).toBe(false);
  });

  it('join the types of a subgraph’s answers, and an answer that says nothing readable makes them unknown for the rest of the request', () => {
    const reports = new ReleaseGrantReports();
    reports.heard('europol', report());
    reports.heard('europol', report('PersonEntry'));
    reports.heard('europol', report());
    expect(reports.mayHaveServedOnGrant('PersonEntry', ['europol'])).toBe(true);
    expect(reports.mayHaveServedOnGrant('ObjectEntry', ['europol'])).toBe(false);
    for (const unreadable of [undefined, {}, { [RELEASE_GRANT_TYPES_EXTENSION]: 'PersonEntry' }, report('Contribution', null)]) {
      const each = new ReleaseGrantReports();
      each.heard('europol', report());
      each.heard('europol', unreadable);
      each.heard('europol', report());
      expect(each.mayHaveServedOnGrant('ObjectEntry', ['europol'])).toBe(true);
    }
  });
});
