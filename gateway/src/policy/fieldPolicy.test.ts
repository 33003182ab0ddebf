import { buildSchema } from 'graphql';
import { compileFieldPolicy } from './fieldPolicy';
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
