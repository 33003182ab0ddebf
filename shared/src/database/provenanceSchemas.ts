import { Schema } from 'mongoose';
import { nameMatchKeys } from '../names/nameKeys';
import {
  CLASSIFICATIONS,
  HANDLING_CODES,
  type PersonName,
  type Provenance,
  PURPOSES,
  SCRIPTS,
  SOURCE_RELIABILITY,
  TLP_LEVELS,
} from '../records/provenance';

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
