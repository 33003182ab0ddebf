import { childEnvironment } from './config';

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
