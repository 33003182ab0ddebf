/**
 * The vocabulary every shareable record carries (docs/sharing-and-audit.md): handling codes, TLP levels,
 * source evaluation, classifications, purposes, scripts, the provenance block and a person's
 * name. Plain values and types, so anything may import them; the storage schemas built from
 * them are in `database/provenanceSchemas.ts`.
 */
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

/** Who owns a record and the rules that travel with it. Stored on every shareable record. */
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

/** INTERPOL retention: records are kept 5 years and reviewed 6 months before they expire. */
export function retentionDates(createdAt: Date): { reviewDueAt: Date; retainUntil: Date } {
  const retainUntil = new Date(createdAt);
  retainUntil.setUTCFullYear(retainUntil.getUTCFullYear() + 5);
  const reviewDueAt = new Date(retainUntil);
  reviewDueAt.setUTCMonth(reviewDueAt.getUTCMonth() - 6);
  return { reviewDueAt, retainUntil };
}
