import { randomBytes } from 'node:crypto';
import {
  bodyDigest,
  type CallerContext,
  createGatewayTokenSigner,
  createGatewayTokenVerifier,
  gatewayTokenClaims,
  type SubgraphRequest,
} from './gatewayToken';
import type { Principal } from './principal';
import { subgraphTokenKey } from './subgraphTokenKeys';

/** The signer's prepared parts (each principal's claims encoded once, the keys' blocks) never carry one call's claims into another's. */
const key = subgraphTokenKey('national', randomBytes(32).toString('base64url'), 'test');
const TTL = 5;
const newSigner = () => createGatewayTokenSigner({ keys: { national: [key] }, ttlSeconds: TTL });
const verify = createGatewayTokenVerifier({ keys: [key], subgraph: 'national' });

const principal = (user: string, changes: Partial<Principal> = {}): Principal => ({
  user,
  agency: 'NCB-FR',
  agencyKind: 'NCB',
  agencyGroups: ['EU'],
  country: 'FR',
  roles: ['ANALYST'],
  clearance: 'RESTRICTED',
  purposes: ['CRIMINAL_INVESTIGATION', 'COUNTER_TERRORISM'],
  projects: [],
  ...changes,
});
const request = (body: string, path = '/graphql'): SubgraphRequest => ({ method: 'POST', path, body: Buffer.from(body) });
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

/** The claims gatewayTokenClaims gives for this call, with the token's own time and id. */
function expectedClaims(token: string, caller: CallerContext, sent: SubgraphRequest) {
  const { iat, exp, jti } = claimsOf(token);
  return { ...gatewayTokenClaims(caller, 'national', sent, TTL), iat, exp, jti };
}

it('signs exactly the claims of gatewayTokenClaims, for users whose names end the principal claims on each byte count', async () => {
  const sign = newSigner();
  // User names of 1 to 3 bytes more (and UTF-8 of 2 and 4 bytes per character): the principal's part needs 0, 1 or 2 bytes of padding.
  for (const user of ['u', 'uv', 'uvw', 'é', 'ü\u{1F600}', 'line\u2028sep', '"quoted"\\']) {
    const caller: CallerContext = { principal: principal(user), purpose: 'COUNTER_TERRORISM' };
    const sent = request(`{"query":"{ a }","user":${JSON.stringify(user)}}`);
    const token = sign(caller, 'national', sent);
    expect(claimsOf(token)).toStrictEqual(expectedClaims(token, caller, sent));
    expect(claimsOf(token).exp).toBe((claimsOf(token).iat as number) + TTL);
    const check = await verify(token, { method: 'POST', path: '/graphql' });
    expect(check.caller).toStrictEqual(caller);
    check.acceptBody(sent.body);
  }
});

it('gives each principal its own claims, signed in turn by one signer, and each caller its own purpose', () => {
  const sign = newSigner();
  const analyst = principal('analyst');
  const supervisor = principal('supervisor', {
    agency: 'EUROPOL',
    agencyKind: 'REGIONAL_AGENCY',
    agencyGroups: ['EU', 'SAG'],
    country: 'NL',
    roles: ['AUDITOR'],
    clearance: 'SECRET',
    projects: ['AP-CYCLOPS'],
  });
  // The same user's claims in another principal object: read from that object, not from the first one's.
  const analystElsewhere = principal('analyst', { clearance: 'CONFIDENTIAL' });
  const callers: CallerContext[] = [
    { principal: analyst, purpose: 'CRIMINAL_INVESTIGATION' },
    { principal: supervisor, purpose: null },
    { principal: analyst, purpose: 'COUNTER_TERRORISM' },
    { principal: analystElsewhere, purpose: 'CRIMINAL_INVESTIGATION' },
  ];
  for (let round = 0; round < 3; round += 1) {
    for (const caller of callers) {
      const sent = request(`{"query":"{ a }","round":${round}}`);
      const token = sign(caller, 'national', sent);
      expect(claimsOf(token)).toStrictEqual(expectedClaims(token, caller, sent));
    }
  }
});

it('binds every call to its own body, path, id and time, for one caller signed for many times', () => {
  const sign = newSigner();
  const caller: CallerContext = { principal: principal('analyst'), purpose: 'CRIMINAL_INVESTIGATION' };
  const ids = new Set<unknown>();
  for (let i = 0; i < 50; i += 1) {
    const sent = request(`{"query":"{ a }","variables":{"i":${i}}}`, `/graphql?call=${i}`);
    const claims = claimsOf(sign(caller, 'national', sent));
    expect(claims).toMatchObject({ body_sha256: bodyDigest(sent.body), htu: `/graphql?call=${i}`, htm: 'POST', aud: 'national' });
    expect(Math.abs((claims.iat as number) - Date.now() / 1000)).toBeLessThan(2);
    ids.add(claims.jti);
  }
  expect(ids.size).toBe(50);
});
