import { z } from 'zod';

/** Shared building blocks for each service's own `config.ts`. */
export const port = z.coerce.number().int().min(0).max(65535);
export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');
export const url = z.url();

/**
 * Validates a service's environment against its schema. A bad setting stops the service at
 * start with every problem named, rather than failing later in a request.
 */
export function parseConfig<S extends z.ZodType>(service: string, schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new Error(`${service}: invalid configuration\n${problems}`);
  }
  return result.data;
}
