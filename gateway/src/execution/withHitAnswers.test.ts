import { GraphQLError } from 'graphql';
import pino from 'pino';
import { ErrorCode } from '@intel-gateway/shared/errors';
import { HIT_ADVICE } from '@intel-gateway/shared/policy';
import { layerRequestContext } from '../testing/layerRequestContext';
import { answerOf } from './operationAnswer';
import { subgraphServes } from './subgraphServes';
import { withHitAnswers } from './withHitAnswers';

const requestContext = layerRequestContext();
const serves = subgraphServes([
  { name: 'interpol', owners: ['IPSG'] },
  { name: 'rogue', owners: ['ROGUE'] },
]);
const hitError = (subgraph: string | undefined, owner: string, reference: unknown = 'Notice/n-1') =>
  new GraphQLError('matched', {
    path: ['notice'],
    extensions: {
      code: ErrorCode.HIT,
      ...(subgraph ? { serviceName: subgraph } : {}),
      hit: { matched: true, owner, contactPoint: null, reference, advice: HIT_ADVICE },
    },
  });
const layer = (errors: GraphQLError[]) =>
  withHitAnswers(async () => answerOf({ data: { notice: null }, errors }), {
    contactPointOf: (agency) => (agency === 'IPSG' ? 'ipsg-desk@example.org' : null),
    serves,
    logger: pino({ enabled: false }),
  });

describe('withHitAnswers, alone', () => {
  it("answers a served owner's hit with its contact point and an opaque reference, never the subgraph's Type/id, and lists it as a match", async () => {
    const answer = await layer([hitError('interpol', 'IPSG')])(requestContext);
    const hit = answer.result.errors?.[0]?.extensions?.hit as { reference: string; contactPoint: string; owner: string };
    expect(hit.owner).toBe('IPSG');
    expect(hit.contactPoint).toBe('ipsg-desk@example.org');
    expect(hit.reference).not.toContain('n-1');
    expect(answer.matches).toEqual([{ type: 'Notice', id: 'n-1', owner: 'IPSG', reference: hit.reference }]);
  });

  it('drops a hit a subgraph claims for an owner it does not serve, or that no subgraph can be traced for: neither answered nor matched', async () => {
    for (const forged of [hitError('rogue', 'IPSG'), hitError(undefined, 'IPSG')]) {
      const answer = await layer([forged])(requestContext);
      expect(answer.result.errors).toBeUndefined();
      expect(answer.matches).toEqual([]);
      expect(JSON.stringify(answer.result)).not.toContain('IPSG');
    }
  });

  it("names a record whose id holds slashes whole (an INTERPOL control number), so the audit and the owner's hit name that record", async () => {
    for (const id of ['A-7777/1-2026', 'A-7777/1-2025', 'R-10001/2025/x']) {
      const answer = await layer([hitError('interpol', 'IPSG', `Notice/${id}`)])(requestContext);
      expect(answer.matches).toEqual([{ type: 'Notice', id, owner: 'IPSG', reference: expect.stringMatching(/^HIT-/) }]);
    }
  });

  it('drops a hit whose reference names no record: neither answered nor matched', async () => {
    for (const reference of ['Notice', 'Notice/', '/n-1', 'Not a type/n-1', 42, null]) {
      const answer = await layer([hitError('interpol', 'IPSG', reference)])(requestContext);
      expect(answer.result.errors).toBeUndefined();
      expect(answer.matches).toEqual([]);
    }
  });

  it('passes other errors through untouched', async () => {
    const other = new GraphQLError('denied', { extensions: { code: ErrorCode.FORBIDDEN } });
    const answer = await layer([other])(requestContext);
    expect(answer.result.errors).toEqual([other]);
    expect(answer.matches).toEqual([]);
  });
});
