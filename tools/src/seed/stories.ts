import { type Provenance, type Purpose, retentionDates } from '@intel-gateway/shared/records';
import { personName } from './names';

/**
 * Named "story" records: fixed facts that tests and the docs can rely on, seeded at
 * every size alongside the generated data.
 */
export const STORY = {
  /** A GB passport reported stolen, mentioned in a French identity-fraud case. */
  stolenGbPassport: { issuingCountry: 'GB', documentType: 'PASSPORT', number: '533380006', caseFileId: 'FR-2026-000417' },
  /** A RED notice whose subject's name is held in Arabic script with Latin spellings. */
  redNotice: {
    id: 'A-1001/3-2026',
    requestingNcb: 'NCB-FR',
    familyName: 'الحداد',
    forenames: 'يوسف',
    spellings: ['Youssef Al-Haddad', 'Yusuf al Haddad'],
    dateOfBirth: '1984-03-17',
    nationalPersonIds: ['FR-P-000901', 'DE-P-000902'],
    europolEntryId: 'EU-PE-000903',
  },
  /** A car stolen in Germany: in SMV, in a German case, and in a Europol project. */
  stolenVehicle: { vin: 'WVWZZZ1KZ8W123456', caseFileId: 'DE-2026-000311', europolObjectId: 'EU-OE-000904' },
  /** The French national record of the RED notice subject holds a DNA profile reference. */
  dnaProfile: 'DNA-FR-2026-000417',
  /** The Europol analysis project the stories sit in. */
  project: 'AP-SYNERGY',
} as const;

/** A provenance block with INTERPOL-style retention, for seeded records. */
export function provenance(owner: string, ownerCountry: string, createdAt: Date, overrides: Partial<Provenance> = {}): Provenance {
  const purposes: Purpose[] = ['CRIMINAL_INVESTIGATION', 'SERIOUS_ORGANISED_CRIME', 'BORDER_CONTROL'];
  return {
    owner,
    ownerCountry,
    createdAt,
    ...retentionDates(createdAt),
    purposes,
    restrictions: { allowedAgencies: [], deniedAgencies: [], existenceOnlyAgencies: [] },
    handling: { code: 'H0', conditions: null },
    tlp: 'AMBER',
    evaluation: { sourceReliability: 'B', informationAccuracy: 2 },
    classification: 'RESTRICTED',
    ...overrides,
  };
}

const at = (iso: string) => new Date(iso);

export const storyName = () => personName(STORY.redNotice.familyName, STORY.redNotice.forenames, 'ARABIC', [...STORY.redNotice.spellings]);

/** The story records for each collection, keyed by subgraph and model. */
export function storyRecords() {
  const name = storyName();
  const notice = STORY.redNotice;
  return {
    interpol: {
      Notice: [
        {
          _id: notice.id,
          type: 'RED',
          status: 'PUBLISHED',
          requestingNcb: notice.requestingNcb,
          participants: ['NCB-DE'],
          requestedAt: at('2026-02-02T09:00:00Z'),
          publishedAt: at('2026-02-10T09:00:00Z'),
          subject: {
            name,
            sex: 'MALE',
            dateOfBirth: notice.dateOfBirth,
            placeOfBirth: 'Tripoli',
            nationalities: ['LY', 'FR'],
            distinguishingMarks: 'Scar above left eyebrow',
          },
          redNotice: {
            charges: ['Trafficking in synthetic drugs', 'Participation in a criminal organisation'],
            legalReferences: ['Code pénal art. 222-36', 'Code pénal art. 450-1'],
            maximumPenalty: '30 years imprisonment',
            warrantReference: 'TJ-PARIS-2026-0117',
            issuingAuthority: 'Tribunal judiciaire de Paris',
            extraditionCountries: ['ES', 'DE', 'NL', 'BE', 'IT'],
          },
          summary: 'Wanted by France for prosecution: leading a synthetic drug network.',
          provenance: provenance('IPSG', 'XX', at('2026-02-10T09:00:00Z'), { tlp: 'GREEN' }),
        },
      ],
      Sltd: [
        {
          _id: 'SLTD-GB-STORY-1',
          issuingCountry: STORY.stolenGbPassport.issuingCountry,
          documentType: STORY.stolenGbPassport.documentType,
          number: STORY.stolenGbPassport.number,
          status: 'STOLEN',
          reportedAt: at('2026-01-12T14:30:00Z'),
          reportingCountry: 'GB',
          circumstances: 'Stolen in a burglary in Manchester together with two other passports.',
          provenance: provenance('NCB-GB', 'GB', at('2026-01-12T14:30:00Z')),
        },
      ],
      Smv: [
        {
          _id: 'SMV-DE-STORY-1',
          vin: STORY.stolenVehicle.vin,
          make: 'Volkswagen',
          model: 'Golf',
          year: 2021,
          colour: 'Grey',
          plate: 'M-KX 4821',
          registrationCountry: 'DE',
          reportingCountry: 'DE',
          status: 'STOLEN',
          reportedAt: at('2026-03-03T07:15:00Z'),
          provenance: provenance('NCB-DE', 'DE', at('2026-03-03T07:15:00Z')),
        },
      ],
    },
    national: {
      CaseFile: [
        {
          _id: STORY.stolenGbPassport.caseFileId,
          reference: 'PJ-OCRIEST-2026/417',
          title: 'Identity fraud ring using stolen British passports',
          offence: 'Identity fraud',
          status: 'OPEN',
          openedAt: at('2026-02-20T10:00:00Z'),
          leadUnit: 'OCRIEST',
          travelDocuments: [{ issuingCountry: 'GB', documentType: 'PASSPORT', number: STORY.stolenGbPassport.number }],
          vehicleVins: [],
          provenance: provenance('NCB-FR', 'FR', at('2026-02-20T10:00:00Z')),
        },
        {
          _id: STORY.stolenVehicle.caseFileId,
          reference: 'BKA-SO-2026-311',
          title: 'Vehicles stolen to order for a drug network',
          offence: 'Organised vehicle theft',
          status: 'OPEN',
          openedAt: at('2026-03-05T08:00:00Z'),
          leadUnit: 'BKA SO 3',
          travelDocuments: [],
          vehicleVins: [STORY.stolenVehicle.vin],
          provenance: provenance('NCB-DE', 'DE', at('2026-03-05T08:00:00Z')),
        },
      ],
      NationalPerson: [
        {
          _id: notice.nationalPersonIds[0],
          caseFileId: STORY.stolenGbPassport.caseFileId,
          role: 'ACCUSED',
          name,
          dateOfBirth: notice.dateOfBirth,
          nationalities: ['LY', 'FR'],
          interpolNoticeId: notice.id,
          biometrics: [{ kind: 'DNA', profile: STORY.dnaProfile }],
          provenance: provenance('NCB-FR', 'FR', at('2026-02-20T10:00:00Z')),
        },
        {
          _id: notice.nationalPersonIds[1],
          caseFileId: STORY.stolenVehicle.caseFileId,
          role: 'SUSPECT',
          name: { ...name, transliterations: [...name.transliterations, 'Jussuf al-Haddad'] },
          dateOfBirth: notice.dateOfBirth,
          nationalities: ['LY'],
          interpolNoticeId: notice.id,
          provenance: provenance('NCB-DE', 'DE', at('2026-03-05T08:00:00Z')),
        },
      ],
    },
    europol: {
      PersonEntry: [
        {
          _id: notice.europolEntryId,
          projectCode: STORY.project,
          category: 'SUSPECT',
          name,
          dateOfBirth: notice.dateOfBirth,
          nationalities: ['LY'],
          interpolNoticeId: notice.id,
          contributionId: null,
          provenance: provenance('EUROPOL', 'NL', at('2026-03-10T12:00:00Z'), { handling: { code: 'H2', conditions: null } }),
        },
      ],
      ObjectEntry: [
        {
          _id: STORY.stolenVehicle.europolObjectId,
          projectCode: STORY.project,
          kind: 'VEHICLE',
          description: 'Grey VW Golf used for courier runs between Munich and Lyon',
          vin: STORY.stolenVehicle.vin,
          travelDocument: null,
          contributionId: null,
          provenance: provenance('EUROPOL', 'NL', at('2026-03-11T12:00:00Z')),
        },
      ],
      EntityLink: [
        {
          _id: 'EU-LK-000905',
          projectCode: STORY.project,
          kind: 'USES',
          from: { kind: 'PersonEntry', id: notice.europolEntryId },
          to: { kind: 'ObjectEntry', id: STORY.stolenVehicle.europolObjectId },
          entryIds: [notice.europolEntryId, STORY.stolenVehicle.europolObjectId],
          evaluation: { sourceReliability: 'B', informationAccuracy: 2 },
        },
      ],
    },
  };
}
