import { childEnvironment, loadToolsConfig } from './config';

describe('childEnvironment', () => {
  beforeEach(() => jest.replaceProperty(process, 'env', { PATH: '/usr/bin', NODE_ENV: 'production', PORT: '4000' }));
  afterEach(() => jest.restoreAllMocks());

  it("is this process's environment with the settings over it, and a setting given as undefined removed", () => {
    expect(childEnvironment({ PORT: '0', NODE_ENV: undefined, LOG_LEVEL: 'error' })).toEqual({
      PATH: '/usr/bin',
      PORT: '0',
      LOG_LEVEL: 'error',
    });
  });

  it("leaves this process's own environment as it was", () => {
    childEnvironment({ PORT: '0', NODE_ENV: undefined });
    expect(process.env).toEqual({ PATH: '/usr/bin', NODE_ENV: 'production', PORT: '4000' });
  });
});

describe('CI', () => {
  it('is on for what CI systems set, and off when unset, empty or a false word', () => {
    for (const value of ['true', '1', 'TRUE', 'woodpecker']) expect(loadToolsConfig({ CI: value }).CI).toBe(true);
    for (const value of [undefined, '', 'false', '0', 'no', 'off', 'False']) expect(loadToolsConfig({ CI: value }).CI).toBe(false);
  });
});
