import { GraphQLError, type GraphQLFormattedError, parse, visit } from 'graphql';
import { ErrorCode } from '@intel-gateway/shared/errors';
import type { Logger } from '@intel-gateway/shared/observability';
import { maskError } from '@intel-gateway/shared/subgraph';

/** graphql-js messages for an argument literal that does not fit its declared type. */
const BAD_LITERAL =
  /^(Enum "[^"]+" cannot represent|Value "[^"]*" does not exist in "[^"]+" enum|Expected value of type|(Int|Float|String|Boolean|ID) cannot represent|Field "[^"]+" is not defined by type|Field "[^"]+" of required type)/;

/** Name of the argument (or input field) whose value sits at `position` in the operation text. */
function argumentAt(source: string, position: number): string | undefined {
  let found: string | undefined;
  try {
    visit(parse(source), {
      enter(node) {
        if ((node.kind === 'Argument' || node.kind === 'ObjectField') && node.value.loc) {
          const { start, end } = node.value.loc;
          if (start <= position && position < end) found = node.name.value;
        }
      },
    });
  } catch {
    return undefined;
  }
  return found;
}

/**
 * Formats every error the gateway returns. An argument literal of the wrong type (an
 * unknown enum value, a string where a number belongs) is the client's input error: it
 * becomes BAD_USER_INPUT naming the argument, as a bad variable already is. Anything not
 * meant for clients is masked by the shared rule.
 */
export function formatGatewayError(formatted: GraphQLFormattedError, error: unknown, logger: Logger): GraphQLFormattedError {
  // The parser's own token limit: give it the same kind of code as the other operation limits.
  if (formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' && /Document contains more th(?:an|at) \d+ tokens/.test(formatted.message)) {
    return { ...formatted, extensions: { code: ErrorCode.TOO_MANY_TOKENS } };
  }
  if (formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && BAD_LITERAL.test(formatted.message)) {
    const original = error instanceof GraphQLError ? error : undefined;
    const position = original?.positions?.[0];
    const field = original?.source && position !== undefined ? argumentAt(original.source.body, position) : undefined;
    return {
      ...formatted,
      message: field ? `Invalid value for "${field}": ${formatted.message}` : formatted.message,
      extensions: { code: ErrorCode.BAD_USER_INPUT, ...(field ? { field } : {}) },
    };
  }
  return maskError(formatted, error, logger);
}
