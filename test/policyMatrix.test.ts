import { type FragmentDefinitionNode, Kind, parse, print, type SelectionNode, type SelectionSetNode } from 'graphql';
import { STORY } from '@intel-gateway/tools';
import { startTestFederation, type TestFederation } from './harness';

/**
 * The gateway's field policy as agencies and roles meet it: for each of four agencies (the
 * General Secretariat, the regional analysis agency and two NCBs) and three roles, a fixed
 * set of operations that touch every subgraph. The table below is the expected outcome:
 * every field not listed comes back. A field listed for its role or agency
 * (ROLE_NOT_PERMITTED, AGENCY_NOT_PERMITTED: no record could open it to this caller) is
 * outside the caller's schema: the operation naming it is refused as invalid (400, one
 * "Cannot query field" per such field, no data), and the same operation without those
 * fields runs. There, a field listed as decided per record is null and reported once as
 * FORBIDDEN with the reason given, or null with a hit/no-hit answer (HIT) where the owner
 * releases only that the record exists.
 */
let federation: TestFederation;
beforeAll(async () => {
  federation = await startTestFederation();
});
afterAll(() => federation.stop());

const OPERATIONS = {
  notice: {
    query: `{ notice(id: "${STORY.redNotice.id}") { id type subject { ...Subject } redNotice { charges } summary } }
      fragment Subject on NoticeSubject { name { familyName } placeOfBirth }`,
    fields: [
      'notice.id',
      'notice.type',
      'notice.subject.name.familyName',
      'notice.subject.placeOfBirth',
      'notice.redNotice',
      'notice.summary',
    ],
  },
  document: {
    query: `{ travelDocument(issuingCountry: "GB", documentType: PASSPORT, number: "${STORY.stolenGbPassport.number}") {
      number sltd { status circumstances provenance { owner restrictions { deniedAgencies } } } cases { id } } }`,
    fields: [
      'travelDocument.number',
      'travelDocument.sltd.status',
      'travelDocument.sltd.circumstances',
      'travelDocument.sltd.provenance.owner',
      'travelDocument.sltd.provenance.restrictions',
      'travelDocument.cases',
    ],
  },
  analysis: {
    query: `{ personEntry(id: "${STORY.redNotice.europolEntryId}") { id category } }`,
    fields: ['personEntry.id', 'personEntry.category'],
  },
  caseFile: {
    query: `{ caseFile(id: "${STORY.stolenGbPassport.caseFileId}") { id title } }`,
    fields: ['caseFile.id', 'caseFile.title'],
  },
  linked: {
    query: `{ notice(id: "${STORY.redNotice.id}") { id europolEntries { id } nationalRecords { id } } }`,
    fields: ['notice.id', 'notice.europolEntries', 'notice.nationalRecords'],
  },
} as const;
type OperationName = keyof typeof OPERATIONS;

const ROLE = 'ROLE_NOT_PERMITTED';
const AGENCY = 'AGENCY_NOT_PERMITTED';
const NOT_OWNER = 'NOT_RECORD_OWNER';
/** A hit/no-hit answer: the agency does not take part in the analysis project (AP-SYNERGY). */
const HIT = 'HIT';
/** The stolen GB passport's SLTD record belongs to NCB-GB: only NCB-GB sees its restrictions. */
const RESTRICTIONS = 'travelDocument.sltd.provenance.restrictions';

/** Denied field paths and their reasons, per agency and role, per operation. */
const EXPECTED_DENIALS: Record<string, Record<OperationName, Record<string, string>>> = {
  'IPSG FRONTLINE': {
    notice: { 'notice.subject.placeOfBirth': ROLE, 'notice.redNotice': ROLE, 'notice.summary': ROLE },
    document: { 'travelDocument.sltd.circumstances': ROLE, [RESTRICTIONS]: NOT_OWNER, 'travelDocument.cases': AGENCY },
    analysis: { personEntry: ROLE },
    caseFile: { caseFile: AGENCY },
    linked: { 'notice.europolEntries': ROLE, 'notice.nationalRecords': AGENCY },
  },
  'IPSG ANALYST': {
    notice: {},
    document: { [RESTRICTIONS]: NOT_OWNER, 'travelDocument.cases': AGENCY },
    analysis: { personEntry: ROLE },
    caseFile: { caseFile: AGENCY },
    linked: { 'notice.europolEntries': ROLE, 'notice.nationalRecords': AGENCY },
  },
  'IPSG AP_ANALYST': {
    notice: { 'notice.redNotice': ROLE },
    document: { [RESTRICTIONS]: NOT_OWNER, 'travelDocument.cases': AGENCY },
    analysis: { personEntry: HIT },
    caseFile: { caseFile: AGENCY },
    linked: { 'notice.nationalRecords': AGENCY },
  },
  'EUROPOL FRONTLINE': {
    notice: { 'notice.subject.placeOfBirth': ROLE, 'notice.redNotice': AGENCY, 'notice.summary': ROLE },
    document: { 'travelDocument.sltd.circumstances': ROLE, [RESTRICTIONS]: NOT_OWNER, 'travelDocument.cases': ROLE },
    analysis: { personEntry: ROLE },
    caseFile: { caseFile: ROLE },
    linked: { 'notice.europolEntries': ROLE, 'notice.nationalRecords': ROLE },
  },
  'EUROPOL ANALYST': {
    notice: { 'notice.redNotice': AGENCY },
    document: { [RESTRICTIONS]: NOT_OWNER },
    analysis: { personEntry: ROLE },
    caseFile: {},
    linked: { 'notice.europolEntries': ROLE },
  },
  'EUROPOL AP_ANALYST': {
    notice: { 'notice.redNotice': AGENCY },
    document: { [RESTRICTIONS]: NOT_OWNER, 'travelDocument.cases': ROLE },
    analysis: {},
    caseFile: { caseFile: ROLE },
    linked: { 'notice.nationalRecords': ROLE },
  },
  'NCB-FR FRONTLINE': {
    notice: { 'notice.subject.placeOfBirth': ROLE, 'notice.redNotice': ROLE, 'notice.summary': ROLE },
    document: { 'travelDocument.sltd.circumstances': ROLE, [RESTRICTIONS]: NOT_OWNER, 'travelDocument.cases': ROLE },
    analysis: { personEntry: ROLE },
    caseFile: { caseFile: ROLE },
    linked: { 'notice.europolEntries': ROLE, 'notice.nationalRecords': ROLE },
  },
  'NCB-FR ANALYST': {
    notice: {},
    document: { [RESTRICTIONS]: NOT_OWNER },
    analysis: { personEntry: ROLE },
    caseFile: {},
    linked: { 'notice.europolEntries': ROLE },
  },
  'NCB-FR AP_ANALYST': {
    notice: { 'notice.redNotice': ROLE },
    document: { [RESTRICTIONS]: NOT_OWNER, 'travelDocument.cases': ROLE },
    analysis: {},
    caseFile: { caseFile: ROLE },
    linked: { 'notice.nationalRecords': ROLE },
  },
  'NCB-GB FRONTLINE': {
    notice: { 'notice.subject.placeOfBirth': ROLE, 'notice.redNotice': ROLE, 'notice.summary': ROLE },
    document: { 'travelDocument.sltd.circumstances': ROLE, 'travelDocument.cases': ROLE },
    analysis: { personEntry: ROLE },
    caseFile: { caseFile: ROLE },
    linked: { 'notice.europolEntries': ROLE, 'notice.nationalRecords': ROLE },
  },
  'NCB-GB ANALYST': {
    notice: {},
    document: {},
    analysis: { personEntry: ROLE },
    caseFile: {},
    linked: { 'notice.europolEntries': ROLE },
  },
  'NCB-GB AP_ANALYST': {
    notice: { 'notice.redNotice': ROLE },
    document: { 'travelDocument.cases': ROLE },
    analysis: { personEntry: HIT },
    caseFile: { caseFile: ROLE },
    linked: { 'notice.nationalRecords': ROLE },
  },
};

/** The value at a dotted path, or undefined where the path stops. */
function valueAt(data: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), data);
}

const cases = Object.entries(EXPECTED_DENIALS).flatMap(([subject, operations]) =>
  Object.entries(operations).map(([operation, denials]) => [subject, operation as OperationName, denials] as const),
);

/** Whether a denial is decided by the caller alone (the field is outside its schema) rather than per record. */
const isHidden = (reason: string) => reason === ROLE || reason === AGENCY;

/** The operation with the fields at these response paths removed (fragments written inline first). */
function withoutPaths(query: string, paths: readonly string[]): string {
  const document = parse(query);
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const prune = (selectionSet: SelectionSetNode, prefix: string): SelectionSetNode => ({
    ...selectionSet,
    selections: selectionSet.selections.flatMap((selection): SelectionNode[] => {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value)!;
        return [{ kind: Kind.INLINE_FRAGMENT, typeCondition: fragment.typeCondition, selectionSet: prune(fragment.selectionSet, prefix) }];
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) return [{ ...selection, selectionSet: prune(selection.selectionSet, prefix) }];
      const path = `${prefix}${(selection.alias ?? selection.name).value}`;
      if (paths.includes(path)) return [];
      return [selection.selectionSet ? { ...selection, selectionSet: prune(selection.selectionSet, `${path}.`) } : selection];
    }),
  });
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION)!;
  return print({ kind: Kind.DOCUMENT, definitions: [{ ...operation, selectionSet: prune(operation.selectionSet, '') }] });
}

it.each(cases)('%s: %s', async (subject, operation, denials) => {
  const [agency, role] = subject.split(' ') as [string, 'FRONTLINE' | 'ANALYST' | 'AP_ANALYST'];
  const run = (query: string) => federation.queryAs<Record<string, unknown>>({ agency, roles: [role] }, 'CRIMINAL_INVESTIGATION', query);
  const hidden = Object.keys(denials).filter((path) => isHidden(denials[path]!));
  let query: string = OPERATIONS[operation].query;
  if (hidden.length > 0) {
    // Refused as a name the schema lacks: no data, one validation error per hidden field.
    const refused = await run(query);
    expect(refused.status).toBe(400);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(hidden.map(() => 'GRAPHQL_VALIDATION_FAILED'));
    expect(refused.body.errors?.map((e) => e.message.match(/^Cannot query field "([^"]+)"/)?.[1]).sort()).toEqual(
      hidden.map((path) => path.split('.').at(-1)).sort(),
    );
    query = withoutPaths(query, hidden);
    // A hidden root field leaves nothing to ask.
    if (!/\{\s*\w/.test(query)) return;
  }
  const { status, body } = await run(query);
  expect(status).toBe(200);

  const perRecord = Object.fromEntries(Object.entries(denials).filter(([, reason]) => !isHidden(reason)));
  const reported = Object.fromEntries(
    (body.errors ?? []).map((error) => [
      error.path?.join('.'),
      error.extensions?.code === 'FORBIDDEN' ? `FORBIDDEN/${error.extensions.reason}` : error.extensions?.code,
    ]),
  );
  expect(reported).toEqual(
    Object.fromEntries(Object.entries(perRecord).map(([path, reason]) => [path, reason === HIT ? HIT : `FORBIDDEN/${reason}`])),
  );

  for (const field of OPERATIONS[operation].fields) {
    const deniedAt = Object.keys(denials).find((denied) => field === denied || field.startsWith(`${denied}.`));
    const value = valueAt(body.data, field);
    if (!deniedAt) expect({ field, value }).toEqual({ field, value: expect.anything() });
    // Withheld on the record (null), and what lay below it (absent with it).
    else if (denials[deniedAt] === NOT_OWNER || denials[deniedAt] === HIT)
      expect({ field, value }).toEqual({ field, value: field === deniedAt ? null : undefined });
    else expect({ field, value }).toEqual({ field, value: undefined });
  }
  // The gateway's own additions to the operation never reach the client.
  expect(JSON.stringify(body)).not.toContain('_policy_');
});
