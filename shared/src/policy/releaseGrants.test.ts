import { ReleasedRecords } from './releaseGrants';

const grant = (recordType: string, owner: string, recordId: string, until: Date | null = null, conditions: string | null = null) => ({
  recordType,
  owner,
  recordId,
  until,
  conditions,
});
const NOW = new Date('2026-12-05T08:00:00Z');

describe('ReleasedRecords', () => {
  it('keys a release by type, owner and id: no other type, owner or id is released', () => {
    const released = new ReleasedRecords([grant('NationalPerson', 'NCB-DE', 'X-1', null, 'Not further.')], NOW);
    expect(released.has('NationalPerson', 'NCB-DE', 'X-1')).toBe(true);
    expect(released.has('CaseFile', 'NCB-DE', 'X-1')).toBe(false);
    expect(released.has('NationalPerson', 'NCB-FR', 'X-1')).toBe(false);
    expect(released.has('NationalPerson', 'NCB-DE', 'X-2')).toBe(false);
    expect(released.conditionsOf('NationalPerson', 'NCB-DE', 'X-1')).toBe('Not further.');
    expect(released.filterFor('NationalPerson')).toEqual({ 'provenance.owner': 'NCB-DE', _id: { $in: ['X-1'] } });
    expect(released.filterFor('CaseFile')).toEqual({ _id: { $in: [] } });
  });

  it('keeps the records of refused grants apart: they release nothing, and are named by type, owner and id', () => {
    const released = new ReleasedRecords([grant('PersonEntry', 'EUROPOL', 'E-1')], NOW, false, [grant('PersonEntry', 'EUROPOL', 'E-2')]);
    expect(released.has('PersonEntry', 'EUROPOL', 'E-2')).toBe(false);
    expect(released.refused('PersonEntry', 'EUROPOL', 'E-2')).toBe(true);
    expect(released.refused('PersonEntry', 'EUROPOL', 'E-1')).toBe(false);
    expect(released.refused('ObjectEntry', 'EUROPOL', 'E-2')).toBe(false);
    expect(released.refused('PersonEntry', 'NCB-FR', 'E-2')).toBe(false);
  });

  it('one branch per owner, narrowed to the ids a lookup asks for', () => {
    const released = new ReleasedRecords(
      [grant('PersonEntry', 'EUROPOL', 'E-1'), grant('PersonEntry', 'EUROPOL', 'E-2'), grant('PersonEntry', 'NCB-FR', 'E-3')],
      NOW,
    );
    expect(released.filterFor('PersonEntry')).toEqual({
      $or: [
        { 'provenance.owner': 'EUROPOL', _id: { $in: ['E-1', 'E-2'] } },
        { 'provenance.owner': 'NCB-FR', _id: { $in: ['E-3'] } },
      ],
    });
    expect(released.filterFor('PersonEntry', ['E-2', 'E-9'])).toEqual({ 'provenance.owner': 'EUROPOL', _id: { $in: ['E-2'] } });
    expect(released.filterFor('PersonEntry', ['E-9'])).toEqual({ _id: { $in: [] } });
  });

  it('leaves out a release whose end has come, and says when the first remaining one ends', () => {
    const ended = grant('NationalPerson', 'NCB-DE', 'X-1', new Date(NOW.getTime() - 1));
    const endsSoon = grant('NationalPerson', 'NCB-DE', 'X-2', new Date(NOW.getTime() + 60_000));
    const released = new ReleasedRecords([ended, endsSoon, grant('NationalPerson', 'NCB-DE', 'X-3')], NOW);
    expect(released.has('NationalPerson', 'NCB-DE', 'X-1')).toBe(false);
    expect(released.has('NationalPerson', 'NCB-DE', 'X-2')).toBe(true);
    expect(released.firstEnd).toBe(NOW.getTime() + 60_000);
    expect(new ReleasedRecords([endsSoon], new Date(NOW.getTime() + 60_000)).has('NationalPerson', 'NCB-DE', 'X-2')).toBe(false);
  });
});
