import { roleEnvironment } from './roleEnvironment';

describe('roleEnvironment: what a bench process starts with', () => {
  beforeEach(() => jest.replaceProperty(process, 'env', { PATH: '/usr/bin', GATEWAY_EXECUTOR: 'apollo', LOG_LEVEL: 'warn' }));
  afterEach(() => jest.restoreAllMocks());

  it("runs our gateway with the plan executor its role names, not this process's setting", () => {
    expect(roleEnvironment('ours')).toEqual({ PATH: '/usr/bin', GATEWAY_EXECUTOR: 'own', LOG_LEVEL: 'warn' });
    expect(roleEnvironment('ours-apollo')).toEqual({ PATH: '/usr/bin', GATEWAY_EXECUTOR: 'apollo', LOG_LEVEL: 'warn' });
  });

  it("gives every other role this process's environment as it is, in a copy of its own", () => {
    const env = roleEnvironment('subgraphs');
    expect(env).toEqual({ PATH: '/usr/bin', GATEWAY_EXECUTOR: 'apollo', LOG_LEVEL: 'warn' });
    expect(env).not.toBe(process.env);
  });
});
