import * as os from 'node:os';
import mongoose, { type Connection, type Model, type Schema } from 'mongoose';

/**
 * Driver options every connection gets. The driver loads `os` with a dynamic import for its
 * handshake metadata; inside jest's VM that import fails and the server rejects the empty
 * metadata, so the module is handed over directly.
 */
export const driverOptions = { runtimeAdapters: { os } };

/**
 * Opens a service's own connection to its own database. Repositories build every filter
 * from validated scalar arguments, so no caller-supplied object ever becomes a query.
 */
export async function connectDatabase(
  uri: string,
  databaseName: string,
  options: { monitorCommands?: boolean; failFast?: boolean } = {},
): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    dbName: databaseName,
    autoIndex: false,
    maxPoolSize: 20,
    monitorCommands: options.monitorCommands ?? false,
    // failFast: an operation fails at once when the connection is down, and within 5 s when
    // no server answers, instead of waiting (for stores whose callers must not be kept waiting).
    ...(options.failFast ? { bufferCommands: false, serverSelectionTimeoutMS: 5_000 } : {}),
    ...driverOptions,
  });
  await connection.asPromise();
  return connection;
}

/** Builds every index declared on the connection's models (idempotent). */
export async function syncIndexes(connection: Connection): Promise<void> {
  for (const model of Object.values(connection.models)) await model.createIndexes();
}

/**
 * Registers a model on a connection once; later calls return the same model, so a service
 * and its tests can both build their model set on one connection.
 */
export function registerModel<T>(connection: Connection, name: string, schema: Schema<T>, collection: string): Model<T> {
  return (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema, collection);
}
