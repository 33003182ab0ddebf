import { buildSchema, type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { allow, deny, rule } from 'graphql-shield';
import { ErrorCode } from '@intel-gateway/shared/errors';
import {
  DenialReason,
  PolicyDenial,
  type PolicySubject,
  RELEASE_GRANT_TYPES_EXTENSION,
  ReleasedRecords,
} from '@intel-gateway/shared/policy';
import { prepareResponseShape } from '../execution/shapeResponse';
import { subgraphServes } from '../execution/subgraphServes';
import { TEST_PRINCIPAL } from '../testing/layerRequestContext';
import { testProvenance } from '../testing/testProvenance';
import { decideOperation } from './decideOperation';
import { enforceOnResult } from './enforceOnResult';
import { createEnforcingVisitor } from './enforcingVisitor';
import { compileFieldPolicy } from './fieldPolicy';
import type { OperationDecision } from './operationPlan';
import type { RecordCheckInputs } from './recordChecks';
import { ReleaseGrantReports } from './releaseGrantReports';

/**
 * The record rules done inside the own executor's shaping pass (the enforcing visitor) must
 * do everything the walk of a finished result (`enforceOnResult`, kept for @apollo/gateway's
 * executor) does, and skip nothing: each case is shaped twice from the same subgraph data,
 * once walked and once visited, and must give the same data, errors and disclosures; and
 * the visited one is checked on its own for what the record rules are there to do.
 */
const schema = buildSchema(`
  type Query { notices: [Notice!]! person(id: ID!): NationalPerson entries: [Entry!] holder: Holder grid: [[Notice]] strict: [Notice!] }
  interface Entry { id: ID! }
  type Notice implements Entry { id: ID! title: String secret: String internal: String provenance: Provenance subject: NationalPerson related: [Notice!] }
  type NationalPerson implements Entry { id: ID! name: String role: String provenance: Provenance }
  type Holder { must: Notice! note: String flag: String hidden: String }
  type Provenance { owner: String tlp: String handling: Handling retainUntil: String purposes: [String] classification: String restrictions: Restrictions }
  type Handling { code: String conditions: String }
  type Restrictions { allowedAgencies: [String] deniedAgencies: [String] existenceOnlyAgencies: [String] }
`);
const notClassified = rule('not-classified', { fragment: '{ title }' })(async (parent: { title?: unknown }) =>
  parent.title === 'classified' ? new PolicyDenial(DenialReason.DENIED) : true,
);
const notClosed = rule('not-closed', { fragment: '{ flag }' })(async (parent: { flag?: unknown }) =>
  parent.flag === 'closed' ? new PolicyDenial(DenialReason.DENIED) : true,
);
const policy = compileFieldPolicy(
  {
    rules: {
      Query: { '*': allow },
      Entry: { '*': allow },
      Notice: { '*': allow, secret: notClassified, subject: notClassified, internal: deny },
      NationalPerson: { '*': allow },
      Holder: { '*': allow, hidden: notClosed },
      Provenance: { '*': allow },
      Handling: { '*': allow },
      Restrictions: { '*': allow },
    },
  },
  schema,
);
const subject: PolicySubject & { projects: string[] } = {
  agency: 'NCB-FR',
  agencyKind: 'NCB',
  country: 'FR',
  roles: ['ANALYST'],
  clearance: 'RESTRICTED',
  projects: [],
};

/**
 * The record checks' inputs: notices come from interpol, which serves IPSG, persons from
 * national, which serves the NCBs; the caller is an NCB-FR analyst; `held` are the grants
 * the gateway holds for it; `grantReports` what the subgraphs said of the grants they held
 * for it (none heard by default).
 */
const checksWith = (
  heldGrants: RecordCheckInputs['heldGrants'] = async () => ReleasedRecords.NONE,
  grantReports = new ReleaseGrantReports(),
): RecordCheckInputs => ({
  caller: { principal: TEST_PRINCIPAL, purpose: 'CRIMINAL_INVESTIGATION' },
  provenanceSources: new Map([
    ['Notice', ['interpol']],
    ['NationalPerson', ['national']],
  ]),
  serves: subgraphServes([
    { name: 'interpol', owners: ['IPSG'] },
    { name: 'national', owners: ['NCB-*'] },
  ]),
  heldGrants,
  grantReports,
});

const provenance = testProvenance;
/** A notice as its subgraph returns it to the decided operation: the fields asked, and the gateway's own under reserved aliases. */
const notice = (id: string, title: string, extra: Record<string, unknown> = {}) => ({
  __typename: 'Notice',
  _policy_typename: 'Notice',
  id,
  _policy_record_id: id,
  title,
  _policy_title: title,
  secret: `secret of ${id}`,
  _policy_record_provenance: provenance('IPSG'),
  ...extra,
});
const person = (id: string, role: string, owner: string) => ({
  __typename: 'NationalPerson',
  _policy_typename: 'NationalPerson',
  id,
  _policy_record_id: id,
  name: `name of ${id}`,
  role,
  _policy_role: role,
  _policy_record_provenance: provenance(owner),
  _policy_provenance: { owner },
});

async function decided(query: string): Promise<{ decision: OperationDecision; shape: ReturnType<typeof prepareResponseShape> }> {
  const decision = await decideOperation(policy, subject, parse(query), undefined, query, { identifyRecords: true });
  const operation = decision.document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    decision.document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  return { decision, shape: prepareResponseShape(schema, operation, fragments) };
}

/** The same subgraph data, walked after shaping and visited while shaping. */
async function bothWays(
  query: string,
  input: Record<string, unknown>,
  variables: Record<string, unknown> = {},
  checks: RecordCheckInputs = checksWith(),
) {
  const { decision, shape } = await decided(query);
  const walkedShape = shape(structuredClone(input), variables);
  const walked = walkedShape.data ? await enforceOnResult(schema, decision.plan!, walkedShape.data, subject, variables, checks) : null;
  const folded = createEnforcingVisitor(schema, decision.plan!, subject, variables, checks);
  const visitedShape = shape(structuredClone(input), variables, folded.visitor);
  const visited = visitedShape.data ? await folded.finish(visitedShape.data) : null;
  expect(visitedShape).toEqual(walkedShape);
  expect(visited).toEqual(walked);
  return {
    data: visitedShape.data,
    shapeErrors: visitedShape.errors,
    errors: visited?.errors ?? [],
    disclosures: visited?.disclosures ?? [],
    verdict: visited?.verdict,
  };
}

const codesAt = (errors: readonly { path?: readonly (string | number)[]; extensions: Record<string, unknown> }[]) =>
  errors.map((e) => [e.path, e.extensions.code]);

describe('the record rules inside the shaping pass (createEnforcingVisitor)', () => {
  it('decides a record rule on every record of a list, nulls the denied field with FORBIDDEN, and lists each record', async () => {
    const { data, errors, disclosures } = await bothWays('{ notices { id title secret } }', {
      notices: [notice('n-1', 'open'), notice('n-2', 'classified'), notice('n-3', 'open')],
    });
    expect(data).toEqual({
      notices: [
        { id: 'n-1', title: 'open', secret: 'secret of n-1' },
        { id: 'n-2', title: 'classified', secret: null },
        { id: 'n-3', title: 'open', secret: 'secret of n-3' },
      ],
    });
    expect(codesAt(errors)).toEqual([[['notices', 1, 'secret'], ErrorCode.FORBIDDEN]]);
    expect(disclosures.map((d) => [d.type, d.id, d.owner, d.fields, d.path])).toEqual([
      ['Notice', 'n-1', 'IPSG', ['id', 'title', 'secret'], ['notices', 0]],
      ['Notice', 'n-2', 'IPSG', ['id', 'title'], ['notices', 1]],
      ['Notice', 'n-3', 'IPSG', ['id', 'title', 'secret'], ['notices', 2]],
    ]);
  });

  it('decides a record rule on an object that is no record, from a field the caller selected itself', async () => {
    const { data, errors } = await bothWays('{ holder { flag hidden } }', { holder: { flag: 'closed', hidden: 'h' } });
    expect(data).toEqual({ holder: { flag: 'closed', hidden: null } });
    expect(codesAt(errors)).toEqual([[['holder', 'hidden'], ErrorCode.FORBIDDEN]]);
  });

  it('reads the rule from the reserved alias when the caller did not ask for its field, and never shows the alias', async () => {
    const { data, errors } = await bothWays('{ notices { secret } }', { notices: [notice('n-2', 'classified')] });
    expect(data).toEqual({ notices: [{ secret: null }] });
    expect(codesAt(errors)).toEqual([[['notices', 0, 'secret'], ErrorCode.FORBIDDEN]]);
    expect(JSON.stringify(data)).not.toContain('_policy_');
  });

  it('reports a field denied before planning at each path where its parent came back, and honours @skip', async () => {
    const asked = await bothWays('{ notices { id internal } }', { notices: [notice('n-1', 'open'), notice('n-2', 'open')] });
    expect(codesAt(asked.errors)).toEqual([
      [['notices', 0, 'internal'], ErrorCode.FORBIDDEN],
      [['notices', 1, 'internal'], ErrorCode.FORBIDDEN],
    ]);
    const skipped = await bothWays(
      'query Q($no: Boolean!) { notices { id internal @skip(if: $no) } }',
      { notices: [notice('n-1', 'open')] },
      { no: true },
    );
    expect(skipped.errors).toEqual([]);
  });

  it('flags a person-like record the caller may not identify (an informant of another agency) for the release re-check', async () => {
    const { disclosures } = await bothWays('{ notices { id subject { id name } } }', {
      notices: [
        notice('n-1', 'open', { subject: person('p-1', 'INFORMANT', 'NCB-DE') }),
        notice('n-2', 'open', { subject: person('p-2', 'SUSPECT', 'NCB-DE') }),
      ],
    });
    expect(disclosures.map((d) => [d.type, d.id, d.owner, d.subjectDenial])).toEqual([
      ['Notice', 'n-1', 'IPSG', null],
      ['NationalPerson', 'p-1', 'NCB-DE', DenialReason.INFORMANT_PROTECTED],
      ['Notice', 'n-2', 'IPSG', null],
      ['NationalPerson', 'p-2', 'NCB-DE', null],
    ]);
  });

  it('lists records through interfaces, fragments and nested lists, each once, at its first path', async () => {
    const { disclosures, errors } = await bothWays(
      `query Q { entries { id ... on Notice { secret related { ...R } } ... on NationalPerson { name } } }
       fragment R on Notice { id title secret }`,
      {
        entries: [
          notice('n-1', 'open', { related: [notice('n-2', 'classified'), notice('n-1', 'open')] }),
          person('p-1', 'SUSPECT', 'NCB-FR'),
        ],
      },
    );
    expect(disclosures.map((d) => [d.type, d.id, d.path])).toEqual([
      ['Notice', 'n-1', ['entries', 0]],
      ['Notice', 'n-2', ['entries', 0, 'related', 0]],
      ['NationalPerson', 'p-1', ['entries', 1]],
    ]);
    expect(codesAt(errors)).toEqual([[['entries', 0, 'related', 0, 'secret'], ErrorCode.FORBIDDEN]]);
  });

  it('visits an object selected again in another fragment with what both selections reach below it', async () => {
    const { data, disclosures, errors } = await bothWays(
      '{ entries { ... on Notice { related { id } } ... on Entry { ... on Notice { related { secret subject { id } } } } } }',
      { entries: [notice('n-1', 'open', { related: [notice('n-2', 'open', { subject: person('p-1', 'INFORMANT', 'NCB-DE') })] })] },
    );
    expect(data).toEqual({ entries: [{ related: [{ id: 'n-2', secret: 'secret of n-2', subject: { id: 'p-1' } }] }] });
    expect(disclosures.map((d) => [d.type, d.id, d.subjectDenial])).toEqual([
      ['Notice', 'n-1', null],
      ['Notice', 'n-2', null],
      ['NationalPerson', 'p-1', DenialReason.INFORMANT_PROTECTED],
    ]);
    expect(errors).toEqual([]);
  });

  it('walks, with everything below it, an object whose runtime type is known only once it is shaped', async () => {
    // No `_policy_typename` in the fetched data: the runtime type comes from `__typename` as the object is shaped.
    const untyped = ({ _policy_typename, ...rest }: Record<string, unknown>) => rest;
    const { disclosures, errors } = await bothWays('{ entries { id ... on Notice { related { id title secret } } } }', {
      entries: [untyped(notice('n-1', 'open', { related: [notice('n-2', 'classified')] }))],
    });
    expect(disclosures.map((d) => [d.type, d.id])).toEqual([
      ['Notice', 'n-1'],
      ['Notice', 'n-2'],
    ]);
    expect(codesAt(errors)).toEqual([[['entries', 0, 'related', 0, 'secret'], ErrorCode.FORBIDDEN]]);
  });

  it('places records and errors in lists of lists at every position', async () => {
    const { data, disclosures, errors } = await bothWays('{ grid { id secret } }', {
      grid: [[notice('n-1', 'open'), notice('n-2', 'classified')], null, [notice('n-3', 'classified')]],
    });
    expect(data).toEqual({
      grid: [
        [
          { id: 'n-1', secret: 'secret of n-1' },
          { id: 'n-2', secret: null },
        ],
        null,
        [{ id: 'n-3', secret: null }],
      ],
    });
    expect(codesAt(errors)).toEqual([
      [['grid', 0, 1, 'secret'], ErrorCode.FORBIDDEN],
      [['grid', 2, 0, 'secret'], ErrorCode.FORBIDDEN],
    ]);
    expect(disclosures.map((d) => [d.id, d.path])).toEqual([
      ['n-1', ['grid', 0, 0]],
      ['n-2', ['grid', 0, 1]],
      ['n-3', ['grid', 2, 0]],
    ]);
  });

  it('ignores a runtime type a subgraph sends under the gateway alias where the gateway did not ask for one', async () => {
    const { data, errors, disclosures } = await bothWays('{ holder { ... on Holder { must { id secret } } } }', {
      holder: { _policy_typename: 'Notice', must: notice('n-2', 'classified') },
    });
    expect(data).toEqual({ holder: { must: { id: 'n-2', secret: null } } });
    expect(codesAt(errors)).toEqual([[['holder', 'must', 'secret'], ErrorCode.FORBIDDEN]]);
    expect(disclosures.map((d) => [d.type, d.id])).toEqual([['Notice', 'n-2']]);
  });

  it('reads an object as the type its fragments were chosen by, whatever runtime type a subgraph sends under the gateway alias', async () => {
    const { data, errors } = await bothWays('{ entries { id ... on Notice { secret } } }', {
      entries: [{ ...notice('n-3', 'classified'), _policy_typename: 'NationalPerson' }],
    });
    expect(data).toEqual({ entries: [{ id: 'n-3', secret: null }] });
    expect(codesAt(errors)).toEqual([[['entries', 0, 'secret'], ErrorCode.FORBIDDEN]]);
  });

  it('lists no record a null has since replaced (a non-null field came back null), and keeps the others', async () => {
    const { data, shapeErrors, disclosures } = await bothWays('{ holder { note must { id subject { id } } } notices { id } }', {
      holder: { note: 'n', must: { ...notice('n-9', 'open', { subject: person('p-9', 'SUSPECT', 'NCB-DE') }), id: null } },
      notices: [notice('n-1', 'open')],
    });
    expect(data).toEqual({ holder: null, notices: [{ id: 'n-1' }] });
    expect(shapeErrors).toHaveLength(1);
    expect(disclosures.map((d) => d.id)).toEqual(['n-1']);
  });

  it('lists no record of a list a null has since replaced (one of its non-null items came back null)', async () => {
    const { data, disclosures } = await bothWays('{ strict { id subject { id } } notices { id } }', {
      strict: [notice('n-7', 'open', { subject: person('p-7', 'SUSPECT', 'NCB-DE') }), { ...notice('n-8', 'open'), id: null }],
      notices: [notice('n-1', 'open')],
    });
    expect(data).toEqual({ strict: null, notices: [{ id: 'n-1' }] });
    expect(disclosures.map((d) => d.id)).toEqual(['n-1']);
  });

  it('drops the records found only inside a field a record rule withheld', async () => {
    const rules = await bothWays('{ notices { id secret subject { id } } }', {
      notices: [notice('n-2', 'classified', { subject: person('p-1', 'SUSPECT', 'NCB-DE') })],
    });
    expect(rules.data).toEqual({ notices: [{ id: 'n-2', secret: null, subject: null }] });
    expect(rules.disclosures.map((d) => d.id)).toEqual(['n-2']);
  });

  it('refuses to finish with a result its visitor did not see shaped', async () => {
    const { decision } = await decided('{ notices { id } }');
    const folded = createEnforcingVisitor(schema, decision.plan!, subject, {}, checksWith());
    await expect(folded.finish({ notices: [] })).rejects.toThrow(/did not see shaped/);
  });
});

describe('the record checks, in the same pass (checkRecords, for both ways)', () => {
  /** A notice of `owner` that NCB-FR may only learn exists: only a release on request lets it through. */
  const existenceOnly = (id: string, owner = 'IPSG') =>
    notice(id, 'open', {
      _policy_record_provenance: {
        ...provenance(owner),
        restrictions: { allowedAgencies: [], deniedAgencies: [], existenceOnlyAgencies: ['NCB-FR'] },
      },
    });
  const grant = (recordType: string, owner: string, recordId: string, conditions: string | null = null) => ({
    recordType,
    owner,
    recordId,
    until: null,
    conditions,
  });
  const held = (...grants: ReturnType<typeof grant>[]) => checksWith(async () => new ReleasedRecords(grants));

  it('finds a record a subgraph passes off as an owner it does not serve, and checks nothing else then', async () => {
    const asked: string[] = [];
    const { verdict } = await bothWays(
      '{ notices { id } }',
      { notices: [notice('n-1', 'open'), notice('n-2', 'open', { _policy_record_provenance: provenance('NCB-GB') })] },
      {},
      checksWith(async () => (asked.push('held'), ReleasedRecords.NONE)),
    );
    expect(verdict!.foreign.map(({ record, subgraphs }) => [record.id, record.owner, subgraphs])).toEqual([
      ['n-2', 'NCB-GB', ['interpol']],
    ]);
    expect(verdict!.handling).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('lets a record through on a held grant of its type, owner and id only, with the release conditions in its handling', async () => {
    const { verdict } = await bothWays(
      '{ notices { id } }',
      { notices: [existenceOnly('n-1'), existenceOnly('n-2'), existenceOnly('n-3'), existenceOnly('n-4')] },
      {},
      held(
        grant('Notice', 'IPSG', 'n-1', 'Not for onward transmission.'),
        grant('NationalPerson', 'IPSG', 'n-2'),
        grant('Notice', 'EUROPOL', 'n-3'),
      ),
    );
    expect(verdict!.foreign).toEqual([]);
    expect(verdict!.unreleased).toEqual([]);
    expect(verdict!.handling.map((entry) => [entry.id, entry.releaseConditions])).toEqual([
      ['n-1', 'Not for onward transmission.'],
      ['n-2', undefined],
      ['n-3', undefined],
      ['n-4', undefined],
    ]);
    // Not released by what is held (another type, another owner, no grant): each left for the read by record, none let through.
    expect(verdict!.unconfirmed.map(({ record, entry, required }) => [record.id, entry, required])).toEqual([
      ['n-2', 1, true],
      ['n-3', 2, true],
      ['n-4', 3, true],
    ]);
  });

  it('refuses without a read what no grant could release (past retention, above clearance) and a person the caller may not identify', async () => {
    const { verdict } = await bothWays(
      '{ notices { id subject { id } } }',
      {
        notices: [
          notice('n-1', 'open', { _policy_record_provenance: { ...provenance('IPSG'), retainUntil: '2020-01-01T00:00:00Z' } }),
          notice('n-2', 'open', { _policy_record_provenance: { ...provenance('IPSG'), classification: 'SECRET' } }),
          notice('n-3', 'open', { subject: person('p-1', 'INFORMANT', 'NCB-DE') }),
        ],
      },
      {},
      held(grant('Notice', 'IPSG', 'n-1'), grant('Notice', 'IPSG', 'n-2'), grant('NationalPerson', 'NCB-DE', 'p-1')),
    );
    expect(verdict!.unreleased.map((d) => d.id).sort()).toEqual(['n-1', 'n-2', 'p-1']);
    // The notice the rules release is read only for the conditions of a release it may have been served on.
    expect(verdict!.unconfirmed.map(({ record, required }) => [record.id, required])).toEqual([['n-3', false]]);
  });

  it('reads a notice no held grant releases for a release’s conditions (its publication state is its subgraph’s to check), and not a person', async () => {
    const { verdict } = await bothWays(
      '{ notices { id subject { id } } }',
      { notices: [notice('n-1', 'open', { subject: person('p-1', 'SUSPECT', 'NCB-DE') }), notice('n-2', 'open')] },
      {},
      held(grant('Notice', 'IPSG', 'n-2', 'Only for this case.')),
    );
    expect(verdict!.unreleased).toEqual([]);
    expect(verdict!.unconfirmed.map(({ record, required }) => [record.id, required])).toEqual([['n-1', false]]);
    expect(verdict!.handling.map((entry) => [entry.id, entry.releaseConditions])).toEqual([
      ['n-1', undefined],
      ['p-1', undefined],
      ['n-2', 'Only for this case.'],
    ]);
  });

  it('reads a notice for a release’s conditions unless interpol reported no notice grant and the gateway holds none (all of the caller’s, read)', async () => {
    const unconfirmedWith = async (...answers: [string, Record<string, unknown> | undefined][]) =>
      unconfirmedHolding(async () => ReleasedRecords.NONE, ...answers);
    /** As unconfirmedWith, with `heldGrants` as the grants the gateway holds. */
    const unconfirmedHolding = async (
      heldGrants: RecordCheckInputs['heldGrants'],
      ...answers: [string, Record<string, unknown> | undefined][]
    ) => {
      const reports = new ReleaseGrantReports();
      for (const [subgraph, extensions] of answers) reports.heard(subgraph, extensions);
      const { verdict } = await bothWays(
        '{ notices { id subject { id } } }',
        { notices: [notice('n-1', 'open', { subject: person('p-1', 'SUSPECT', 'NCB-DE') })] },
        {},
        checksWith(heldGrants, reports),
      );
      expect(verdict!.unreleased).toEqual([]);
      return verdict!.unconfirmed.map(({ record, required }) => [record.id, required]);
    };
    const report = (...types: unknown[]) => ({ [RELEASE_GRANT_TYPES_EXTENSION]: types });
    // Interpol served it on no grant of a notice: nothing to read (another subgraph's report does not count for notices).
    expect(await unconfirmedWith(['interpol', report()])).toEqual([]);
    expect(await unconfirmedWith(['interpol', report('SltdRecord', 'Diffusion')], ['national', report('Notice')])).toEqual([]);
    // It may have: each of these leaves the notice to the read.
    expect(await unconfirmedWith()).toEqual([['n-1', false]]);
    expect(await unconfirmedWith(['national', report()])).toEqual([['n-1', false]]);
    expect(await unconfirmedWith(['interpol', report('Notice')])).toEqual([['n-1', false]]);
    expect(await unconfirmedWith(['interpol', report()], ['interpol', report('Notice')])).toEqual([['n-1', false]]);
    expect(await unconfirmedWith(['interpol', report()], ['interpol', undefined])).toEqual([['n-1', false]]);
    expect(await unconfirmedWith(['interpol', undefined], ['interpol', report()])).toEqual([['n-1', false]]);
    expect(await unconfirmedWith(['interpol', { [RELEASE_GRANT_TYPES_EXTENSION]: 'SltdRecord' }])).toEqual([['n-1', false]]);
    expect(await unconfirmedWith(['interpol', report('SltdRecord', 7)])).toEqual([['n-1', false]]);
    // Interpol's word alone is not enough: the gateway holding a grant of another notice leaves the notice to the read
    // (a grant of another type does not); holding only some of the caller's grants, or failing to read them, leaves
    // every other owner's record to it, the person too.
    const interpolHeldNone: [string, Record<string, unknown>] = ['interpol', report()];
    expect(await unconfirmedHolding(async () => new ReleasedRecords([grant('Notice', 'IPSG', 'n-9')]), interpolHeldNone)).toEqual([
      ['n-1', false],
    ]);
    expect(await unconfirmedHolding(async () => new ReleasedRecords([grant('SltdRecord', 'IPSG', 's-1')]), interpolHeldNone)).toEqual([]);
    const everyOther = [
      ['n-1', false],
      ['p-1', false],
    ];
    expect(
      await unconfirmedHolding(async () => new ReleasedRecords([grant('SltdRecord', 'IPSG', 's-1')], new Date(), true), interpolHeldNone),
    ).toEqual(everyOther);
    expect(await unconfirmedHolding(() => Promise.reject(new Error('grant store down')), interpolHeldNone)).toEqual(everyOther);
  });

  it('asks for no grant when every record is the caller’s own, and leaves every other owner’s record to the read when the grants cannot be held', async () => {
    const own = await bothWays(
      '{ person(id: "p-1") { id } }',
      { person: person('p-1', 'SUSPECT', 'NCB-FR') },
      {},
      checksWith(() => Promise.reject(new Error('no grants for the own agency’s records'))),
    );
    expect(own.verdict).toMatchObject({ unreleased: [], unconfirmed: [], heldFailure: null });
    const failure = new Error('grant store down');
    const others = await bothWays(
      '{ notices { id } }',
      { notices: [notice('n-1', 'open'), existenceOnly('n-2')] },
      {},
      checksWith(() => Promise.reject(failure)),
    );
    expect(others.verdict!.heldFailure).toBe(failure);
    expect(others.verdict!.unconfirmed.map(({ record, required }) => [record.id, required])).toEqual([
      ['n-1', false],
      ['n-2', true],
    ]);
  });
});
