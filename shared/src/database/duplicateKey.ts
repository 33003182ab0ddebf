/** The server's error code for a write that would duplicate a unique key. */
export const DUPLICATE_KEY = 11000;

/** Whether a write failed because its unique key was taken (another writer got there first). */
export const isDuplicateKey = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === DUPLICATE_KEY;
