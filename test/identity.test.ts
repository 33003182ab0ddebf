import { exportJWK, generateKeyPair, importJWK, type JWTPayload, SignJWT } from 'jose';
import { PURPOSE_HEADER, TokenRefusal } from '@intel-gateway/gateway';
import { mintAgencyToken, STORY } from '@intel-gateway/tools';
import { callerHeaders, DEFAULT_CALLER, postGraphQL, startTestFederation, type TestFederation } from './harness';

/**
 * Agency identity at the gateway: only a token signed by a registered agency, for this
 * gateway, in date, whose agency claim is its issuer's own, gets any data; every other
 * token gets 401 with a stable reason and no data. The purpose must be one the token allows.
 */
let federation: TestFederation;
beforeAll(async () => {
  federation = await startTestFederation();
});
afterAll(() => federation.stop());

const OPERATION = `{ notice(id: "${STORY.redNotice.id}") { id subject { name { familyName } } } }`;
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs arbitrary claims with an agency's private dev key (or any key), for forged-token cases; `iat` and `exp` are seconds from now. */
async function sign(
  claims: JWTPayload,
  signingAgency: string,
  options: { issuerOf?: string; issuer?: string; audience?: string; iat?: number; exp?: number } = {},
) {
  const key = federation.identity.privateKeys[signingAgency]!;
  const issuerAgency = federation.identity.registry.agencies.find((a) => a.code === (options.issuerOf ?? signingAgency))!;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    agency: issuerAgency.code,
    country: issuerAgency.country,
    roles: ['ANALYST'],
    clearance: 'RESTRICTED',
    purposes: ['CRIMINAL_INVESTIGATION'],
    ...claims,
  })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
    .setIssuer(options.issuer ?? issuerAgency.issuer)
    .setAudience(options.audience ?? 'intel-gateway')
    .setSubject('tester')
    .setIssuedAt(now + (options.iat ?? 0))
    .setExpirationTime(now + (options.exp ?? 600))
    .sign(await importJWK(key, 'EdDSA'));
}

async function expectRefused(headers: Record<string, string>, status: number, reason: string) {
  const { status: actual, body } = await postGraphQL(federation.gatewayUrl, OPERATION, undefined, headers);
  expect({ status: actual, reason: body.errors?.[0]?.extensions?.reason }).toEqual({ status, reason });
  expect(body.errors![0]!.extensions!.code).toBe(status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN');
  expect(body).not.toHaveProperty('data');
  expect(JSON.stringify(body)).not.toContain(STORY.redNotice.id);
}

it('a valid agency token with an allowed purpose gets data', async () => {
  const { status, body } = await federation.query(OPERATION);
  expect(status).toBe(200);
  expect(body.data.notice.id).toBe(STORY.redNotice.id);
});

describe('refused with 401 and no data', () => {
  const purpose = 'CRIMINAL_INVESTIGATION';

  it('no token', () => expectRefused({ [PURPOSE_HEADER]: purpose }, 401, TokenRefusal.MISSING));

  it('an Authorization header that is not a bearer token', () =>
    expectRefused({ authorization: 'Basic dXNlcjpwYXNz', [PURPOSE_HEADER]: purpose }, 401, 'TOKEN_MALFORMED'));

  it('garbage in place of a JWT', () => expectRefused(callerHeaders('not.a.jwt', purpose), 401, TokenRefusal.MALFORMED));

  it('expired', async () => {
    const token = await mintAgencyToken({ identity: federation.identity, ...DEFAULT_CALLER, ttlSeconds: -60 });
    await expectRefused(callerHeaders(token, purpose), 401, TokenRefusal.EXPIRED);
  });

  it('not yet valid', async () => {
    const token = await mintAgencyToken({ identity: federation.identity, ...DEFAULT_CALLER, notBeforeSeconds: 600 });
    await expectRefused(callerHeaders(token, purpose), 401, TokenRefusal.NOT_YET_VALID);
  });

  it('wrong issuer', async () =>
    expectRefused(
      callerHeaders(await sign({}, 'NCB-FR', { issuer: 'https://idp.attacker.invalid' }), purpose),
      401,
      TokenRefusal.UNKNOWN_ISSUER,
    ));

  it('wrong audience', async () =>
    expectRefused(callerHeaders(await sign({}, 'NCB-FR', { audience: 'another-gateway' }), purpose), 401, TokenRefusal.WRONG_AUDIENCE));

  it('an agency the registry does not know, with its own valid key', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ agency: 'NCB-XX', country: 'XX', roles: ['ANALYST'], clearance: 'SECRET', purposes: [purpose] })
      .setProtectedHeader({ alg: 'EdDSA', kid: (await exportJWK(privateKey)).kid ?? 'k' })
      .setIssuer('https://idp.ncb-xx.invalid')
      .setAudience('intel-gateway')
      .setSubject('intruder')
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(privateKey);
    await expectRefused(callerHeaders(token, purpose), 401, TokenRefusal.UNKNOWN_ISSUER);
  });

  it('a tampered payload (roles raised after signing)', async () => {
    const [header, , signature] = (await mintAgencyToken({ identity: federation.identity, ...DEFAULT_CALLER })).split('.');
    const now = Math.floor(Date.now() / 1000);
    const raised = base64url({
      iss: federation.identity.registry.agencies.find((a) => a.code === 'NCB-FR')!.issuer,
      aud: 'intel-gateway',
      sub: 'x',
      iat: now,
      exp: now + 600,
      agency: 'NCB-FR',
      country: 'FR',
      roles: ['OWNER_ADMIN', 'SOURCE_HANDLER'],
      clearance: 'SECRET',
      purposes: [purpose],
    });
    await expectRefused(callerHeaders(`${header}.${raised}.${signature}`, purpose), 401, TokenRefusal.BAD_SIGNATURE);
  });

  it('alg: none', async () => {
    const now = Math.floor(Date.now() / 1000);
    const issuer = federation.identity.registry.agencies.find((a) => a.code === 'NCB-FR')!.issuer;
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ iss: issuer, aud: 'intel-gateway', sub: 'x', iat: now, exp: now + 600, agency: 'NCB-FR', country: 'FR', roles: ['ANALYST'], clearance: 'SECRET', purposes: [purpose] })}.`;
    await expectRefused(callerHeaders(token, purpose), 401, TokenRefusal.ALGORITHM_NOT_ALLOWED);
  });

  it('HS256 with a shared secret', async () => {
    const issuer = federation.identity.registry.agencies.find((a) => a.code === 'NCB-FR')!.issuer;
    const token = await new SignJWT({ agency: 'NCB-FR', country: 'FR', roles: ['ANALYST'], clearance: 'SECRET', purposes: [purpose] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(issuer)
      .setAudience('intel-gateway')
      .setSubject('x')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('a-secret-every-agency-knows'));
    await expectRefused(callerHeaders(token, purpose), 401, TokenRefusal.ALGORITHM_NOT_ALLOWED);
  });

  it("signed with another agency's key", async () =>
    expectRefused(callerHeaders(await sign({}, 'NCB-DE', { issuerOf: 'NCB-FR' }), purpose), 401, TokenRefusal.BAD_SIGNATURE));

  it("an agency claim that is not the issuer's agency", async () =>
    expectRefused(callerHeaders(await sign({ agency: 'NCB-DE', country: 'DE' }, 'NCB-FR'), purpose), 401, TokenRefusal.AGENCY_MISMATCH));

  it('claims that do not fit the model (an unknown role)', async () =>
    expectRefused(callerHeaders(await sign({ roles: ['SUPERUSER'] }, 'NCB-FR'), purpose), 401, TokenRefusal.CLAIMS_INVALID));
});

describe('a token lives a bounded time, as the agency registry sets it', () => {
  const purpose = 'CRIMINAL_INVESTIGATION';
  const maxLifetime = () => federation.identity.registry.agencies.find((a) => a.code === 'NCB-FR')!.maxTokenLifetimeSeconds;

  it('the registry gives every agency a maximum token lifetime, one hour unless it says otherwise', () => {
    expect(maxLifetime()).toBe(3600);
  });

  it('expired (exp in the past, beyond the clock tolerance)', async () =>
    expectRefused(callerHeaders(await sign({}, 'NCB-FR', { iat: -700, exp: -60 }), purpose), 401, TokenRefusal.EXPIRED));

  it('issued ten minutes in the future, without nbf', async () =>
    expectRefused(callerHeaders(await sign({}, 'NCB-FR', { iat: 600, exp: 1200 }), purpose), 401, TokenRefusal.ISSUED_IN_FUTURE));

  it('valid for ten years', async () =>
    expectRefused(callerHeaders(await sign({}, 'NCB-FR', { exp: 10 * 365 * 86_400 }), purpose), 401, TokenRefusal.LIFETIME_TOO_LONG));

  it('one second longer than the maximum', async () =>
    expectRefused(callerHeaders(await sign({}, 'NCB-FR', { exp: maxLifetime() + 1 }), purpose), 401, TokenRefusal.LIFETIME_TOO_LONG));

  it('exactly the maximum lifetime is accepted, and so is an iat within the clock tolerance', async () => {
    for (const token of [await sign({}, 'NCB-FR', { exp: maxLifetime() }), await sign({}, 'NCB-FR', { iat: 3, exp: 603 })]) {
      const { status, body } = await postGraphQL(federation.gatewayUrl, OPERATION, undefined, callerHeaders(token, purpose));
      expect(status).toBe(200);
      expect(body.data.notice.id).toBe(STORY.redNotice.id);
    }
  });
});

describe('roles are capped by the agency registry', () => {
  const purpose = 'CRIMINAL_INVESTIGATION';

  it("a role the registry does not grant the agency (an agency's administrator minting the operator's oversight role)", async () =>
    expectRefused(
      callerHeaders(await sign({ roles: ['ANALYST', 'DATA_PROTECTION_SUPERVISOR'] }, 'NCB-GB'), purpose),
      401,
      TokenRefusal.ROLE_NOT_GRANTED,
    ));

  it('a role the registry grants other agencies but not this one (the operator claiming an analyst)', async () =>
    expectRefused(callerHeaders(await sign({ roles: ['ANALYST'] }, 'OPERATOR'), purpose), 401, TokenRefusal.ROLE_NOT_GRANTED));

  it('each agency may grant only the roles the registry lists for it', () => {
    const roles = Object.fromEntries(federation.identity.registry.agencies.map((a) => [a.code, a.roles]));
    expect(roles['NCB-GB']).not.toContain('DATA_PROTECTION_SUPERVISOR');
    expect(roles.OPERATOR).toEqual(['DATA_PROTECTION_SUPERVISOR']);
  });
});

it('refuses a token once it expires, even after it was accepted (nothing stale is remembered)', async () => {
  const token = await mintAgencyToken({ identity: federation.identity, ...DEFAULT_CALLER, ttlSeconds: 2 });
  const first = await postGraphQL(federation.gatewayUrl, OPERATION, undefined, callerHeaders(token, 'CRIMINAL_INVESTIGATION'));
  expect(first.status).toBe(200);
  // Past expiry plus the harness's 5 s clock tolerance.
  await new Promise((r) => setTimeout(r, 7_500));
  await expectRefused(callerHeaders(token, 'CRIMINAL_INVESTIGATION'), 401, TokenRefusal.EXPIRED);
}, 20_000);

describe('purpose', () => {
  it('refuses an operation that declares no purpose (403)', async () => {
    const token = await mintAgencyToken({ identity: federation.identity, ...DEFAULT_CALLER });
    await expectRefused({ authorization: `Bearer ${token}` }, 403, 'PURPOSE_MISSING');
  });

  it('refuses a purpose the token does not allow (403)', async () => {
    const token = await mintAgencyToken({ identity: federation.identity, ...DEFAULT_CALLER, purposes: ['BORDER_CONTROL'] });
    await expectRefused(callerHeaders(token, 'COUNTER_TERRORISM'), 403, 'PURPOSE_NOT_ALLOWED');
  });

  it('accepts any purpose the token allows', async () => {
    // The notice's owner allows BORDER_CONTROL (purpose limitation is tested with the sharing rules).
    const token = await mintAgencyToken({
      identity: federation.identity,
      ...DEFAULT_CALLER,
      purposes: ['COUNTER_TERRORISM', 'BORDER_CONTROL'],
    });
    const { status, body } = await postGraphQL(federation.gatewayUrl, OPERATION, undefined, callerHeaders(token, 'BORDER_CONTROL'));
    expect(status).toBe(200);
    expect(body.data.notice.id).toBe(STORY.redNotice.id);
  });
});

it('refuses introspection without a token', async () => {
  const { status, body } = await postGraphQL(federation.gatewayUrl, '{ __schema { types { name } } }');
  expect(status).toBe(401);
  expect(body).not.toHaveProperty('data');
});
