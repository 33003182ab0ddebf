import { type Connection, type Model, Schema } from 'mongoose';
import { personNameSchema, provenanceSchema, registerModel } from '@intel-gateway/shared/database';
import { DOCUMENT_TYPES, type PersonName, type Provenance, type TravelDocumentKey } from '@intel-gateway/shared/records';

export const NOTICE_TYPES = ['RED', 'YELLOW', 'BLUE', 'BLACK', 'GREEN', 'ORANGE', 'PURPLE', 'SILVER', 'UN_SPECIAL'] as const;
export const NOTICE_STATUSES = ['REQUESTED', 'PUBLISHED', 'CANCELLED', 'EXPIRED'] as const;
export const SLTD_STATUSES = ['STOLEN', 'LOST', 'REVOKED', 'INVALID', 'STOLEN_BLANK'] as const;
export const SMV_STATUSES = ['STOLEN', 'MISAPPROPRIATED', 'RECOVERED'] as const;
export const FIREARM_STATUSES = ['STOLEN', 'LOST', 'SMUGGLED', 'RECOVERED'] as const;
export const DIFFUSION_KINDS = ['ARREST', 'LOCATE', 'INFORMATION', 'MISSING_PERSON'] as const;

/** Natural key of a firearm. */
export interface FirearmKey {
  make: string;
  serialNumber: string;
}

export interface NoticeSubject {
  name: PersonName;
  sex: 'FEMALE' | 'MALE' | 'UNKNOWN';
  dateOfBirth?: string | null;
  placeOfBirth?: string | null;
  nationalities: string[];
  distinguishingMarks?: string | null;
}

export interface NoticeRecord {
  _id: string;
  type: (typeof NOTICE_TYPES)[number];
  status: (typeof NOTICE_STATUSES)[number];
  requestingNcb: string;
  participants: string[];
  requestedAt: Date;
  publishedAt?: Date | null;
  subject: NoticeSubject;
  redNotice?: {
    charges: string[];
    legalReferences: string[];
    maximumPenalty: string;
    warrantReference: string;
    issuingAuthority: string;
    extraditionCountries: string[];
  } | null;
  summary: string;
  provenance: Provenance;
}

export interface DiffusionRecord {
  _id: string;
  kind: (typeof DIFFUSION_KINDS)[number];
  senderNcb: string;
  recipientNcbs: string[];
  sentAt: Date;
  subject: NoticeSubject;
  summary: string;
  provenance: Provenance;
}

export interface SltdRecord extends TravelDocumentKey {
  _id: string;
  status: (typeof SLTD_STATUSES)[number];
  reportedAt: Date;
  reportingCountry: string;
  circumstances: string;
  provenance: Provenance;
}

export interface SmvRecord {
  _id: string;
  vin: string;
  make: string;
  model: string;
  year?: number | null;
  colour?: string | null;
  plate?: string | null;
  registrationCountry: string;
  reportingCountry: string;
  status: (typeof SMV_STATUSES)[number];
  reportedAt: Date;
  provenance: Provenance;
}

export interface FirearmRecord extends FirearmKey {
  _id: string;
  model: string;
  calibre: string;
  kind: string;
  status: (typeof FIREARM_STATUSES)[number];
  reportingCountry: string;
  reportedAt: Date;
  provenance: Provenance;
}

export interface WorkOfArtRecord {
  _id: string;
  title: string;
  artist?: string | null;
  category: string;
  stolenFrom: string;
  country: string;
  stolenAt: Date;
  description: string;
  provenance: Provenance;
}

const required = true;
const country = { type: String, required, match: /^[A-Z]{2}$/ };
const agency = { type: String, required, match: /^[A-Z][A-Z0-9-]{1,15}$/ };

const subjectSchema = new Schema<NoticeSubject>(
  {
    name: { type: personNameSchema, required },
    sex: { type: String, enum: ['FEMALE', 'MALE', 'UNKNOWN'], required },
    dateOfBirth: { type: String, default: null },
    placeOfBirth: { type: String, default: null },
    nationalities: { type: [String], default: [] },
    distinguishingMarks: { type: String, default: null },
  },
  { _id: false },
);

const noticeSchema = new Schema<NoticeRecord>({
  _id: { type: String, required },
  type: { type: String, enum: NOTICE_TYPES, required },
  status: { type: String, enum: NOTICE_STATUSES, required },
  requestingNcb: agency,
  participants: { type: [String], default: [] },
  requestedAt: { type: Date, required },
  publishedAt: { type: Date, default: null },
  subject: { type: subjectSchema, required },
  redNotice: {
    type: new Schema(
      {
        charges: [String],
        legalReferences: [String],
        maximumPenalty: String,
        warrantReference: String,
        issuingAuthority: String,
        extraditionCountries: [String],
      },
      { _id: false },
    ),
    default: null,
  },
  summary: { type: String, required },
  provenance: { type: provenanceSchema, required },
});
// Listing filters: each optional equality filter, then _id for paging.
noticeSchema.index({ type: 1, _id: 1 });
noticeSchema.index({ status: 1, _id: 1 });
noticeSchema.index({ requestingNcb: 1, _id: 1 });
// Person search: the subject's name keys (multikey).
noticeSchema.index({ 'subject.name.matchKeys': 1 });

const diffusionSchema = new Schema<DiffusionRecord>({
  _id: { type: String, required },
  kind: { type: String, enum: DIFFUSION_KINDS, required },
  senderNcb: agency,
  recipientNcbs: { type: [String], required },
  sentAt: { type: Date, required },
  subject: { type: subjectSchema, required },
  summary: { type: String, required },
  provenance: { type: provenanceSchema, required },
});
diffusionSchema.index({ senderNcb: 1, _id: 1 });

const sltdSchema = new Schema<SltdRecord>({
  _id: { type: String, required },
  issuingCountry: country,
  documentType: { type: String, enum: DOCUMENT_TYPES, required },
  number: { type: String, required, match: /^[A-Z0-9]{5,20}$/ },
  status: { type: String, enum: SLTD_STATUSES, required },
  reportedAt: { type: Date, required },
  reportingCountry: country,
  circumstances: { type: String, required },
  provenance: { type: provenanceSchema, required },
});
// The frontline check: number first, since it is the most selective part of the key.
sltdSchema.index({ number: 1, issuingCountry: 1, documentType: 1 }, { unique: true });
sltdSchema.index({ issuingCountry: 1, _id: 1 });
sltdSchema.index({ issuingCountry: 1, status: 1, _id: 1 });

const smvSchema = new Schema<SmvRecord>({
  _id: { type: String, required },
  vin: { type: String, required, match: /^[A-HJ-NPR-Z0-9]{17}$/ },
  make: { type: String, required },
  model: { type: String, required },
  year: { type: Number, default: null },
  colour: { type: String, default: null },
  plate: { type: String, default: null },
  registrationCountry: country,
  reportingCountry: country,
  status: { type: String, enum: SMV_STATUSES, required },
  reportedAt: { type: Date, required },
  provenance: { type: provenanceSchema, required },
});
smvSchema.index({ vin: 1 }, { unique: true });

const firearmSchema = new Schema<FirearmRecord>({
  _id: { type: String, required },
  make: { type: String, required },
  serialNumber: { type: String, required },
  model: { type: String, required },
  calibre: { type: String, required },
  kind: { type: String, required },
  status: { type: String, enum: FIREARM_STATUSES, required },
  reportingCountry: country,
  reportedAt: { type: Date, required },
  provenance: { type: provenanceSchema, required },
});
firearmSchema.index({ serialNumber: 1, make: 1 }, { unique: true });

const workOfArtSchema = new Schema<WorkOfArtRecord>({
  _id: { type: String, required },
  title: { type: String, required },
  artist: { type: String, default: null },
  category: { type: String, required },
  stolenFrom: { type: String, required },
  country,
  stolenAt: { type: Date, required },
  description: { type: String, required },
  provenance: { type: provenanceSchema, required },
});
workOfArtSchema.index({ country: 1, _id: 1 });

/** The General Secretariat's collections, bound to one connection. */
export interface InterpolModels {
  Notice: Model<NoticeRecord>;
  Diffusion: Model<DiffusionRecord>;
  Sltd: Model<SltdRecord>;
  Smv: Model<SmvRecord>;
  Firearm: Model<FirearmRecord>;
  WorkOfArt: Model<WorkOfArtRecord>;
}

/** Registers the models on a connection (idempotent, so tests can call it per file). */
export function createInterpolModels(connection: Connection): InterpolModels {
  return {
    Notice: registerModel(connection, 'Notice', noticeSchema, 'notices'),
    Diffusion: registerModel(connection, 'Diffusion', diffusionSchema, 'diffusions'),
    Sltd: registerModel(connection, 'Sltd', sltdSchema, 'sltd'),
    Smv: registerModel(connection, 'Smv', smvSchema, 'smv'),
    Firearm: registerModel(connection, 'Firearm', firearmSchema, 'firearms'),
    WorkOfArt: registerModel(connection, 'WorkOfArt', workOfArtSchema, 'worksOfArt'),
  };
}
