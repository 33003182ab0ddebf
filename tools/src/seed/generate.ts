import { type Faker, fakerAR, fakerDE, fakerEN_GB, fakerES, fakerFR, fakerIT, fakerRU, fakerZH_CN } from '@faker-js/faker';
import type { PersonName } from '@intel-gateway/shared/records';
import { personName } from './names';
import { provenance, STORY } from './stories';

/**
 * Deterministic generators for every seeded collection. Record `i` of a collection depends
 * only on (seed, collection, i): any batch can be produced alone, in any order, and the
 * same seed and size always give the same database.
 */

const NAME_LOCALES: { faker: Faker; script: PersonName['script']; nationality: string }[] = [
  { faker: fakerEN_GB, script: 'LATIN', nationality: 'GB' },
  { faker: fakerFR, script: 'LATIN', nationality: 'FR' },
  { faker: fakerDE, script: 'LATIN', nationality: 'DE' },
  { faker: fakerES, script: 'LATIN', nationality: 'ES' },
  { faker: fakerIT, script: 'LATIN', nationality: 'IT' },
  { faker: fakerAR, script: 'ARABIC', nationality: 'MA' },
  { faker: fakerAR, script: 'ARABIC', nationality: 'SY' },
  { faker: fakerRU, script: 'CYRILLIC', nationality: 'RU' },
  { faker: fakerRU, script: 'CYRILLIC', nationality: 'UA' },
  { faker: fakerZH_CN, script: 'HAN', nationality: 'CN' },
];
const ISSUING_COUNTRIES = ['GB', 'FR', 'DE', 'ES', 'IT', 'NL', 'BE', 'PL', 'US', 'MA'];
const NCBS = [
  { code: 'NCB-GB', country: 'GB' },
  { code: 'NCB-FR', country: 'FR' },
  { code: 'NCB-DE', country: 'DE' },
];
const ALL_NCBS = ['NCB-GB', 'NCB-FR', 'NCB-DE', 'NCB-ES', 'NCB-IT', 'NCB-NL', 'NCB-US', 'NCB-MA'];
const DOCUMENT_TYPES = ['PASSPORT', 'PASSPORT', 'PASSPORT', 'ID_CARD', 'ID_CARD', 'VISA', 'RESIDENCE_PERMIT', 'TRAVEL_DOCUMENT'] as const;
const SLTD_STATUSES = ['STOLEN', 'STOLEN', 'LOST', 'LOST', 'LOST', 'REVOKED', 'INVALID', 'STOLEN_BLANK'] as const;
const NOTICE_TYPES = ['RED', 'RED', 'RED', 'YELLOW', 'BLUE', 'BLACK', 'GREEN', 'ORANGE', 'PURPLE', 'SILVER', 'UN_SPECIAL'] as const;
const NOTICE_LETTER: Record<(typeof NOTICE_TYPES)[number], string> = {
  RED: 'A',
  YELLOW: 'D',
  BLUE: 'B',
  BLACK: 'F',
  GREEN: 'C',
  ORANGE: 'E',
  PURPLE: 'P',
  SILVER: 'S',
  UN_SPECIAL: 'U',
};
const OFFENCES = [
  'Drug trafficking',
  'Trafficking in human beings',
  'Money laundering',
  'Armed robbery',
  'Fraud',
  'Cybercrime',
  'Murder',
  'Firearms trafficking',
  'Organised vehicle theft',
  'Terrorism',
];
const FIREARM_MAKES = ['Glock', 'Beretta', 'CZ', 'Heckler & Koch', 'SIG Sauer', 'Walther', 'Zastava'];
const SEED_YEAR_START = Date.UTC(2022, 0, 1);
const SEED_YEAR_SPAN = Date.UTC(2026, 9, 1) - SEED_YEAR_START;

/** A faker instance positioned for record `i` of `collection`. */
function fakerFor(seed: number, collection: number, i: number, base: Faker = fakerEN_GB): Faker {
  base.seed([seed, collection, i]);
  return base;
}

function dateIn(f: Faker): Date {
  return new Date(SEED_YEAR_START + Math.floor(f.number.float({ min: 0, max: 1 }) * SEED_YEAR_SPAN));
}

function generatedName(seed: number, collection: number, i: number): { name: PersonName; nationality: string; sex: 'FEMALE' | 'MALE' } {
  const locale = NAME_LOCALES[i % NAME_LOCALES.length]!;
  const f = fakerFor(seed, collection, i, locale.faker);
  const sex = f.helpers.arrayElement(['female', 'male'] as const);
  const name = personName(f.person.lastName(sex), f.person.firstName(sex), locale.script);
  return { name, nationality: locale.nationality, sex: sex === 'female' ? 'FEMALE' : 'MALE' };
}

/** Record counts per collection for a seed of `size` SLTD records. */
export function collectionSizes(size: number) {
  const atLeast = (min: number, n: number) => Math.max(min, Math.floor(n));
  return {
    interpol: {
      Sltd: size,
      Notice: atLeast(20, size / 10),
      Diffusion: atLeast(10, size / 50),
      Smv: atLeast(20, size / 10),
      Firearm: atLeast(10, size / 20),
      WorkOfArt: atLeast(10, size / 50),
    },
    national: {
      CaseFile: atLeast(30, size / 20),
      NationalPerson: atLeast(60, size / 10),
      RequestForAssistance: atLeast(10, size / 50),
      WantedPerson: atLeast(10, size / 100),
    },
    europol: {
      AnalysisProject: ANALYSIS_PROJECTS.length,
      Contribution: atLeast(20, size / 20),
      PersonEntry: atLeast(20, size / 20),
      ObjectEntry: atLeast(10, size / 40),
      EntityLink: atLeast(10, size / 20),
    },
  };
}
export type CollectionSizes = ReturnType<typeof collectionSizes>;

const ANALYSIS_PROJECTS = [
  { _id: STORY.project, name: 'Synthetic drugs', purpose: 'Production and trafficking of synthetic drugs and precursors' },
  { _id: 'AP-CYCLOPS', name: 'Cybercrime', purpose: 'Payment-card fraud and online fraud schemes' },
  { _id: 'AP-PHOENIX', name: 'Human trafficking', purpose: 'Trafficking in human beings for exploitation' },
  { _id: 'AP-WEAPONS', name: 'Firearms', purpose: 'Illicit trafficking in firearms and explosives' },
  { _id: 'AP-SUSTRANS', name: 'Money laundering', purpose: 'Suspicious transactions and laundering networks' },
  { _id: 'AP-FURTUM', name: 'Property crime', purpose: 'Organised property crime and vehicle theft' },
];

/** Generators, one per collection: record `i` for a seed. */
export function generators(seed: number, sizes: CollectionSizes) {
  const sltd = (i: number) => {
    const f = fakerFor(seed, 1, i);
    const issuingCountry = ISSUING_COUNTRIES[i % ISSUING_COUNTRIES.length]!;
    const reportedAt = dateIn(f);
    const owner = NCBS.find((n) => n.country === issuingCountry) ?? { code: `NCB-${issuingCountry}`, country: issuingCountry };
    return {
      _id: `SLTD-${String(i).padStart(9, '0')}`,
      issuingCountry,
      documentType: f.helpers.arrayElement(DOCUMENT_TYPES),
      // Serial part from the index keeps every generated key unique; letters vary the shape.
      number: `${f.string.alpha({ length: 2, casing: 'upper' })}${String(i).padStart(7, '0')}`,
      status: f.helpers.arrayElement(SLTD_STATUSES),
      reportedAt,
      reportingCountry: issuingCountry,
      circumstances: f.helpers.arrayElement([
        'Theft from vehicle',
        'Burglary',
        'Lost while travelling',
        'Pickpocketing',
        'Blank stolen from issuing office',
        'Revoked after fraudulent application',
      ]),
      provenance: provenance(owner.code, owner.country, reportedAt),
    };
  };
  const notice = (i: number) => {
    const f = fakerFor(seed, 2, i);
    const type = NOTICE_TYPES[i % NOTICE_TYPES.length]!;
    const requestedAt = dateIn(f);
    const status = f.helpers.weightedArrayElement([
      { value: 'PUBLISHED' as const, weight: 80 },
      { value: 'REQUESTED' as const, weight: 8 },
      { value: 'CANCELLED' as const, weight: 7 },
      { value: 'EXPIRED' as const, weight: 5 },
    ]);
    const person = generatedName(seed, 2, i);
    const requestingNcb = f.helpers.arrayElement(ALL_NCBS);
    return {
      _id: `${NOTICE_LETTER[type]}-${10000 + i}/${new Date(requestedAt).getUTCFullYear()}`,
      type,
      status,
      requestingNcb,
      participants: f.helpers.arrayElements(
        ALL_NCBS.filter((n) => n !== requestingNcb),
        { min: 0, max: 2 },
      ),
      requestedAt,
      publishedAt: status === 'REQUESTED' ? null : new Date(requestedAt.getTime() + 7 * 86_400_000),
      subject: {
        name: person.name,
        sex: person.sex,
        dateOfBirth: f.date.birthdate({ mode: 'age', min: 18, max: 70, refDate: SEED_YEAR_START }).toISOString().slice(0, 10),
        placeOfBirth: f.location.city(),
        nationalities: [person.nationality],
        distinguishingMarks:
          f.helpers.maybe(() => f.helpers.arrayElement(['Tattoo on right forearm', 'Scar on chin', 'Walks with a limp']), {
            probability: 0.3,
          }) ?? null,
      },
      redNotice:
        type === 'RED'
          ? {
              charges: [f.helpers.arrayElement(OFFENCES)],
              legalReferences: [`Art. ${f.number.int({ min: 100, max: 500 })} Criminal Code`],
              maximumPenalty: `${f.number.int({ min: 5, max: 30 })} years imprisonment`,
              warrantReference: `W-${f.string.alphanumeric({ length: 8, casing: 'upper' })}`,
              issuingAuthority: `${f.location.city()} District Court`,
              extraditionCountries: f.helpers.arrayElements(ISSUING_COUNTRIES, { min: 1, max: 4 }),
            }
          : null,
      summary: `${type.replace('_', ' ')} notice requested by ${requestingNcb}.`,
      provenance: provenance('IPSG', 'XX', requestedAt),
    };
  };
  const vinOf = (i: number) => {
    const f = fakerFor(seed, 4, i);
    return `${f.string.fromCharacters('ABCDEFGHJKLMNPRSTUVWXYZ0123456789', 10)}${String(i).padStart(7, '0')}`;
  };
  const smv = (i: number) => {
    const f = fakerFor(seed, 4, i + 0x40000000);
    const country = ISSUING_COUNTRIES[i % ISSUING_COUNTRIES.length]!;
    const reportedAt = dateIn(f);
    return {
      _id: `SMV-${String(i).padStart(9, '0')}`,
      vin: vinOf(i),
      make: f.vehicle.manufacturer(),
      model: f.vehicle.model(),
      year: f.number.int({ min: 2005, max: 2026 }),
      colour: f.vehicle.color(),
      plate: f.vehicle.vrm(),
      registrationCountry: country,
      reportingCountry: country,
      status: f.helpers.weightedArrayElement([
        { value: 'STOLEN' as const, weight: 85 },
        { value: 'MISAPPROPRIATED' as const, weight: 5 },
        { value: 'RECOVERED' as const, weight: 10 },
      ]),
      reportedAt,
      provenance: provenance(`NCB-${country}`, country, reportedAt),
    };
  };
  const firearm = (i: number) => {
    const f = fakerFor(seed, 5, i);
    const country = ISSUING_COUNTRIES[i % ISSUING_COUNTRIES.length]!;
    const reportedAt = dateIn(f);
    return {
      _id: `FA-${String(i).padStart(9, '0')}`,
      make: f.helpers.arrayElement(FIREARM_MAKES),
      serialNumber: `${f.string.alpha({ length: 3, casing: 'upper' })}${String(i).padStart(6, '0')}`,
      model: f.helpers.arrayElement(['17', '92FS', 'P-10', 'P30', 'P226', 'PPQ', 'M70']),
      calibre: f.helpers.arrayElement(['9x19mm', '7.65mm', '.45 ACP', '5.56x45mm']),
      kind: f.helpers.arrayElement(['Pistol', 'Revolver', 'Rifle', 'Shotgun']),
      status: f.helpers.arrayElement(['STOLEN', 'LOST', 'SMUGGLED', 'RECOVERED'] as const),
      reportingCountry: country,
      reportedAt,
      provenance: provenance(`NCB-${country}`, country, reportedAt),
    };
  };
  const workOfArt = (i: number) => {
    const f = fakerFor(seed, 6, i);
    const country = ISSUING_COUNTRIES[i % ISSUING_COUNTRIES.length]!;
    const stolenAt = dateIn(f);
    return {
      _id: `WOA-${String(i).padStart(9, '0')}`,
      title: f.lorem.words({ min: 2, max: 4 }).replace(/^./, (c) => c.toUpperCase()),
      artist: f.helpers.maybe(() => f.person.fullName(), { probability: 0.7 }) ?? null,
      category: f.helpers.arrayElement(['Painting', 'Sculpture', 'Manuscript', 'Icon', 'Archaeological object', 'Coin']),
      stolenFrom: `${f.company.name()} collection, ${f.location.city()}`,
      country,
      stolenAt,
      description: f.lorem.sentence(),
      provenance: provenance('IPSG', 'XX', stolenAt),
    };
  };
  const diffusion = (i: number) => {
    const f = fakerFor(seed, 3, i);
    const person = generatedName(seed, 3, i);
    const sentAt = dateIn(f);
    const sender = f.helpers.arrayElement(NCBS);
    return {
      _id: `DIF-${String(i).padStart(7, '0')}`,
      kind: f.helpers.arrayElement(['ARREST', 'LOCATE', 'INFORMATION', 'MISSING_PERSON'] as const),
      senderNcb: sender.code,
      recipientNcbs: f.helpers.arrayElements(
        ALL_NCBS.filter((n) => n !== sender.code),
        { min: 1, max: 4 },
      ),
      sentAt,
      subject: {
        name: person.name,
        sex: person.sex,
        dateOfBirth: null,
        placeOfBirth: null,
        nationalities: [person.nationality],
        distinguishingMarks: null,
      },
      summary: f.lorem.sentence(),
      provenance: provenance(sender.code, sender.country, sentAt, { handling: { code: 'H2', conditions: null } }),
    };
  };
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
  const project = (i: number) => {
    const p = ANALYSIS_PROJECTS[i]!;
    const createdAt = new Date(Date.UTC(2023, i, 1));
    const participants = ['EUROPOL', ...ALL_NCBS.filter((_, k) => (k + i) % 3 !== 0)];
    return {
      ...p,
      participants,
      // Each participating agency's development user (as `npm run token` names it) is on the member list.
      members: participants.map((agency) => ({ agency, user: `${agency.toLowerCase()}-user` })),
      allowedSubjectCategories: ['SUSPECT', 'CONTACT', 'ASSOCIATE', 'VICTIM', 'WITNESS', 'INFORMANT'] as const,
      storageLimit: new Date(Date.UTC(2029, i, 1)),
      provenance: provenance('EUROPOL', 'NL', createdAt),
    };
  };
  const contribution = (i: number) => {
    const f = fakerFor(seed, 11, i);
    const receivedAt = dateIn(f);
    const provider = f.helpers.arrayElement(ALL_NCBS);
    return {
      _id: `EU-CT-${String(100000 + i)}`,
      projectCode: ANALYSIS_PROJECTS[i % ANALYSIS_PROJECTS.length]!._id,
      providerAgency: provider,
      messageReference: `SIENA-${receivedAt.getUTCFullYear()}-${f.string.numeric(7)}`,
      receivedAt,
      evaluation: {
        sourceReliability: f.helpers.arrayElement(['A', 'B', 'C', 'X'] as const),
        informationAccuracy: f.number.int({ min: 1, max: 4 }),
      },
      handlingCode: f.helpers.arrayElement(['H0', 'H1', 'H2', 'H3'] as const),
      summary: f.lorem.sentence(),
      provenance: provenance('EUROPOL', 'NL', receivedAt),
    };
  };
  const personEntry = (i: number) => {
    const f = fakerFor(seed, 12, i);
    const person = generatedName(seed, 12, i);
    const linkedNotice = i % 4 === 0 ? notice((i * 13) % sizes.interpol.Notice) : null;
    const createdAt = dateIn(f);
    return {
      _id: `EU-PE-${String(100000 + i)}`,
      projectCode: ANALYSIS_PROJECTS[i % ANALYSIS_PROJECTS.length]!._id,
      category: f.helpers.arrayElement(['SUSPECT', 'SUSPECT', 'CONTACT', 'ASSOCIATE', 'VICTIM', 'WITNESS', 'INFORMANT'] as const),
      name: linkedNotice ? linkedNotice.subject.name : person.name,
      dateOfBirth: linkedNotice?.subject.dateOfBirth ?? null,
      nationalities: linkedNotice ? linkedNotice.subject.nationalities : [person.nationality],
      interpolNoticeId: linkedNotice?._id ?? null,
      contributionId: contribution(i % sizes.europol.Contribution)._id,
      provenance: provenance('EUROPOL', 'NL', createdAt),
    };
  };
  const objectEntry = (i: number) => {
    const f = fakerFor(seed, 13, i);
    const kind = f.helpers.arrayElement(['VEHICLE', 'TRAVEL_DOCUMENT', 'PHONE', 'BANK_ACCOUNT', 'ADDRESS'] as const);
    const doc = kind === 'TRAVEL_DOCUMENT' ? sltd((i * 17) % sizes.interpol.Sltd) : null;
    return {
      _id: `EU-OE-${String(100000 + i)}`,
      projectCode: ANALYSIS_PROJECTS[i % ANALYSIS_PROJECTS.length]!._id,
      kind,
      description:
        kind === 'PHONE'
          ? `Mobile ${f.phone.number()}`
          : kind === 'BANK_ACCOUNT'
            ? `Account ${f.finance.iban()}`
            : kind === 'ADDRESS'
              ? f.location.streetAddress({ useFullAddress: true })
              : `${kind.replace('_', ' ').toLowerCase()} seen in surveillance`,
      vin: kind === 'VEHICLE' ? vinOf((i * 5) % sizes.interpol.Smv) : null,
      travelDocument: doc ? { issuingCountry: doc.issuingCountry, documentType: doc.documentType, number: doc.number } : null,
      contributionId: contribution(i % sizes.europol.Contribution)._id,
      provenance: provenance('EUROPOL', 'NL', dateIn(f)),
    };
  };
  const link = (i: number) => {
    const f = fakerFor(seed, 14, i);
    const from = personEntry(i % sizes.europol.PersonEntry);
    const toPerson = i % 2 === 0;
    const to = toPerson ? personEntry((i * 7 + 1) % sizes.europol.PersonEntry) : objectEntry(i % sizes.europol.ObjectEntry);
    return {
      _id: `EU-LK-${String(100000 + i)}`,
      projectCode: from.projectCode,
      kind: toPerson
        ? f.helpers.arrayElement(['ASSOCIATE_OF', 'CONTACTED', 'TRAVELLED_WITH', 'FINANCED'] as const)
        : f.helpers.arrayElement(['USES', 'OWNS'] as const),
      from: { kind: 'PersonEntry' as const, id: from._id },
      to: { kind: toPerson ? ('PersonEntry' as const) : ('ObjectEntry' as const), id: to._id },
      entryIds: [from._id, to._id],
      evaluation: {
        sourceReliability: f.helpers.arrayElement(['A', 'B', 'C'] as const),
        informationAccuracy: f.number.int({ min: 1, max: 3 }),
      },
    };
  };
  return {
    interpol: { Sltd: sltd, Notice: notice, Diffusion: diffusion, Smv: smv, Firearm: firearm, WorkOfArt: workOfArt },
    national: { CaseFile: caseFile, NationalPerson: nationalPerson, RequestForAssistance: request, WantedPerson: wanted },
    europol: { AnalysisProject: project, Contribution: contribution, PersonEntry: personEntry, ObjectEntry: objectEntry, EntityLink: link },
  };
}
