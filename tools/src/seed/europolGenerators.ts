import type { CollectionSizes } from './collectionSizes';
import { dateIn, fakerFor, generatedName } from './fakerFor';
import type { InterpolGenerators } from './interpolGenerators';
import { ALL_NCBS, ANALYSIS_PROJECTS } from './seedVocabulary';
import { provenance } from './stories';

/** Generators of Europol's collections (record `i` for a seed); their entries cite INTERPOL's records. */
export function europolGenerators(seed: number, sizes: CollectionSizes, interpol: InterpolGenerators) {
  const { sltd, notice, vinOf } = interpol;
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
  return { project, contribution, personEntry, objectEntry, link };
}
