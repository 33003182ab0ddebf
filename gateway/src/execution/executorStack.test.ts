import type { GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { buildSchema, GraphQLError, parse } from 'graphql';
import { allow } from 'graphql-shield';
import pino from 'pino';
import type { AuditEntry } from '@intel-gateway/shared/audit';
import { ErrorCode } from '@intel-gateway/shared/errors';
import type { Principal } from '@intel-gateway/shared/identity';
import { HIT_ADVICE } from '@intel-gateway/shared/policy';
import { executorStack } from './executorStack';
import { PolicySchemas } from './policySchemas';
import { subgraphServes } from './subgraphServes';

const principal: Principal = {
  user: 'u1',
  agency: 'NCB-FR',
  agencyKind: 'NCB',
  agencyGroups: ['EU'],
  country: 'FR',
  roles: ['ANALYST'],
  clearance: 'RESTRICTED',
  purposes: ['CRIMINAL_INVESTIGATION'],
  projects: [],
};
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
const query = '{ notice { id } }';
const requestContext = () =>
  ({
    request: { query, variables: {} },
    document: parse(query),
    queryHash: 'h',
    response: { http: { status: undefined } },
    context: { principal, purpose: 'CRIMINAL_INVESTIGATION' },
  }) as unknown as GatewayGraphQLRequestContext;
const provenance = (owner: string) => ({
  owner,
  tlp: 'GREEN',
  handling: { code: 'H0', conditions: null },
  retainUntil: '2999-01-01T00:00:00Z',
  purposes: ['CRIMINAL_INVESTIGATION'],
  classification: 'UNCLASSIFIED',
  restrictions: { allowedAgencies: [], deniedAgencies: [], existenceOnlyAgencies: [] },
});

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
