import { BadUserInputError } from './errors';

/** Largest page a client may ask for; larger requests are refused, not silently cut. */
export const MAX_PAGE_SIZE = 1_000;
export const DEFAULT_PAGE_SIZE = 20;

/** A validated page request: how many records, and the `_id` to continue after. */
export interface PageRequest {
  first: number;
  afterId?: string;
}

export interface Page<T> {
  nodes: T[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

const CURSOR_PREFIX = 'c1:';

/** Cursors are opaque to clients: a versioned, base64url-encoded record id. */
export function encodeCursor(id: string): string {
  return Buffer.from(CURSOR_PREFIX + id, 'utf8').toString('base64url');
}

/** Checks `first` and `after` and turns them into a page request. */
export function parsePageArgs(args: { first?: number | null; after?: string | null }): PageRequest {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError('first', `must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`);
  }
  if (args.after == null) return { first };
  const decoded = /^[A-Za-z0-9_-]{1,400}$/.test(args.after) ? Buffer.from(args.after, 'base64url').toString('utf8') : '';
  if (!decoded.startsWith(CURSOR_PREFIX) || decoded.length === CURSOR_PREFIX.length) {
    throw new BadUserInputError('after', 'not a cursor returned by this API');
  }
  return { first, afterId: decoded.slice(CURSOR_PREFIX.length) };
}

/**
 * Builds a connection from `first + 1` records fetched in `_id` order: the extra record,
 * if present, only tells that there is a next page.
 */
export function toConnection<T extends { _id: string }>(records: T[], page: PageRequest): Page<T> {
  const nodes = records.slice(0, page.first);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    pageInfo: { endCursor: last ? encodeCursor(last._id) : null, hasNextPage: records.length > page.first },
  };
}
