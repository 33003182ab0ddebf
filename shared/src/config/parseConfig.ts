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

/** Where a service's traces go: nowhere (the default), an OTLP/HTTP collector, or the console. */
export const TRACES_EXPORTERS = ['none', 'otlp', 'console'] as const;

/**
 * The tracing settings every service takes, under OpenTelemetry's standard names. Off by
 * default; `service` names the service's spans unless OTEL_SERVICE_NAME says otherwise.
 * The endpoint is the full URL traces are posted to (OTLP JSON over HTTP).
 */
export function tracingSettings(service: string) {
  return {
    OTEL_TRACES_EXPORTER: z.enum(TRACES_EXPORTERS).default('none'),
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ protocol: /^https?$/ }).default('http://localhost:4318/v1/traces'),
    OTEL_SERVICE_NAME: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, ".", "_" and "-" only')
      .default(service),
  };
}

/** A service's validated tracing settings (see tracingSettings). */
export type TracingSettings = z.infer<z.ZodObject<ReturnType<typeof tracingSettings>>>;
