import { type Connection, type Model, Schema } from 'mongoose';
import { personNameSchema, provenanceSchema, registerModel } from '@intel-gateway/shared/database';
import { DOCUMENT_TYPES, type PersonName, type Provenance, type TravelDocumentKey } from '@intel-gateway/shared/records';

export const CASE_STATUSES = ['OPEN', 'SUSPENDED', 'CLOSED'] as const;
export const PERSON_ROLES = ['SUSPECT', 'ACCUSED', 'CONVICTED', 'VICTIM', 'WITNESS', 'INFORMANT', 'MISSING', 'CONTACT'] as const;
export const CHANNELS = ['I24_7', 'SIENA', 'DIPLOMATIC', 'LIAISON_OFFICER'] as const;
export const REQUEST_STATUSES = ['DRAFT', 'SENT', 'ACKNOWLEDGED', 'ANSWERED', 'REFUSED'] as const;
/** A case file; its owning bureau is `provenance.owner`. */
export interface CaseFileRecord {
  _id: string;
  reference: string;
  title: string;
  offence: string;
  status: (typeof CASE_STATUSES)[number];
  openedAt: Date;
  leadUnit: string;
  travelDocuments: TravelDocumentKey[];
  /** Document numbers alone, for the multikey index that finds cases by document. */
  documentNumbers: string[];
  vehicleVins: string[];
  provenance: Provenance;
}

export const BIOMETRIC_KINDS = ['DNA', 'FINGERPRINTS'] as const;

/** A reference to a biometric profile the bureau holds (never the profile itself). */
export interface BiometricReference {
  kind: (typeof BIOMETRIC_KINDS)[number];
  /** The profile's identifier in the bureau's DNA or fingerprint system. */
  profile: string;
}

export interface NationalPersonRecord {
  _id: string;
  caseFileId: string;
  role: (typeof PERSON_ROLES)[number];
  biometrics?: BiometricReference[];
  name: PersonName;
  dateOfBirth?: string | null;
  nationalities: string[];
  interpolNoticeId?: string | null;
  provenance: Provenance;
}

export interface RequestForAssistanceRecord {
  _id: string;
  fromNcb: string;
  toNcb: string;
  channel: (typeof CHANNELS)[number];
  legalBasis: string;
  subject: string;
  status: (typeof REQUEST_STATUSES)[number];
  sentAt: Date;
  caseFileId?: string | null;
  provenance: Provenance;
}

export interface WantedPersonRecord {
  _id: string;
  listName: string;
  personId: string;
  appeal: string;
  rewardOffered?: string | null;
  addedAt: Date;
  provenance: Provenance;
}

const required = true;
const agency = { type: String, required, match: /^[A-Z][A-Z0-9-]{1,15}$/ };

const travelDocumentKeySchema = new Schema<TravelDocumentKey>(
  {
    issuingCountry: { type: String, required, match: /^[A-Z]{2}$/ },
    documentType: { type: String, enum: DOCUMENT_TYPES, required },
    number: { type: String, required, match: /^[A-Z0-9]{5,20}$/ },
  },
  { _id: false },
);

const caseFileSchema = new Schema<CaseFileRecord>({
  _id: { type: String, required },
  reference: { type: String, required },
  title: { type: String, required },
  offence: { type: String, required },
  status: { type: String, enum: CASE_STATUSES, required },
  openedAt: { type: Date, required },
  leadUnit: { type: String, required },
  travelDocuments: { type: [travelDocumentKeySchema], default: [] },
  documentNumbers: { type: [String], default: [] },
  vehicleVins: { type: [String], default: [] },
  provenance: { type: provenanceSchema, required },
});
caseFileSchema.pre('validate', function deriveDocumentNumbers() {
  this.documentNumbers = this.travelDocuments.map((d) => d.number);
});
caseFileSchema.index({ 'provenance.owner': 1, _id: 1 });
caseFileSchema.index({ 'provenance.owner': 1, status: 1, _id: 1 });
caseFileSchema.index({ documentNumbers: 1 });
caseFileSchema.index({ vehicleVins: 1 });

const personSchema = new Schema<NationalPersonRecord>({
  _id: { type: String, required },
  caseFileId: { type: String, required },
  role: { type: String, enum: PERSON_ROLES, required },
  name: { type: personNameSchema, required },
  dateOfBirth: { type: String, default: null },
  nationalities: { type: [String], default: [] },
  interpolNoticeId: { type: String, default: null },
  biometrics: {
    type: [
      new Schema<BiometricReference>(
        { kind: { type: String, enum: BIOMETRIC_KINDS, required }, profile: { type: String, required } },
        { _id: false },
      ),
    ],
    default: [],
  },
  provenance: { type: provenanceSchema, required },
});
personSchema.index({ caseFileId: 1 });
personSchema.index({ 'biometrics.profile': 1 });
personSchema.index({ interpolNoticeId: 1 });
// Person search: the name keys (multikey).
personSchema.index({ 'name.matchKeys': 1 });

const requestSchema = new Schema<RequestForAssistanceRecord>({
  _id: { type: String, required },
  fromNcb: agency,
  toNcb: agency,
  channel: { type: String, enum: CHANNELS, required },
  legalBasis: { type: String, required },
  subject: { type: String, required },
  status: { type: String, enum: REQUEST_STATUSES, required },
  sentAt: { type: Date, required },
  caseFileId: { type: String, default: null },
  provenance: { type: provenanceSchema, required },
});
requestSchema.index({ fromNcb: 1, _id: 1 });
requestSchema.index({ fromNcb: 1, status: 1, _id: 1 });
requestSchema.index({ toNcb: 1, _id: 1 });
requestSchema.index({ toNcb: 1, status: 1, _id: 1 });

const wantedSchema = new Schema<WantedPersonRecord>({
  _id: { type: String, required },
  listName: { type: String, required },
  personId: { type: String, required },
  appeal: { type: String, required },
  rewardOffered: { type: String, default: null },
  addedAt: { type: Date, required },
  provenance: { type: provenanceSchema, required },
});
wantedSchema.index({ 'provenance.owner': 1, _id: 1 });

/** The bureaus' collections, bound to one connection. */
export interface NationalModels {
  CaseFile: Model<CaseFileRecord>;
  NationalPerson: Model<NationalPersonRecord>;
  RequestForAssistance: Model<RequestForAssistanceRecord>;
  WantedPerson: Model<WantedPersonRecord>;
}

export function createNationalModels(connection: Connection): NationalModels {
  return {
    CaseFile: registerModel(connection, 'CaseFile', caseFileSchema, 'caseFiles'),
    NationalPerson: registerModel(connection, 'NationalPerson', personSchema, 'persons'),
    RequestForAssistance: registerModel(connection, 'RequestForAssistance', requestSchema, 'requestsForAssistance'),
    WantedPerson: registerModel(connection, 'WantedPerson', wantedSchema, 'wantedPersons'),
  };
}
