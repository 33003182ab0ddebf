import { Schema } from 'mongoose';
import { nameMatchKeys } from './names/nameKeys';

export const HANDLING_CODES = ['H0', 'H1', 'H2', 'H3'] as const;
export const TLP_LEVELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'] as const;
export const SOURCE_RELIABILITY = ['A', 'B', 'C', 'X'] as const;
export const CLASSIFICATIONS = ['UNCLASSIFIED', 'RESTRICTED', 'CONFIDENTIAL', 'SECRET'] as const;
export const PURPOSES = [
  'CRIMINAL_INVESTIGATION',
  'BORDER_CONTROL',
  'COUNTER_TERRORISM',
  'SERIOUS_ORGANISED_CRIME',
  'MISSING_PERSONS',
  'STRATEGIC_ANALYSIS',
] as const;
export const SCRIPTS = ['LATIN', 'ARABIC', 'CYRILLIC', 'HAN'] as const;

export type Purpose = (typeof PURPOSES)[number];
export type Script = (typeof SCRIPTS)[number];

/** Who owns a record and the rules that travel with it (BRIEF §3). Stored on every shareable record. */
export interface Provenance {
  owner: string;
  ownerCountry: string;
  createdAt: Date;
  reviewDueAt: Date;
  retainUntil: Date;
  purposes: Purpose[];
  restrictions: { allowedAgencies: string[]; deniedAgencies: string[]; existenceOnlyAgencies: string[] };
  handling: { code: (typeof HANDLING_CODES)[number]; conditions?: string | null };
  tlp: (typeof TLP_LEVELS)[number];
  evaluation: { sourceReliability: (typeof SOURCE_RELIABILITY)[number]; informationAccuracy: number };
  classification: (typeof CLASSIFICATIONS)[number];
}

/** A person's name as recorded, with its Latin transliterations. */
export interface PersonName {
  familyName: string;
  forenames?: string | null;
  original?: string | null;
  script: Script;
  transliterations: string[];
  /** Search keys derived from the other fields on every write (see `nameMatchKeys`); never served. */
  matchKeys?: string[];
}

const required = true;

/** Mongoose sub-schema for the provenance block; every value is checked on write. */
export const provenanceSchema = new Schema<Provenance>(
  {
    owner: { type: String, required, match: /^[A-Z][A-Z0-9-]{1,15}$/ },
    ownerCountry: { type: String, required, match: /^[A-Z]{2}$/ },
    createdAt: { type: Date, required },
    reviewDueAt: { type: Date, required },
    retainUntil: { type: Date, required },
    purposes: { type: [String], enum: PURPOSES, required },
    restrictions: {
      allowedAgencies: { type: [String], default: [] },
      deniedAgencies: { type: [String], default: [] },
      existenceOnlyAgencies: { type: [String], default: [] },
    },
    handling: {
      code: { type: String, enum: HANDLING_CODES, required },
      conditions: { type: String, default: null },
    },
    tlp: { type: String, enum: TLP_LEVELS, required },
    evaluation: {
      sourceReliability: { type: String, enum: SOURCE_RELIABILITY, required },
      informationAccuracy: { type: Number, min: 1, max: 4, required },
    },
    classification: { type: String, enum: CLASSIFICATIONS, required },
  },
  { _id: false },
);
// Every collection with a provenance block gets this index: an owner's records due for review.
provenanceSchema.index({ owner: 1, reviewDueAt: 1 });

/** Mongoose sub-schema for a person's name. */
export const personNameSchema = new Schema<PersonName>(
  {
    familyName: { type: String, required },
    forenames: { type: String, default: null },
    original: { type: String, default: null },
    script: { type: String, enum: SCRIPTS, required },
    transliterations: { type: [String], default: [] },
    matchKeys: { type: [String], default: [] },
  },
  { _id: false },
);
// The keys are derived, not supplied: recomputed whenever the name is validated, so no write
// path can store a name that search would not find.
personNameSchema.pre('validate', function deriveMatchKeys() {
  this.matchKeys = nameMatchKeys(this);
});

/** INTERPOL retention: records are kept 5 years and reviewed 6 months before they expire. */
export function retentionDates(createdAt: Date): { reviewDueAt: Date; retainUntil: Date } {
  const retainUntil = new Date(createdAt);
  retainUntil.setUTCFullYear(retainUntil.getUTCFullYear() + 5);
  const reviewDueAt = new Date(retainUntil);
  reviewDueAt.setUTCMonth(reviewDueAt.getUTCMonth() - 6);
  return { reviewDueAt, retainUntil };
}
