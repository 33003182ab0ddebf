import type { CollectionSizes } from './collectionSizes';
import { dateIn, fakerFor, generatedName, SEED_YEAR_START } from './fakerFor';
import type { InterpolGenerators } from './interpolGenerators';
import { ALL_NCBS, NCBS, OFFENCES } from './seedVocabulary';
import { provenance } from './stories';

/** Generators of the national police's collections (record `i` for a seed); their records cite INTERPOL's. */
export function nationalGenerators(seed: number, sizes: CollectionSizes, interpol: InterpolGenerators) {
  const { sltd, notice, vinOf } = interpol;
  const caseFile = (i: number) => {
    const f = fakerFor(seed, 7, i);
    const owner = NCBS[i % NCBS.length]!;
    const openedAt = dateIn(f);
    const sltdIndex = (i * 7) % sizes.interpol.Sltd;
    const doc = sltd(sltdIndex);
    return {
      _id: `${owner.country}-${openedAt.getUTCFullYear()}-${String(100000 + i)}`,
      reference: `${owner.country}/${f.string.alphanumeric({ length: 6, casing: 'upper' })}`,
      title: `${f.helpers.arrayElement(OFFENCES)} investigation ${f.location.city()}`,
      offence: f.helpers.arrayElement(OFFENCES),
      status: f.helpers.arrayElement(['OPEN', 'OPEN', 'SUSPENDED', 'CLOSED'] as const),
      openedAt,
      leadUnit: f.helpers.arrayElement(['Organised Crime Unit', 'Fraud Squad', 'Drugs Unit', 'Cybercrime Centre']),
      travelDocuments: i % 3 === 0 ? [{ issuingCountry: doc.issuingCountry, documentType: doc.documentType, number: doc.number }] : [],
      // Derived by the schema on validated writes; the stored form carries it.
      documentNumbers: i % 3 === 0 ? [doc.number] : [],
      vehicleVins: i % 4 === 0 ? [vinOf((i * 3) % sizes.interpol.Smv)] : [],
      provenance: provenance(owner.code, owner.country, openedAt),
    };
  };
  const nationalPerson = (i: number) => {
    const f = fakerFor(seed, 8, i);
    const caseIndex = i % sizes.national.CaseFile;
    const parent = caseFile(caseIndex);
    const person = generatedName(seed, 8, i);
    const linkedNotice = i % 5 === 0 ? notice((i * 11) % sizes.interpol.Notice) : null;
    return {
      _id: `${parent.provenance.ownerCountry}-P-${String(100000 + i)}`,
      caseFileId: parent._id,
      role: f.helpers.arrayElement([
        'SUSPECT',
        'SUSPECT',
        'ACCUSED',
        'CONVICTED',
        'VICTIM',
        'WITNESS',
        'INFORMANT',
        'MISSING',
        'CONTACT',
      ] as const),
      name: linkedNotice ? linkedNotice.subject.name : person.name,
      dateOfBirth: linkedNotice
        ? linkedNotice.subject.dateOfBirth
        : f.date.birthdate({ mode: 'age', min: 16, max: 80, refDate: SEED_YEAR_START }).toISOString().slice(0, 10),
      nationalities: linkedNotice ? linkedNotice.subject.nationalities : [person.nationality],
      interpolNoticeId: linkedNotice?._id ?? null,
      // One person in four has a DNA profile or fingerprint set on file.
      biometrics:
        i % 4 === 0
          ? [
              {
                kind: i % 8 === 0 ? ('DNA' as const) : ('FINGERPRINTS' as const),
                profile: `${i % 8 === 0 ? 'DNA' : 'FP'}-${parent.provenance.ownerCountry}-${String(100000 + i)}`,
              },
            ]
          : [],
      provenance: parent.provenance,
    };
  };
  const request = (i: number) => {
    const f = fakerFor(seed, 9, i);
    const from = NCBS[i % NCBS.length]!;
    const sentAt = dateIn(f);
    return {
      _id: `RFA-${String(i).padStart(7, '0')}`,
      fromNcb: from.code,
      toNcb: f.helpers.arrayElement(ALL_NCBS.filter((n) => n !== from.code)),
      channel: f.helpers.arrayElement(['I24_7', 'SIENA', 'DIPLOMATIC', 'LIAISON_OFFICER'] as const),
      legalBasis: f.helpers.arrayElement([
        'European Convention on Mutual Assistance in Criminal Matters (1959)',
        'Directive 2014/41/EU (European Investigation Order)',
        'Bilateral treaty',
        'INTERPOL Rules on the Processing of Data',
      ]),
      subject: `Request for ${f.helpers.arrayElement(['subscriber data', 'criminal record', 'witness hearing', 'bank records', 'location of a suspect'])}`,
      status: f.helpers.arrayElement(['DRAFT', 'SENT', 'ACKNOWLEDGED', 'ANSWERED', 'REFUSED'] as const),
      sentAt,
      caseFileId: caseFile(i % sizes.national.CaseFile)._id,
      provenance: provenance(from.code, from.country, sentAt),
    };
  };
  const wanted = (i: number) => {
    const f = fakerFor(seed, 10, i);
    const person = nationalPerson(i * 2);
    const owner = NCBS.find((n) => n.country === person.provenance.ownerCountry)!;
    return {
      _id: `WNT-${String(i).padStart(7, '0')}`,
      listName: owner.country === 'GB' ? 'Most Wanted abroad' : owner.country === 'FR' ? 'Personnes recherchées' : 'Fahndungsliste',
      personId: person._id,
      appeal: `Wanted in connection with ${f.helpers.arrayElement(OFFENCES).toLowerCase()}; believed to be abroad.`,
      rewardOffered: f.helpers.maybe(() => `${f.number.int({ min: 1, max: 20 }) * 5000} EUR`, { probability: 0.3 }) ?? null,
      addedAt: dateIn(f),
      provenance: { ...person.provenance, tlp: 'CLEAR' as const },
    };
  };
  return { caseFile, nationalPerson, request, wanted };
}
