import * as planExecutors from '../gateway/src/execution/planExecutor';
import { startExtraGateway, startTestFederation, type TestFederation } from './harness';

/**
 * Which plan executor a gateway in this process runs is what its options say, never the
 * environment of the process it happens to run in: a `GATEWAY_EXECUTOR` exported in the
 * shell that runs the tests (for a benchmark) changes nothing the tests see.
 */

let federation: TestFederation | undefined;
afterEach(async () => {
  await federation?.stop();
  federation = undefined;
  jest.restoreAllMocks();
});

/** The executor kinds the gateways built since the spy was set up chose. */
function chosenKinds(select: jest.SpiedFunction<typeof planExecutors.selectGatewayExecutor>): string[] {
  return select.mock.calls.map(([kind]) => kind);
}

describe('the plan executor of an in-process gateway', () => {
  it("is the product's default when the test names none, whatever GATEWAY_EXECUTOR the environment holds", async () => {
    jest.replaceProperty(process, 'env', { ...process.env, GATEWAY_EXECUTOR: 'apollo' });
    const select = jest.spyOn(planExecutors, 'selectGatewayExecutor');
    federation = await startTestFederation({ seedSize: 0 });
    const { gateway } = await startExtraGateway(federation);
    await gateway.stop();
    expect(chosenKinds(select)).toEqual(['own', 'own']);
    expect((await federation.query('{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
  });

  it("is the one the test passes to the harness: the federation's gateway and an extra one", async () => {
    jest.replaceProperty(process, 'env', { ...process.env, GATEWAY_EXECUTOR: 'own' });
    const select = jest.spyOn(planExecutors, 'selectGatewayExecutor');
    federation = await startTestFederation({ seedSize: 0, planExecutor: 'apollo' });
    const { gateway } = await startExtraGateway(federation, { planExecutor: 'apollo' });
    await gateway.stop();
    expect(chosenKinds(select)).toEqual(['apollo', 'apollo']);
    expect((await federation.query('{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
  });
});
