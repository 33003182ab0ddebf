import { buildSchema } from 'graphql';
import { allow } from 'graphql-shield';
import pino from 'pino';
import { ErrorCode } from '@intel-gateway/shared/errors';
import { ReleasedRecords, type ReleaseFacts } from '@intel-gateway/shared/policy';
import type { EnforcedDisclosure } from '../policy/enforceOnResult';
import { layerRequestContext } from '../testing/layerRequestContext';
import { answerOf } from './operationAnswer';
import { PolicySchemas } from './policySchemas';
import { subgraphServes } from './subgraphServes';
import { withRecordRules } from './withRecordRules';

const newRequestContext = () => layerRequestContext();
const logger = pino({ enabled: false });

const apiSchema = buildSchema(`
  type Query { notice: Notice }
  type Notice { id: ID! provenance: Provenance }
  type Provenance { owner: String }
`);
/** Only what `provenanceSourcesOf` reads of a supergraph: notices' provenance comes from the interpol subgraph. */
const supergraphSdl = `
  enum join__Graph { INTERPOL @join__graph(name: "interpol", url: "http://interpol") }
  type Notice @join__type(graph: INTERPOL, key: "id") { id: ID! provenance: Provenance }
`;
const schemas = new PolicySchemas(
  { version: 't', rules: { Query: { '*': allow }, Notice: { '*': allow }, Provenance: { '*': allow } } },
  logger,
);
schemas.adopt(apiSchema, supergraphSdl);

const facts = (owner: string, restrictions: Partial<ReleaseFacts['restrictions']> = {}): ReleaseFacts => ({
  owner,
  retainUntil: '2999-01-01T00:00:00Z',
  purposes: ['CRIMINAL_INVESTIGATION'],
  classification: 'UNCLASSIFIED',
  restrictions: { allowedAgencies: [], deniedAgencies: [], existenceOnlyAgencies: [], ...restrictions },
});
const disclosure = (owner: string, provenance: ReleaseFacts): EnforcedDisclosure => ({
  type: 'Notice',
  id: 'n-1',
  owner,
  fields: ['id'],
  path: ['notice'],
  subjectDenial: null,
  handling: { code: 'H1', codes: ['H1'], conditions: null, tlp: 'AMBER', facts: provenance },
});
const layer = (record: EnforcedDisclosure, releasedTo = async () => ReleasedRecords.NONE) =>
  withRecordRules(async () => ({ ...answerOf({ data: { notice: { id: 'n-1' } } }), disclosures: [record] }), {
    schemas,
    serves: subgraphServes([{ name: 'interpol', owners: ['IPSG'] }]),
    releasedTo,
    logger,
  });

describe('withRecordRules, alone', () => {
  it('lets a released record of an owner its subgraph serves through, with its handling attached', async () => {
    const answer = await layer(disclosure('IPSG', facts('IPSG')))(newRequestContext());
    expect(answer.result.data).toEqual({ notice: { id: 'n-1' } });
    expect(answer.result.extensions?.handling).toEqual([
      {
        type: 'Notice',
        id: 'n-1',
        owner: 'IPSG',
        path: ['notice'],
        code: 'H1',
        codes: ['H1'],
        tlp: 'AMBER',
        conditions: null,
        evidentialUse: false,
      },
    ]);
  });

  it('withholds the whole answer when a subgraph passes a record off as an owner it does not serve', async () => {
    const answer = await layer(disclosure('NCB-GB', facts('NCB-GB')))(newRequestContext());
    expect(answer.result).toEqual({ data: null, errors: [expect.objectContaining({ extensions: { code: ErrorCode.ANSWER_WITHHELD } })] });
    expect(answer.disclosures).toEqual([]);
  });

  it("withholds the whole answer when a record is not released to the caller's agency", async () => {
    const answer = await layer(disclosure('IPSG', facts('IPSG', { deniedAgencies: ['NCB-FR'] })))(newRequestContext());
    expect(answer.result.data).toBeNull();
    expect(answer.result.errors?.map((e) => e.extensions?.code)).toEqual([ErrorCode.ANSWER_WITHHELD]);
    expect(answer.disclosures).toEqual([]);
  });

  it('returns no data, 503 and AUDIT_UNAVAILABLE when the release grants cannot be read', async () => {
    const requestContext = newRequestContext();
    const answer = await layer(disclosure('IPSG', facts('IPSG')), () => Promise.reject(new Error('store down')))(requestContext);
    expect(answer.result.data).toBeNull();
    expect(answer.result.errors?.map((e) => e.extensions?.code)).toEqual([ErrorCode.AUDIT_UNAVAILABLE]);
    expect(requestContext.response?.http?.status).toBe(503);
  });
});
