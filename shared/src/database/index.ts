/** Storage: connections, models, paging, the review queue and the provenance schemas every shareable record uses. */
export { driverOptions, connectDatabase, syncIndexes, registerModel } from './connectDatabase';
export { MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE, type PageRequest, type Page, encodeCursor, parsePageArgs, toConnection } from './pagination';
export { findPage, type ChildPageKey, createChildPageLoader, LOOKUP_BATCH_SIZE, findAll } from './paging';
export { provenanceSchema, personNameSchema } from './provenanceSchemas';
export { type ReviewItem, REVIEW_QUEUE_LIMIT, findDueForReview } from './reviewDue';
export { withPasswordFrom } from './withPasswordFrom';
