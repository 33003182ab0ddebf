import type { GatewayExecutor, GatewayInterface, GatewaySchemaLoadOrUpdateCallback } from '@apollo/server-gateway-interface';
import { buildSchema, GraphQLError } from 'graphql';
import { allow } from 'graphql-shield';
import pino from 'pino';
import type { AuditEntry } from '@intel-gateway/shared/audit';
import { ErrorCode } from '@intel-gateway/shared/errors';
import { HIT_ADVICE } from '@intel-gateway/shared/policy';
import { layerRequestContext } from '../testing/layerRequestContext';
import { testProvenance } from '../testing/testProvenance';
import { executorStack, layeredGateway, withPlanExecutor } from './executorStack';
import { PolicySchemas } from './policySchemas';
import { subgraphServes } from './subgraphServes';

const logger = pino({ enabled: false });
const apiSchema = buildSchema(`
  type Query { notice: Notice }
  type Notice { id: ID! provenance: Provenance }
  type Provenance { owner: String tlp: String handling: Handling retainUntil: String purposes: [String] classification: String restrictions: Restrictions }
  type Handling { code: String conditions: String }
  type Restrictions { allowedAgencies: [String] deniedAgencies: [String] existenceOnlyAgencies: [String] }
`);
const supergraphSdl = `
  enum join__Graph { INTERPOL @join__graph(name: "interpol", url: "http://interpol") }
  type Notice @join__type(graph: INTERPOL, key: "id") { id: ID! provenance: Provenance }
`;
const requestContext = () => layerRequestContext('{ notice { id } }');
const provenance = testProvenance;

/** The stack as the gateway builds it, over a plan executor that answers what a subgraph would. */
function stackOver(planExecutor: GatewayExecutor) {
  const schemas = new PolicySchemas(
    {
      version: 't',
      rules: {
        Query: { '*': allow },
        Notice: { '*': allow },
        Provenance: { '*': allow },
        Handling: { '*': allow },
        Restrictions: { '*': allow },
      },
    },
    logger,
  );
  schemas.adopt(apiSchema, supergraphSdl);
  const written: AuditEntry[] = [];
  const executor = executorStack(planExecutor, {
    schemas,
    audit: { record: async (entry) => void written.push(entry) },
    contactPointOf: () => 'desk@example.org',
    serves: subgraphServes([{ name: 'interpol', owners: ['IPSG'] }]),
    logger,
  });
  return { executor, written };
}

describe('executorStack: the layers in their order', () => {
  it('audits what the record rules let through, with the handling attached, and the matches the hit layer answered', async () => {
    const { executor, written } = stackOver(async () => ({
      data: { notice: { id: 'n-1', _policy_record_provenance: provenance('IPSG') } },
      errors: [
        new GraphQLError(HIT_ADVICE, {
          path: ['other'],
          extensions: {
            code: ErrorCode.HIT,
            serviceName: 'interpol',
            hit: { matched: true, owner: 'IPSG', contactPoint: null, reference: 'Notice/n-2', advice: HIT_ADVICE },
          },
        }),
      ],
    }));
    const result = await executor(requestContext());
    expect(result.data).toEqual({ notice: { id: 'n-1' } });
    expect(result.extensions?.handling).toEqual([expect.objectContaining({ type: 'Notice', id: 'n-1', owner: 'IPSG' })]);
    expect(written).toHaveLength(1);
    expect(written[0]!.disclosures).toEqual([{ type: 'Notice', id: 'n-1', owner: 'IPSG', fields: ['id'] }]);
    expect(written[0]!.matches).toEqual([expect.objectContaining({ type: 'Notice', id: 'n-2', owner: 'IPSG' })]);
  });

  it("audits a withheld answer as withheld, with no disclosure, when a subgraph passes a record off as another owner's", async () => {
    const { executor, written } = stackOver(async () => ({
      data: { notice: { id: 'n-1', _policy_record_provenance: provenance('NCB-GB') } },
    }));
    const result = await executor(requestContext());
    expect(result).toEqual({ data: null, errors: [expect.objectContaining({ extensions: { code: ErrorCode.ANSWER_WITHHELD } })] });
    expect(written).toEqual([expect.objectContaining({ outcome: ErrorCode.ANSWER_WITHHELD, disclosures: [] })]);
  });
});

/** An inner gateway that serves one schema: it tells its listeners, then answers with `executor`. */
function innerGateway(executor: GatewayExecutor | null) {
  const listeners: GatewaySchemaLoadOrUpdateCallback[] = [];
  const calls: string[] = [];
  const inner: GatewayInterface = {
    load: async () => {
      calls.push('load');
      for (const listener of listeners) listener({ apiSchema, coreSupergraphSdl: supergraphSdl });
      return { executor };
    },
    onSchemaLoadOrUpdate: (callback) => {
      listeners.push(callback);
      return () => listeners.splice(listeners.indexOf(callback), 1);
    },
    stop: async () => void calls.push('stop'),
  };
  return { inner, calls, listeners };
}
const loadOptions = { apollo: { key: undefined, keyHash: undefined, graphRef: undefined, graphId: undefined, graphVariant: 'current' } };
const answering =
  (value: string): GatewayExecutor =>
  async () => ({ data: { value } });

describe('layeredGateway and withPlanExecutor: the gateway Apollo Server sees', () => {
  it('layeredGateway serves the stack over the inner executor, after the policy has followed the schema', async () => {
    const { inner, calls } = innerGateway(answering('inner'));
    const schemas = new PolicySchemas({ version: 't', rules: { Query: { '*': allow } } }, logger);
    const gateway = layeredGateway(inner, schemas, (planExecutor) => async (request) => ({
      data: { stacked: (await planExecutor(request)).data, policyFollowed: schemas.loadProblem() === null },
    }));
    const { executor } = await gateway.load(loadOptions);
    expect(await executor!(requestContext())).toEqual({ data: { stacked: { value: 'inner' }, policyFollowed: true } });
    await gateway.stop();
    expect(calls).toEqual(['load', 'stop']);
  });

  it('layeredGateway stops the inner gateway and fails the load when the policy does not match the schema', async () => {
    const { inner, calls } = innerGateway(answering('inner'));
    const schemas = new PolicySchemas({ version: 't', rules: { Query: { '*': allow }, Missing: { '*': allow } } }, logger);
    const stack = jest.fn((planExecutor: GatewayExecutor) => planExecutor);
    await expect(layeredGateway(inner, schemas, stack).load(loadOptions)).rejects.toThrow(/Missing/);
    expect(calls).toEqual(['load', 'stop']);
    expect(stack).not.toHaveBeenCalled();
  });

  it('layeredGateway stops the inner gateway and fails the load when it loaded no executor', async () => {
    const { inner, calls } = innerGateway(null);
    const schemas = new PolicySchemas({ version: 't', rules: { Query: { '*': allow } } }, logger);
    await expect(layeredGateway(inner, schemas, (planExecutor) => planExecutor).load(loadOptions)).rejects.toThrow(/loaded no schema/);
    expect(calls).toEqual(['load', 'stop']);
  });

  it('withPlanExecutor serves the chosen executor over the inner one, and passes a load without an executor on', async () => {
    const { inner, calls } = innerGateway(answering('inner'));
    const gateway = withPlanExecutor(inner, (apolloExecutor) => async (request) => ({
      data: { chosen: (await apolloExecutor(request)).data },
    }));
    const { executor } = await gateway.load(loadOptions);
    expect(await executor!(requestContext())).toEqual({ data: { chosen: { value: 'inner' } } });
    expect(await withPlanExecutor(innerGateway(null).inner, () => answering('chosen')).load(loadOptions)).toEqual({ executor: null });
    await gateway.stop();
    expect(calls).toEqual(['load', 'stop']);
  });

  it.each([
    [
      'layeredGateway',
      (inner: GatewayInterface) => layeredGateway(inner, new PolicySchemas({ version: 't', rules: {} }, logger), (e) => e),
    ],
    ['withPlanExecutor', (inner: GatewayInterface) => withPlanExecutor(inner, (e) => e)],
  ])('%s passes schema listeners on to the inner gateway, and their removal', (_, wrap) => {
    const { inner, listeners } = innerGateway(null);
    const gateway = wrap(inner);
    const before = listeners.length;
    const remove = gateway.onSchemaLoadOrUpdate(() => undefined);
    expect(listeners).toHaveLength(before + 1);
    remove();
    expect(listeners).toHaveLength(before);
  });
});
