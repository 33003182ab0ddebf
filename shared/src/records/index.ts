/** The vocabulary of records: provenance codes and types, travel-document keys, argument shapes. Plain values, no storage. */
export {
  HANDLING_CODES,
  TLP_LEVELS,
  SOURCE_RELIABILITY,
  CLASSIFICATIONS,
  PURPOSES,
  SCRIPTS,
  type Purpose,
  type Script,
  type Provenance,
  type PersonName,
  retentionDates,
} from './provenance';
export {
  DOCUMENT_TYPES,
  type DocumentType,
  type TravelDocumentKey,
  travelDocumentKeyOf,
  travelDocumentCacheKey,
  parseTravelDocumentKey,
} from './travelDocumentKey';
export { parseArg, countryCode, agencyCode, projectCode, recordId, documentNumber, vin, shortText } from './validation';
