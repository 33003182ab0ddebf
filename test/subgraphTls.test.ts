import { writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { loadGatewayConfig } from '@intel-gateway/gateway';
import { loadServerTls } from '@intel-gateway/shared/http';
import { mintAgencyToken, STORY } from '@intel-gateway/tools';
import { callerHeaders, DEFAULT_CALLER, startExtraGateway, startTestFederation, subgraphRequest, type TestFederation } from './harness';
import { generateTestPki, type TestPki } from './testCertificates';

/**
 * Gateway ↔ subgraph traffic over mutual TLS, with certificates generated for this run:
 * the whole federation answers over it, and whoever has no certificate from the
 * federation's CA (a client on the network, a gateway without its key) is refused at the
 * TLS layer, before any HTTP. Bad TLS settings stop a service at start, naming the setting.
 */
let pki: TestPki;
let federation: TestFederation;
beforeAll(async () => {
  pki = generateTestPki('mtls');
  federation = await startTestFederation({
    tls: {
      subgraphs: { cert: pki.server.cert, key: pki.server.key, clientCa: pki.ca },
      gateway: { ca: pki.ca, cert: pki.client.cert, key: pki.client.key },
    },
  });
});
afterAll(() => federation.stop());

const JOINED = `query Q($id: ID!) { notice(id: $id) { id type nationalRecords { id } europolEntries { id } } }`;

/** POSTs to a subgraph over HTTPS with the given client TLS material; the HTTP status, or the error that ended the connection. */
function postOverTls(
  url: string,
  tls: { ca?: Buffer; cert?: Buffer; key?: Buffer },
  headers: Record<string, string>,
  body: Buffer,
): Promise<{ status?: number; error?: string }> {
  return new Promise((resolve) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, ...tls, agent: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode! }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end(body);
  });
}

it('runs the whole federation over mutual TLS', async () => {
  for (const subgraph of Object.values(federation.subgraphs)) expect(subgraph.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/graphql$/);
  expect([...federation.gateway.subgraphs.values()].every((url) => url.startsWith('https://'))).toBe(true);
  const { status, body } = await federation.query(JOINED, { id: STORY.redNotice.id });
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  expect(body.data.notice).toEqual({
    id: STORY.redNotice.id,
    type: 'RED',
    nationalRecords: STORY.redNotice.nationalPersonIds.map((id) => ({ id })),
    europolEntries: [{ id: STORY.redNotice.europolEntryId }],
  });
  const ready = await fetch(federation.gatewayUrl.replace(/\/graphql$/, '/readyz'));
  expect(ready.status).toBe(200);
});

describe('a client without the federation’s client certificate is refused at the TLS layer', () => {
  const operation = `{ caseFile(id: "${STORY.stolenGbPassport.caseFileId}") { id title } }`;
  const signed = async () => {
    const { url } = federation.subgraphs.national;
    return {
      url,
      headers: await federation.subgraphs.national.gatewayHeaders(operation),
      body: Buffer.from(subgraphRequest(url, operation).body),
    };
  };

  it('the control: with the gateway’s client certificate the same request is answered', async () => {
    const { url, headers, body } = await signed();
    expect(await postOverTls(url, { ca: pki.ca, cert: pki.client.cert, key: pki.client.key }, headers, body)).toEqual({ status: 200 });
  });

  it('no client certificate: no HTTP answer at all, even with a valid gateway token', async () => {
    const { url, headers, body } = await signed();
    const result = await postOverTls(url, { ca: pki.ca }, headers, body);
    expect(result.status).toBeUndefined();
    expect(result.error).toMatch(/CERTIFICATE_REQUIRED|ECONNRESET|EPIPE/);
  });

  it('a client certificate that another CA signed: no HTTP answer either', async () => {
    const rogue = generateTestPki('rogue');
    const { url, headers, body } = await signed();
    const result = await postOverTls(url, { ca: pki.ca, cert: rogue.client.cert, key: rogue.client.key }, headers, body);
    expect(result.status).toBeUndefined();
    expect(result.error).toMatch(/UNKNOWN_CA|ECONNRESET|EPIPE|BAD_CERTIFICATE/);
  });

  it('plain HTTP to a TLS subgraph gets no GraphQL answer', async () => {
    const { url, headers, body } = await signed();
    const outcome = await fetch(url.replace(/^https:/, 'http:'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    }).then(
      (response) => response.status,
      () => 'connection failed',
    );
    expect(outcome).toBe('connection failed');
  });
});

describe('gateways that do not hold the right TLS material get nothing from the subgraphs', () => {
  it('a gateway with the CA but no client certificate', async () => {
    const { gateway, url } = await startExtraGateway(federation, { subgraphTls: { ca: pki.ca } });
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await authorization()) },
        body: JSON.stringify({ query: JOINED, variables: { id: STORY.redNotice.id } }),
      });
      const body = (await response.json()) as { data?: { notice: unknown }; errors?: { extensions?: Record<string, unknown> }[] };
      expect(body.data?.notice ?? null).toBeNull();
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE' });
    } finally {
      await gateway.stop();
    }
  });

  it('a gateway that does not trust the CA of the subgraphs’ certificates (a subgraph impersonated)', async () => {
    const other = generateTestPki('other');
    const { gateway, url } = await startExtraGateway(federation, {
      subgraphTls: { ca: other.ca, cert: pki.client.cert, key: pki.client.key },
    });
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await authorization()) },
        body: JSON.stringify({ query: JOINED, variables: { id: STORY.redNotice.id } }),
      });
      const body = (await response.json()) as { data?: { notice: unknown }; errors?: { extensions?: Record<string, unknown> }[] };
      expect(body.data?.notice ?? null).toBeNull();
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE' });
    } finally {
      await gateway.stop();
    }
  });
});

/** The default caller's headers at the gateway. */
async function authorization(): Promise<Record<string, string>> {
  return callerHeaders(await mintAgencyToken({ identity: federation.identity, ...DEFAULT_CALLER }), 'CRIMINAL_INVESTIGATION');
}

describe('TLS settings are checked at start', () => {
  const gatewayEnv = (settings: Record<string, string>) => ({ AUDIT_MONGODB_URI: 'mongodb://127.0.0.1:27017', ...settings });

  it('the gateway reads valid files', () => {
    const config = loadGatewayConfig(
      gatewayEnv({
        SUBGRAPH_TLS_CA_PATH: pki.caPath,
        SUBGRAPH_TLS_CERT_PATH: pki.client.certPath,
        SUBGRAPH_TLS_KEY_PATH: pki.client.keyPath,
      }),
    );
    expect(config.subgraphTls).toEqual({ ca: pki.ca, cert: pki.client.cert, key: pki.client.key });
  });

  it('the gateway refuses a missing file, a file that is no certificate, a certificate without its key, and a key of another certificate', () => {
    expect(() => loadGatewayConfig(gatewayEnv({ SUBGRAPH_TLS_CA_PATH: join(pki.dir, 'absent.crt') }))).toThrow(
      /SUBGRAPH_TLS_CA_PATH .*cannot be read: ENOENT/,
    );
    const notPem = join(pki.dir, 'not-a-certificate.pem');
    writeFileSync(notPem, 'hello');
    expect(() => loadGatewayConfig(gatewayEnv({ SUBGRAPH_TLS_CA_PATH: notPem }))).toThrow(
      /SUBGRAPH_TLS_CA_PATH .*is not a PEM certificate/,
    );
    expect(() => loadGatewayConfig(gatewayEnv({ SUBGRAPH_TLS_CERT_PATH: pki.client.certPath }))).toThrow(
      /SUBGRAPH_TLS_CERT_PATH and SUBGRAPH_TLS_KEY_PATH go together/,
    );
    expect(() =>
      loadGatewayConfig(gatewayEnv({ SUBGRAPH_TLS_CERT_PATH: pki.client.certPath, SUBGRAPH_TLS_KEY_PATH: pki.server.keyPath })),
    ).toThrow(/SUBGRAPH_TLS_KEY_PATH is not the key of the certificate/);
    expect(() => loadGatewayConfig(gatewayEnv({ SUBGRAPH_TLS_CERT_PATH: pki.client.certPath, SUBGRAPH_TLS_KEY_PATH: notPem }))).toThrow(
      /SUBGRAPH_TLS_KEY_PATH .*is not a PEM private key/,
    );
  });

  it('a subgraph refuses a client CA without a certificate of its own, and a key that is not its certificate’s', () => {
    const settings = (cert?: string, key?: string, clientCa?: string) =>
      ({ cert: ['TLS_CERT_PATH', cert], key: ['TLS_KEY_PATH', key], clientCa: ['TLS_CLIENT_CA_PATH', clientCa] }) as const;
    expect(loadServerTls('national', settings())).toBeUndefined();
    expect(loadServerTls('national', settings(pki.server.certPath, pki.server.keyPath, pki.caPath))).toEqual({
      cert: pki.server.cert,
      key: pki.server.key,
      clientCa: pki.ca,
    });
    expect(() => loadServerTls('national', settings(undefined, undefined, pki.caPath))).toThrow(
      /TLS_CLIENT_CA_PATH needs TLS_CERT_PATH and TLS_KEY_PATH/,
    );
    expect(() => loadServerTls('national', settings(pki.server.certPath, pki.client.keyPath))).toThrow(
      /TLS_KEY_PATH is not the key of the certificate in TLS_CERT_PATH/,
    );
    expect(() => loadServerTls('national', settings(pki.server.certPath, join(pki.dir, 'absent.key')))).toThrow(
      /national: TLS_KEY_PATH .*cannot be read/,
    );
  });
});
