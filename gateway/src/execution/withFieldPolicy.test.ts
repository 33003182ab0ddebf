import type { GatewayExecutor } from '@apollo/server-gateway-interface';
import { buildSchema, type DocumentNode, print } from 'graphql';
import { allow } from 'graphql-shield';
import pino from 'pino';
import { ErrorCode } from '@intel-gateway/shared/errors';
import { ReleasedRecords } from '@intel-gateway/shared/policy';
import { layerRequestContext } from '../testing/layerRequestContext';
import { PolicySchemas } from './policySchemas';
import { subgraphServes } from './subgraphServes';
import { withFieldPolicy } from './withFieldPolicy';

const apiSchema = buildSchema(`
  type Query { case: Case }
  type Case { title: String informant: String }
`);
const requestFor = (query: string) => layerRequestContext(query);
/** No subgraph serves anyone and nothing is released: these operations hold no record. */
const sources = { serves: subgraphServes([]), heldGrants: async () => ReleasedRecords.NONE };
/** `Case.informant` has no rule, so it is denied to everyone. */
const newSchemas = () => {
  const schemas = new PolicySchemas({ version: 't', rules: { Query: { case: allow }, Case: { title: allow } } }, pino({ enabled: false }));
  schemas.adopt(apiSchema, 'type Query { case: String }');
  return schemas;
};

describe('withFieldPolicy, alone', () => {
  it('never hands the plan executor a denied field, and reports the denial at its path', async () => {
    const planned: DocumentNode[] = [];
    const planExecutor: GatewayExecutor = async (requestContext) => {
      planned.push(requestContext.document);
      return { data: { case: { title: 'Fraud' } } };
    };
    const answer = await withFieldPolicy(planExecutor, newSchemas(), sources)(requestFor('{ case { title informant } }'));
    expect(planned).toHaveLength(1);
    expect(print(planned[0]!)).not.toContain('informant');
    expect(answer.result.data).toEqual({ case: { title: 'Fraud' } });
    expect(answer.result.errors?.map((e) => [e.path, e.extensions?.code, e.extensions?.field])).toEqual([
      [['case', 'informant'], ErrorCode.FORBIDDEN, 'Case.informant'],
    ]);
  });

  it("answers introspection from the caller's own schema without planning, and hides denied fields there", async () => {
    const planExecutor: GatewayExecutor = async () => {
      throw new Error('introspection must not be planned');
    };
    const answer = await withFieldPolicy(planExecutor, newSchemas(), sources)(requestFor('{ __type(name: "Case") { fields { name } } }'));
    expect(answer.result.data).toEqual({ __type: { fields: [{ name: 'title' }] } });
  });

  it('refuses every operation while the served schema does not match the policy', async () => {
    const schemas = new PolicySchemas({ version: 't', rules: { Ghost: { '*': allow } } }, pino({ enabled: false }));
    schemas.adopt(apiSchema, '');
    const answer = await withFieldPolicy(async () => ({ data: { case: null } }), schemas, sources)(requestFor('{ case { title } }'));
    expect(answer.result.data).toBeUndefined();
    expect(answer.result.errors?.map((e) => e.extensions?.code)).toEqual([ErrorCode.INTERNAL_SERVER_ERROR]);
  });
});
