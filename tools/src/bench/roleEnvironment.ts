import { childEnvironment } from '../config';

/**
 * The environment a bench role's process starts with: this process's own, and for our
 * gateway the plan executor its name says (`ours-apollo`: @apollo/gateway's; `ours`: the
 * own, whatever this process's GATEWAY_EXECUTOR is).
 */
export function roleEnvironment(role: string): NodeJS.ProcessEnv {
  if (role === 'ours' || role === 'ours-apollo') return childEnvironment({ GATEWAY_EXECUTOR: role === 'ours-apollo' ? 'apollo' : 'own' });
  return childEnvironment({});
}
