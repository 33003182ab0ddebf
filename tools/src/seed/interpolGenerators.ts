import { dateIn, fakerFor, generatedName, SEED_YEAR_START } from './fakerFor';
import { ALL_NCBS, ISSUING_COUNTRIES, NCBS, OFFENCES } from './seedVocabulary';
import { provenance } from './stories';

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
const FIREARM_MAKES = ['Glock', 'Beretta', 'CZ', 'Heckler & Koch', 'SIG Sauer', 'Walther', 'Zastava'];

/** Generators of INTERPOL's collections (record `i` for a seed), and the VIN of stolen vehicle `i`, which other agencies' records cite. */
export function interpolGenerators(seed: number) {
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
  return { sltd, notice, diffusion, smv, firearm, workOfArt, vinOf };
}

/** INTERPOL's generators, as the other agencies' generators read them. */
export type InterpolGenerators = ReturnType<typeof interpolGenerators>;
