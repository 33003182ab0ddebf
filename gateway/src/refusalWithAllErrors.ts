import type { GraphQLError } from 'graphql';

/**
 * A refusal of several errors from a plugin hook, for one request. Apollo Server answers an
 * error thrown from a hook alone; `refuse` gives the error to throw and keeps the others,
 * and `restore`, called from `didEncounterErrors`, puts them all in the array Apollo then
 * formats, in place of the one thrown.
 */
export function refusalWithAllErrors() {
  let refused: { first: GraphQLError; all: readonly GraphQLError[] } | null = null;
  return {
    refuse(all: readonly GraphQLError[]): GraphQLError {
      refused = { first: all[0]!, all };
      return refused.first;
    },
    restore(errors: readonly GraphQLError[]): void {
      if (refused && errors.length === 1 && errors[0] === refused.first) (errors as GraphQLError[]).splice(0, 1, ...refused.all);
    },
  };
}
