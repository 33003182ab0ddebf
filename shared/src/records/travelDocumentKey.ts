import { z } from 'zod';
import { countryCode, documentNumber, parseArg } from './validation';

/** Values of the shared `DocumentType` enum (shared/graphql/common.graphql). */
export const DOCUMENT_TYPES = ['PASSPORT', 'ID_CARD', 'VISA', 'RESIDENCE_PERMIT', 'TRAVEL_DOCUMENT'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/**
 * Natural key of the `TravelDocument` entity: every owner that records a fact about a
 * document (SLTD, a national case, an analysis project) uses the same three parts.
 */
export interface TravelDocumentKey {
  issuingCountry: string;
  documentType: DocumentType;
  number: string;
}

/** The key's parts of any record that carries them. */
export function travelDocumentKeyOf(record: TravelDocumentKey): TravelDocumentKey {
  return { issuingCountry: record.issuingCountry, documentType: record.documentType, number: record.number };
}

/** A string form of the key, for DataLoader caches and grouping. */
export function travelDocumentCacheKey(key: TravelDocumentKey): string {
  return `${key.issuingCountry}|${key.documentType}|${key.number}`;
}

/**
 * Validates and normalises a key, whether it came from a client's arguments or from
 * another subgraph's entity representation (the number loses spaces and hyphens).
 */
export function parseTravelDocumentKey(value: { issuingCountry: unknown; documentType: unknown; number: unknown }): TravelDocumentKey {
  return {
    issuingCountry: parseArg('issuingCountry', countryCode, value.issuingCountry),
    documentType: parseArg('documentType', z.enum(DOCUMENT_TYPES), value.documentType),
    number: parseArg('number', documentNumber, value.number),
  };
}
