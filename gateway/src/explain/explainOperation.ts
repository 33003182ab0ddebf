import { GraphQLError, type GraphQLSchema, parse, validate } from 'graphql';
import type { PolicySubject } from '@intel-gateway/shared/policy';
import { decideOperation } from '../policy/decideOperation';
import { compileFieldPolicy, type GatewayPolicy } from '../policy/fieldPolicy';
import type { FieldDecision } from '../policy/operationPlan';

/** An explain answer: the operation's problems, or how each of its fields is decided. */
export type Explanation = { ok: false; errors: string[] } | { ok: true; fields: FieldDecision[] };

/**
 * The dry run for policy authors: "what would this subject see of this operation". It runs
 * the same decision the gateway makes before planning, without fetching anything, so a
 * record rule can only be reported as decided per record.
 */
export async function explainOperation(
  policy: GatewayPolicy,
  apiSchema: GraphQLSchema,
  subject: PolicySubject,
  source: string,
  operationName?: string,
): Promise<Explanation> {
  let document;
  try {
    document = parse(source);
  } catch (error) {
    return { ok: false, errors: [error instanceof GraphQLError ? error.message : String(error)] };
  }
  const invalid = validate(apiSchema, document);
  if (invalid.length > 0) return { ok: false, errors: invalid.map((e) => e.message) };
  try {
    // As the gateway decides it: records identified, so a record the subject may not identify is reported as it is served.
    return {
      ok: true,
      fields: (
        await decideOperation(compileFieldPolicy(policy, apiSchema), subject, document, operationName, '', { identifyRecords: true })
      ).fields,
    };
  } catch (error) {
    if (error instanceof GraphQLError) return { ok: false, errors: [error.message] };
    throw error;
  }
}
