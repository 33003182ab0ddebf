import { buildSchema } from 'graphql';
import { allow, rule } from 'graphql-shield';
import { DenialReason } from '@intel-gateway/shared/policy';
import { compileFieldPolicy } from '../policy/fieldPolicy';
import { TEST_PRINCIPAL } from '../testing/layerRequestContext';
import { createContextGate } from './contextGate';
import { subjectOf } from './policySchemas';

/**
 * The field policy's gate on values passed from a parent's context: only a field the caller
 * may read whatever the record gives its value on; a field with no rule gives NO_RULE, one
 * decided per record gives DENIED (a value passed on is not checked per record).
 */
const schema = buildSchema(`
  type Query { t: T }
  type T { id: ID!  owner: String  open: String  perRecord: String  unruled: String }
`);
const ownerOnly = rule({ fragment: '{ owner }' })(() => true);

describe('createContextGate', () => {
  it('lets through only a field the caller may read whatever the record', async () => {
    const policy = compileFieldPolicy(
      { rules: { Query: { t: allow }, T: { id: allow, owner: allow, open: allow, perRecord: ownerOnly } } },
      schema,
    );
    const gate = createContextGate(policy, subjectOf(TEST_PRINCIPAL).subject);
    expect(await gate('T', 'open')).toBeNull();
    expect(await gate('T', 'unruled')).toBe(DenialReason.NO_RULE);
    expect(await gate('T', 'perRecord')).toBe(DenialReason.DENIED);
  });
});
