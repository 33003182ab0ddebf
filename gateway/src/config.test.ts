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
