import { readFileSync } from 'node:fs';
import type { z } from 'zod';

/**
 * A JSON file checked against `schema`. A file that cannot be read, is not JSON or does
 * not fit throws one message naming `what` (e.g. "agency registry /path"), where in the
 * file and the problem, so a service that reads its files at start stops with a clear reason.
 */
export function readJsonFile<S extends z.ZodType>(path: string, schema: S, what: string): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${what} could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problem = parsed.error.issues[0]!;
    throw new Error(`${what} is invalid at ${problem.path.join('.') || '(top)'}: ${problem.message}`);
  }
  return parsed.data;
}
