/** Record rules: releasability, release grants, protected subjects, hit answers, principal rules, references to other owners' records, the review queue. */
export {
  type HitAnswer,
  HIT_ADVICE,
  hitReference,
  parseHitReference,
  newHitReference,
  HIT_REFERENCE_PATTERN,
  hitAnswerError,
  contentOrHit,
} from './hitAnswer';
export {
  type LogicShieldRule,
  type ShieldRule,
  type PolicySubject,
  toPolicySubject,
  policySubjectKey,
  type PolicyRuleContext,
  DenialReason,
  PolicyDenial,
  requireRole,
  requireAgencyKind,
  RoleGroups,
} from './principalRules';
export { ownerOnlyReference } from './ownerOnlyReference';
export { type SubjectReader, subjectIdentityDenial, identifiableSubjects, unidentifiableSubjects } from './protectedSubjects';
export {
  type RecordFilter,
  NOTHING_RELEASED,
  clearedClassifications,
  releasableRecords,
  type ReleaseFacts,
  isReleasedTo,
  releasableNotices,
  existenceOnlyNotices,
  within,
  existenceOnlyRecords,
} from './releasability';
export {
  type ReleaseGrantRecord,
  createReleaseGrantModel,
  ReleasedRecords,
  RELEASE_GRANT_TYPES_EXTENSION,
  createReleaseGrantLookup,
  type ReleaseGrantLookupOptions,
  type HonourGrants,
  findReleaseGrants,
} from './releaseGrants';
export { type ReviewItem, REVIEW_QUEUE_LIMIT, findDueForReview } from './reviewDue';
