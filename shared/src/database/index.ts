/** Storage: connections, model registration, paged reads and the provenance schemas every shareable record uses. */
export { driverOptions, connectDatabase, syncIndexes, registerModel } from './connectDatabase';
export { findPage, type ChildPageKey, createChildPageLoader, LOOKUP_BATCH_SIZE, findAll } from './paging';
export { provenanceSchema, personNameSchema } from './provenanceSchemas';
export { withPasswordFrom } from './withPasswordFrom';
export { DUPLICATE_KEY, isDuplicateKey } from './duplicateKey';
