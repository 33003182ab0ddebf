import type { IncomingMessage } from 'node:http';
import pino from 'pino';
import { RequestRefusedError } from '@intel-gateway/shared/errors';
import type { RequestScope } from '@intel-gateway/shared/http';
import type { Principal } from '@intel-gateway/shared/identity';
import { TEST_PRINCIPAL } from '../testing/layerRequestContext';
import { createGatewayAuthenticator, PURPOSE_HEADER, PurposeRefusal } from './authenticateRequest';

const principal: Principal = TEST_PRINCIPAL;
const authenticator = createGatewayAuthenticator(async (token) => {
  if (token !== 'good') throw new RequestRefusedError(401, 'UNAUTHENTICATED', 'TOKEN_BAD_SIGNATURE', 'bad token');
  return principal;
});
const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
const newScope = (): RequestScope => ({ id: 'r1', logger: pino({ enabled: false }) });

describe('createGatewayAuthenticator: the one place a request scope learns its caller', () => {
  it('names the caller of an operation in the scope once its token and purpose pass', async () => {
    const scope = newScope();
    const caller = await authenticator.caller(request({ authorization: 'Bearer good', [PURPOSE_HEADER]: 'CRIMINAL_INVESTIGATION' }), scope);
    expect(caller).toEqual({ principal, purpose: 'CRIMINAL_INVESTIGATION' });
    expect(scope.caller).toBe(principal);
  });

  it('names no caller for a refused token, nor for a purpose the token does not allow', async () => {
    const badToken = newScope();
    await expect(
      authenticator.caller(request({ authorization: 'Bearer forged', [PURPOSE_HEADER]: 'CRIMINAL_INVESTIGATION' }), badToken),
    ).rejects.toThrow(RequestRefusedError);
    expect(badToken.caller).toBeUndefined();
    const badPurpose = newScope();
    await expect(
      authenticator.caller(request({ authorization: 'Bearer good', [PURPOSE_HEADER]: 'BORDER_CONTROL' }), badPurpose),
    ).rejects.toMatchObject({ reason: PurposeRefusal.NOT_ALLOWED });
    expect(badPurpose.caller).toBeUndefined();
  });

  it('names the caller of a schema download, which declares no purpose', async () => {
    const scope = newScope();
    await expect(authenticator.principal(request({ authorization: 'Bearer good' }), scope)).resolves.toBe(principal);
    expect(scope.caller).toBe(principal);
  });
});
