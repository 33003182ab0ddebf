import { Writable } from 'node:stream';
import { createLogger } from './logger';

/** Logs one object through a service logger and returns the JSON line it wrote. */
function logged(object: Record<string, unknown>): Record<string, any> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  createLogger('probe', 'info', sink).info(object, 'probe');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, any>;
}

const SECRETS = { authorization: 'Bearer eyJagency', cookie: 'session=eyJcookie', 'x-gateway-token': 'eyJgateway' };

it.each([
  ['req.headers', { req: { headers: { ...SECRETS, accept: 'application/json' } } }, (line: Record<string, any>) => line.req.headers],
  ['headers', { headers: { ...SECRETS, accept: 'application/json' } }, (line: Record<string, any>) => line.headers],
  [
    '<any>.headers',
    { upstream: { headers: { ...SECRETS, accept: 'application/json' } } },
    (line: Record<string, any>) => line.upstream.headers,
  ],
])('redacts the authorization, cookie and gateway-token headers under %s, and keeps the others', (_where, object, headersOf) => {
  const line = logged(object);
  expect(headersOf(line)).toEqual({
    authorization: '[redacted]',
    cookie: '[redacted]',
    'x-gateway-token': '[redacted]',
    accept: 'application/json',
  });
  expect(JSON.stringify(line)).not.toContain('eyJ');
});
