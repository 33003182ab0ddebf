import { isDeepStrictEqual } from 'node:util';
import type { AuditTest } from './loadAuditSuites';

/**
 * Whether a gateway's answer passes an audit test, decided as the suite's `src/test.ts`
 * decides it: `data` (null when absent) deep-equal to the expected `data`, and, only when
 * the test states `errors`, whether the answer has at least one error. Error messages,
 * paths and extensions are never compared.
 */
export function compareAuditAnswer(expected: AuditTest['expected'], answer: unknown): boolean {
  const body = typeof answer === 'object' && answer !== null ? (answer as { data?: unknown; errors?: unknown }) : {};
  const errorsStated = typeof expected.errors === 'boolean';
  const received = {
    data: body.data ?? null,
    errors: errorsStated ? Array.isArray(body.errors) && body.errors.length > 0 : null,
  };
  const wanted = { data: expected.data ?? null, errors: errorsStated ? expected.errors : null };
  return isDeepStrictEqual(received, wanted);
}
