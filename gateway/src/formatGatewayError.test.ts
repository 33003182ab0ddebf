import { GraphQLError, Source } from 'graphql';
import pino from 'pino';
import { formatGatewayError } from './formatGatewayError';

const logger = pino({ level: 'silent' });

describe('formatGatewayError', () => {
  it('turns a bad argument literal into BAD_USER_INPUT naming the argument', () => {
    const body = '{ notices(filter: { type: PINK }) { nodes { id } } }';
    const position = body.indexOf('PINK');
    const error = new GraphQLError('Value "PINK" does not exist in "NoticeType" enum.', {
      source: new Source(body),
      positions: [position],
    });
    const formatted = formatGatewayError({ message: error.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, error, logger);
    expect(formatted).toEqual({
      message: 'Invalid value for "type": Value "PINK" does not exist in "NoticeType" enum.',
      extensions: { code: 'BAD_USER_INPUT', field: 'type' },
    });
  });

  it('leaves other validation errors as they are', () => {
    const formatted = { message: 'Cannot query field "nope" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
    expect(formatGatewayError(formatted, new GraphQLError(formatted.message), logger)).toEqual(formatted);
  });

  it('masks internal errors and keeps client-safe ones', () => {
    const internal = formatGatewayError(
      {
        message: 'connect ECONNREFUSED 10.0.0.7:27017',
        path: ['notice'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] },
      },
      new Error('x'),
      logger,
    );
    expect(internal).toEqual({
      message: 'Internal server error',
      path: ['notice'],
      locations: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    const safe = { message: 'Subgraph "national" is unavailable', extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'national' } };
    expect(formatGatewayError(safe, new Error('x'), logger)).toBe(safe);
  });
});
