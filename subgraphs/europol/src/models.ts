import { type Connection, type Model, Schema } from 'mongoose';
import { personNameSchema, provenanceSchema, registerModel } from '@intel-gateway/shared/database';
import { DOCUMENT_TYPES, type PersonName, type Provenance, type TravelDocumentKey } from '@intel-gateway/shared/records';

export const SUBJECT_CATEGORIES = ['SUSPECT', 'CONTACT', 'ASSOCIATE', 'VICTIM', 'WITNESS', 'INFORMANT'] as const;
export const OBJECT_KINDS = ['VEHICLE', 'TRAVEL_DOCUMENT', 'FIREARM', 'PHONE', 'BANK_ACCOUNT', 'ADDRESS'] as const;
export const LINK_KINDS = ['ASSOCIATE_OF', 'USES', 'OWNS', 'CONTACTED', 'TRAVELLED_WITH', 'FINANCED'] as const;
export const ENTRY_KINDS = ['PersonEntry', 'ObjectEntry'] as const;

type Evaluation = Provenance['evaluation'];

/** One analyst on an analysis project's member list: the user as the agency's token names it (`sub`). */
export interface ProjectMember {
  agency: string;
  user: string;
}

export interface AnalysisProjectRecord {
  _id: string;
  name: string;
  purpose: string;
  participants: string[];
  /** The analysts on the project, by agency and user: who counts as a project member (the token's `projects` claim alone does not). */
  members: ProjectMember[];
  allowedSubjectCategories: (typeof SUBJECT_CATEGORIES)[number][];
  storageLimit: Date;
  provenance: Provenance;
}

export interface ContributionRecord {
  _id: string;
  projectCode: string;
  providerAgency: string;
  messageReference: string;
  receivedAt: Date;
  evaluation: Evaluation;
  handlingCode: Provenance['handling']['code'];
  summary: string;
  provenance: Provenance;
}

export interface PersonEntryRecord {
  _id: string;
  projectCode: string;
  category: (typeof SUBJECT_CATEGORIES)[number];
  name: PersonName;
  dateOfBirth?: string | null;
  nationalities: string[];
  interpolNoticeId?: string | null;
  contributionId?: string | null;
  provenance: Provenance;
}

export interface ObjectEntryRecord {
  _id: string;
  projectCode: string;
  kind: (typeof OBJECT_KINDS)[number];
  description: string;
  vin?: string | null;
  travelDocument?: TravelDocumentKey | null;
  contributionId?: string | null;
  provenance: Provenance;
}

export interface EntityLinkRecord {
  _id: string;
  projectCode: string;
  kind: (typeof LINK_KINDS)[number];
  from: { kind: (typeof ENTRY_KINDS)[number]; id: string };
  to: { kind: (typeof ENTRY_KINDS)[number]; id: string };
  /** Both ends' ids, so one multikey index finds a link from either end. */
  entryIds: string[];
  evaluation: Evaluation;
}

const required = true;
const evaluationSchema = new Schema<Evaluation>(
  {
    sourceReliability: { type: String, enum: ['A', 'B', 'C', 'X'], required },
    informationAccuracy: { type: Number, min: 1, max: 4, required },
  },
  { _id: false },
);
const entryRefSchema = new Schema({ kind: { type: String, enum: ENTRY_KINDS, required }, id: { type: String, required } }, { _id: false });

const projectSchema = new Schema<AnalysisProjectRecord>({
  _id: { type: String, required, match: /^[A-Z][A-Z0-9_-]{1,31}$/ },
  name: { type: String, required },
  purpose: { type: String, required },
  participants: { type: [String], required },
  members: {
    type: [new Schema<ProjectMember>({ agency: { type: String, required }, user: { type: String, required } }, { _id: false })],
    default: [],
  },
  allowedSubjectCategories: { type: [String], enum: SUBJECT_CATEGORIES, required },
  storageLimit: { type: Date, required },
  provenance: { type: provenanceSchema, required },
});
// Which projects an agency takes part in: read on every request for project data.
projectSchema.index({ participants: 1 });
// Which projects a user is a member of: read once per request that claims projects.
projectSchema.index({ 'members.agency': 1, 'members.user': 1 });

const contributionSchema = new Schema<ContributionRecord>({
  _id: { type: String, required },
  projectCode: { type: String, required },
  providerAgency: { type: String, required },
  messageReference: { type: String, required },
  receivedAt: { type: Date, required },
  evaluation: { type: evaluationSchema, required },
  handlingCode: { type: String, enum: ['H0', 'H1', 'H2', 'H3'], required },
  summary: { type: String, required },
  provenance: { type: provenanceSchema, required },
});
contributionSchema.index({ projectCode: 1, _id: 1 });

const personSchema = new Schema<PersonEntryRecord>({
  _id: { type: String, required },
  projectCode: { type: String, required },
  category: { type: String, enum: SUBJECT_CATEGORIES, required },
  name: { type: personNameSchema, required },
  dateOfBirth: { type: String, default: null },
  nationalities: { type: [String], default: [] },
  interpolNoticeId: { type: String, default: null },
  contributionId: { type: String, default: null },
  provenance: { type: provenanceSchema, required },
});
personSchema.index({ projectCode: 1, _id: 1 });
personSchema.index({ interpolNoticeId: 1 });
// Person search: the name keys (multikey).
personSchema.index({ 'name.matchKeys': 1 });

const objectSchema = new Schema<ObjectEntryRecord>({
  _id: { type: String, required },
  projectCode: { type: String, required },
  kind: { type: String, enum: OBJECT_KINDS, required },
  description: { type: String, required },
  vin: { type: String, default: null },
  travelDocument: {
    type: new Schema({ issuingCountry: String, documentType: { type: String, enum: DOCUMENT_TYPES }, number: String }, { _id: false }),
    default: null,
  },
  contributionId: { type: String, default: null },
  provenance: { type: provenanceSchema, required },
});
objectSchema.index({ projectCode: 1, _id: 1 });

const linkSchema = new Schema<EntityLinkRecord>({
  _id: { type: String, required },
  projectCode: { type: String, required },
  kind: { type: String, enum: LINK_KINDS, required },
  from: { type: entryRefSchema, required },
  to: { type: entryRefSchema, required },
  entryIds: { type: [String], required },
  evaluation: { type: evaluationSchema, required },
});
linkSchema.index({ entryIds: 1 });

/** Europol's collections, bound to one connection. */
export interface EuropolModels {
  AnalysisProject: Model<AnalysisProjectRecord>;
  Contribution: Model<ContributionRecord>;
  PersonEntry: Model<PersonEntryRecord>;
  ObjectEntry: Model<ObjectEntryRecord>;
  EntityLink: Model<EntityLinkRecord>;
}

export function createEuropolModels(connection: Connection): EuropolModels {
  return {
    AnalysisProject: registerModel(connection, 'AnalysisProject', projectSchema, 'analysisProjects'),
    Contribution: registerModel(connection, 'Contribution', contributionSchema, 'contributions'),
    PersonEntry: registerModel(connection, 'PersonEntry', personSchema, 'personEntries'),
    ObjectEntry: registerModel(connection, 'ObjectEntry', objectSchema, 'objectEntries'),
    EntityLink: registerModel(connection, 'EntityLink', linkSchema, 'entityLinks'),
  };
}
