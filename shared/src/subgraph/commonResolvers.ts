import { GraphQLScalarType, Kind } from 'graphql';

/** `DateTime`: ISO-8601 strings on the wire, `Date` inside the service. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An ISO-8601 timestamp in UTC.',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new TypeError('DateTime cannot represent an invalid date');
    return date.toISOString();
  },
  parseValue(value) {
    const date = typeof value === 'string' ? new Date(value) : new Date(NaN);
    if (Number.isNaN(date.getTime())) throw new TypeError('DateTime must be an ISO-8601 string');
    return date;
  },
  parseLiteral(ast) {
    const date = ast.kind === Kind.STRING ? new Date(ast.value) : new Date(NaN);
    if (Number.isNaN(date.getTime())) throw new TypeError('DateTime must be an ISO-8601 string');
    return date;
  },
});

/** Resolvers for the types in `shared/graphql/common.graphql`. */
export const commonResolvers = { DateTime: DateTimeScalar };

/** Records are stored with their identifier in `_id`; the API calls it `id`. */
export const idFromRecord = { id: (record: { _id: string }) => record._id };
