import { buildSchema } from 'graphql';
import { allow, and, rule } from 'graphql-shield';
import { DenialReason, PolicyDenial, type PolicySubject } from '@intel-gateway/shared/policy';
import { compileFieldPolicy, createRecordRuleEvaluator } from './fieldPolicy';
import { NAMED_RULES } from './rules';

describe('compileFieldPolicy', () => {
  it('finds a rule by own keys only: a field named after an inherited property (constructor, toString) has none unless given one', () => {
    const schema = buildSchema('type Query { constructor: String toString: String valueOf: String ok: String }');
    const policy = compileFieldPolicy({ rules: { Query: { ok: NAMED_RULES.structural, valueOf: NAMED_RULES.structural } } }, schema);
    expect(policy.ruleFor('Query', 'constructor')).toBeUndefined();
    expect(policy.ruleFor('Query', 'toString')).toBeUndefined();
    expect(policy.ruleFor('Query', 'valueOf')).toBe(NAMED_RULES.structural);
    expect(policy.unruled).toEqual(['Query.constructor', 'Query.toString']);
  });
});

describe('createRecordRuleEvaluator', () => {
  const subject: PolicySubject = { agency: 'NCB-FR', agencyKind: 'NCB', country: 'FR', roles: ['ANALYST'], clearance: 'RESTRICTED' };
  /** A record rule that denies record "r2" and counts the records it was asked about. */
  const counting = (cache: 'strict' | 'contextual' | 'no_cache' = 'contextual') => {
    const seen: unknown[] = [];
    const denyR2 = rule('deny-r2', { fragment: '{ id }', cache })((parent: { id?: unknown }) => {
      seen.push(parent.id);
      return parent.id === 'r2' ? new PolicyDenial(DenialReason.DENIED) : true;
    });
    return { seen, denyR2 };
  };

  it('decides each rule once per distinct record, and gives every occurrence that decision', async () => {
    const { seen, denyR2 } = counting();
    const other = counting();
    const evaluate = createRecordRuleEvaluator(subject);
    const decisions = await Promise.all(
      [{ id: 'r1' }, { id: 'r2' }, { id: 'r1' }, { id: 'r2' }, { id: 'r1' }].map((record) => evaluate(denyR2, record)),
    );
    expect(decisions).toEqual([null, DenialReason.DENIED, null, DenialReason.DENIED, null]);
    expect(seen).toEqual(['r1', 'r2']);
    await evaluate(other.denyR2, { id: 'r1' });
    expect(other.seen).toEqual(['r1']);
  });

  it('never takes records that differ in a value or its type for the same one, and asks again for records holding objects', async () => {
    const { seen, denyR2 } = counting();
    const evaluate = createRecordRuleEvaluator(subject);
    const records = [
      { id: '1' },
      { id: 1 },
      { id: null },
      { id: undefined },
      { id: true },
      { id: 'true' },
      { id: 'a;b' },
      { id: 'a', x: 'b' },
    ];
    for (const record of records) await evaluate(denyR2, record);
    await evaluate(denyR2, { id: { nested: 'r2' } });
    await evaluate(denyR2, { id: { nested: 'r2' } });
    expect(seen).toHaveLength(records.length + 2);
    // A new request starts afresh.
    await createRecordRuleEvaluator(subject)(denyR2, { id: '1' });
    expect(seen).toHaveLength(records.length + 3);
  });

  it('gives a record one decision per answer even when the rule would change its mind (the clock, another store)', async () => {
    let calls = 0;
    const flipping = rule('allows-once', { fragment: '{ id }', cache: 'no_cache' })(() =>
      calls++ === 0 ? true : new PolicyDenial(DenialReason.DENIED),
    );
    const evaluate = createRecordRuleEvaluator(subject);
    const combined = and(allow, flipping);
    expect(await Promise.all([1, 2, 3].map(() => evaluate(combined, { id: 'r1' })))).toEqual([null, null, null]);
    expect(calls).toBe(1);
  });
});
