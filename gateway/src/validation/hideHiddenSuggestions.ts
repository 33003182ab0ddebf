import type { ApolloServerPlugin } from '@apollo/server';
import { type GraphQLSchema, isInterfaceType, isObjectType } from 'graphql';
import type { CallerContext, Principal } from '@intel-gateway/shared/identity';

const SUGGESTION = ' Did you mean ';

/** Formats names the way graphql-js does: "a", "a" or "b", "a", "b", or "c". */
function quotedList(names: readonly string[]): string {
  const quoted = names.map((name) => `"${name}"`);
  if (quoted.length <= 2) return quoted.join(' or ');
  return `${quoted.slice(0, -1).join(', ')}, or ${quoted.at(-1)}`;
}

/** Whether a name graphql-js suggests in `problem` is something the caller's schema shows. */
function isVisibleSuggestion(problem: string, name: string, schema: GraphQLSchema | null): boolean {
  if (!schema) return false;
  if (schema.getType(name)) return true;
  const fieldOfType = problem.match(/^Cannot query field "[^"]*" on type "([^"]+)"/);
  if (fieldOfType) {
    const type = schema.getType(fieldOfType[1]!);
    return (isObjectType(type) || isInterfaceType(type)) && name in type.getFields();
  }
  const argumentOfField = problem.match(/^Unknown argument "[^"]*" on field "([^".]+)\.([^"]+)"/);
  if (argumentOfField) {
    const type = schema.getType(argumentOfField[1]!);
    const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[argumentOfField[2]!] : undefined;
    return !!field?.args.some((arg) => arg.name === name);
  }
  // Enum values and input fields: shown when their type is.
  const ownerType = problem.match(/in "([^"]+)" enum|by type "([^"]+)"/);
  return !!ownerType && !!schema.getType(ownerType[1] ?? ownerType[2]!);
}

/** Removes from one message the suggestions the caller's schema does not show. */
export function filterSuggestions(message: string, schema: GraphQLSchema | null): string {
  const at = message.indexOf(SUGGESTION);
  if (at < 0) return message;
  const problem = message.slice(0, at);
  const suggestion = message.slice(at + SUGGESTION.length);
  const lead = suggestion.slice(0, suggestion.indexOf('"'));
  const names = [...suggestion.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
  const kept = names.filter((name) => isVisibleSuggestion(problem, name, schema));
  if (kept.length === names.length) return message;
  return kept.length === 0 ? problem : `${problem}${SUGGESTION}${lead}${quotedList(kept)}?`;
}

/**
 * graphql-js validates against the whole API schema, so its "Did you mean …" would name
 * fields a caller may not see. This plugin keeps only suggestions from the caller's own
 * schema, before any error is formatted.
 */
export function hideHiddenSuggestions(
  agencySchema: (principal: Principal) => Promise<GraphQLSchema | null>,
): ApolloServerPlugin<CallerContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          if (!errors.some((error) => error.message.includes(SUGGESTION))) return;
          // No schema to check against (the policy does not match it): suggest nothing.
          const schema = await agencySchema(contextValue.principal).catch(() => null);
          for (const error of errors) error.message = filterSuggestions(error.message, schema);
        },
      };
    },
  };
}
