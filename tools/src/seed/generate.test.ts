import mongoose from 'mongoose';
import { createEuropolModels } from '@intel-gateway/europol';
import { createInterpolModels } from '@intel-gateway/interpol';
import { createNationalModels } from '@intel-gateway/national';
import { collectionSizes } from './collectionSizes';
import { generators } from './generate';

describe('seed generators', () => {
  const sizes = collectionSizes(1_000);

  it('give the same record for the same seed and index, whatever was generated before', () => {
    const a = generators(7, sizes);
    const b = generators(7, sizes);
    b.interpol.Notice(5); // Generating other records in between changes nothing.
    expect(a.interpol.Notice(3)).toEqual(b.interpol.Notice(3));
    expect(a.national.NationalPerson(40)).toEqual(b.national.NationalPerson(40));
  });

  it('give different data for a different seed', () => {
    expect(generators(1, sizes).interpol.Sltd(0).number).not.toBe(generators(2, sizes).interpol.Sltd(0).number);
  });

  it('produce unique natural keys', () => {
    const make = generators(7, sizes);
    const documents = new Set(
      Array.from({ length: sizes.interpol.Sltd }, (_, i) => make.interpol.Sltd(i)).map(
        (d) => `${d.issuingCountry}|${d.documentType}|${d.number}`,
      ),
    );
    expect(documents.size).toBe(sizes.interpol.Sltd);
    const vins = new Set(Array.from({ length: sizes.interpol.Smv }, (_, i) => make.interpol.Smv(i).vin));
    expect(vins.size).toBe(sizes.interpol.Smv);
  });

  it('hold names in several scripts, each with a Latin transliteration', () => {
    const make = generators(7, sizes);
    const names = Array.from({ length: 20 }, (_, i) => make.interpol.Notice(i).subject.name);
    expect(new Set(names.map((n) => n.script))).toEqual(new Set(['LATIN', 'ARABIC', 'CYRILLIC', 'HAN']));
    for (const name of names.filter((n) => n.script !== 'LATIN')) {
      expect(name.original).toBeTruthy();
      expect(name.transliterations[0]).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('cross-reference records that exist: case documents are SLTD keys, cited notices are generated notices', () => {
    const make = generators(7, sizes);
    const sltdKeys = new Set(Array.from({ length: sizes.interpol.Sltd }, (_, i) => make.interpol.Sltd(i)).map((d) => d.number));
    const noticeIds = new Set(Array.from({ length: sizes.interpol.Notice }, (_, i) => make.interpol.Notice(i)._id));
    for (let i = 0; i < 30; i++) for (const d of make.national.CaseFile(i).travelDocuments) expect(sltdKeys.has(d.number)).toBe(true);
    for (let i = 0; i < 50; i++) {
      const cited = make.national.NationalPerson(i).interpolNoticeId;
      if (cited) expect(noticeIds.has(cited)).toBe(true);
    }
  });

  it('produce records exactly as mongoose would store them, so batches can skip its per-document work', async () => {
    // An unopened connection: models compile and validate without a server.
    const connection = mongoose.createConnection();
    const models: Record<string, Record<string, mongoose.Model<unknown>>> = {
      interpol: createInterpolModels(connection) as never,
      europol: createEuropolModels(connection) as never,
      national: createNationalModels(connection) as never,
    };
    const make = generators(7, sizes) as unknown as Record<string, Record<string, (i: number) => Record<string, unknown>>>;
    const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
    for (const [subgraph, byModel] of Object.entries(make)) {
      for (const [model, generate] of Object.entries(byModel)) {
        for (const i of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) {
          const record = generate(i % sizes[subgraph as keyof typeof sizes][model as never]);
          const stored = new models[subgraph]![model]!(record);
          await stored.validate();
          // Casting, defaults and derived fields (name keys) would show up as a difference.
          expect({ model, i, stored: plain(stored.toObject({ versionKey: false })) }).toEqual({ model, i, stored: plain(record) });
        }
      }
    }
    await connection.close();
  });
});
