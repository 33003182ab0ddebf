import { loadConfig, loadGatewayExecutor } from './config';

/** The least environment the gateway starts with. */
const required = { AUDIT_MONGODB_URI: 'mongodb://127.0.0.1:27017' };

describe('WORKBENCH_ENABLED', () => {
  it('is on unless set', () => {
    expect(loadConfig(required).WORKBENCH_ENABLED).toBe(true);
  });

  it('reads the words an environment variable says true or false with, not any non-empty string as true', () => {
    for (const off of ['false', 'FALSE', '0', 'no', 'off'])
      expect({ off, enabled: loadConfig({ ...required, WORKBENCH_ENABLED: off }).WORKBENCH_ENABLED }).toEqual({ off, enabled: false });
    for (const on of ['true', '1', 'yes', 'on'])
      expect({ on, enabled: loadConfig({ ...required, WORKBENCH_ENABLED: on }).WORKBENCH_ENABLED }).toEqual({ on, enabled: true });
  });

  it('refuses anything else at start, naming the setting', () => {
    expect(() => loadConfig({ ...required, WORKBENCH_ENABLED: 'maybe' })).toThrow(/WORKBENCH_ENABLED/);
  });
});

describe('GATEWAY_EXECUTOR', () => {
  it('is the own executor unless set', () => {
    expect(loadConfig(required).GATEWAY_EXECUTOR).toBe('own');
    expect(loadGatewayExecutor({})).toBe('own');
  });

  it("takes @apollo/gateway's executor when asked", () => {
    expect(loadConfig({ ...required, GATEWAY_EXECUTOR: 'apollo' }).GATEWAY_EXECUTOR).toBe('apollo');
    expect(loadGatewayExecutor({ GATEWAY_EXECUTOR: 'apollo' })).toBe('apollo');
  });

  it('refuses anything else, naming the setting', () => {
    expect(() => loadConfig({ ...required, GATEWAY_EXECUTOR: 'fast' })).toThrow(/GATEWAY_EXECUTOR/);
    expect(() => loadGatewayExecutor({ GATEWAY_EXECUTOR: 'fast' })).toThrow(/GATEWAY_EXECUTOR/);
  });
});

describe('the public listener (HTTP_*)', () => {
  it('has short limits unless set', () => {
    expect(loadConfig(required).listenerLimits).toEqual({
      keepAliveTimeoutMs: 5_000,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      responseIdleTimeoutMs: 30_000,
      maxConnections: 1_000,
    });
  });

  it('reads each limit', () => {
    const env = {
      ...required,
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '2000',
      HTTP_HEADERS_TIMEOUT_MS: '4000',
      HTTP_REQUEST_TIMEOUT_MS: '8000',
      HTTP_RESPONSE_IDLE_TIMEOUT_MS: '15000',
      HTTP_MAX_CONNECTIONS: '250',
    };
    expect(loadConfig(env).listenerLimits).toEqual({
      keepAliveTimeoutMs: 2_000,
      headersTimeoutMs: 4_000,
      requestTimeoutMs: 8_000,
      responseIdleTimeoutMs: 15_000,
      maxConnections: 250,
    });
  });

  it('refuses headers allowed longer than the whole request, and limits that would not bound anything, naming the setting', () => {
    expect(() => loadConfig({ ...required, HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' })).toThrow(
      /HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS/,
    );
    expect(() => loadConfig({ ...required, HTTP_MAX_CONNECTIONS: '0' })).toThrow(/HTTP_MAX_CONNECTIONS/);
    expect(() => loadConfig({ ...required, HTTP_RESPONSE_IDLE_TIMEOUT_MS: '0' })).toThrow(/HTTP_RESPONSE_IDLE_TIMEOUT_MS/);
  });
});
