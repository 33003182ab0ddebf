import { type DirectiveNode, Kind } from 'graphql';
import { getOwn } from './ownKeys';

/** A selection's @skip/@include test of the request's variables; null when it is never skipped. */
export type SkipTest = ((variables: Record<string, unknown>) => boolean) | null;

/**
 * A selection's @skip/@include test: true when it is always skipped, null when never, or a
 * test of the request's variables (which must then hold a boolean, as @apollo/gateway asserts).
 */
export function skipTestOf(directives: readonly DirectiveNode[] | undefined): SkipTest | true {
  if (!directives || directives.length === 0) return null;
  const condition = (name: string) => {
    const directive = directives.find((d) => d.name.value === name);
    const argument = directive?.arguments?.find((a) => a.name.value === 'if')?.value;
    if (!argument) return undefined;
    if (argument.kind === Kind.BOOLEAN) return argument.value;
    if (argument.kind !== Kind.VARIABLE) return undefined;
    const variable = argument.name.value;
    return (variables: Record<string, unknown>) => {
      const value = getOwn(variables, variable);
      if (typeof value !== 'boolean')
        throw new Error(`Unexpected value ${String(value)} for variable $${variable} of @${name}(if: $${variable})`);
      return value;
    };
  };
  const skip = condition('skip');
  const include = condition('include');
  if (skip === undefined && include === undefined) return null;
  if (skip === true || include === false) return true;
  const skipTest = typeof skip === 'function' ? skip : null;
  const includeTest = typeof include === 'function' ? include : null;
  if (!skipTest && !includeTest) return null;
  return (variables) => (skipTest ? skipTest(variables) : false) || (includeTest ? !includeTest(variables) : false);
}
