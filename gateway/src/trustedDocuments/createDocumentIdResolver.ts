import { ErrorCode, type RefusalReasonSet, RequestRefusedError } from '@intel-gateway/shared/errors';
import type { GraphQLHttpRequestParts } from '@intel-gateway/shared/http';
import type { CallerContext } from '@intel-gateway/shared/identity';
import { documentId, type TrustedDocuments } from './loadTrustedDocuments';

/** Why a request naming an operation id was refused (`extensions.reason`). */
export const DocumentIdRefusal = {
  MALFORMED: 'DOCUMENT_ID_MALFORMED',
  MISMATCH: 'DOCUMENT_ID_MISMATCH',
  NOT_LISTED: 'DOCUMENT_NOT_LISTED',
  /** The text an agency under trusted documents sent is not in its manifest. */
  OPERATION_NOT_LISTED: 'OPERATION_NOT_LISTED',
} as const satisfies RefusalReasonSet;

/**
 * Refuses (PERSISTED_QUERY_NOT_IN_LIST, 403) operation text that an agency under trusted
 * documents does not list, by one hash lookup in its manifest: called before the text is
 * parsed, so an unlisted operation costs no parse, validation, limit or policy work, and
 * gets no validation answer. `text` is what the request carries (anything but a listed
 * string is refused).
 */
export function refuseUnlisted(trusted: TrustedDocuments, agency: string, text: unknown): void {
  if (!trusted.restricts(agency) || (typeof text === 'string' && trusted.admits(agency, text))) return;
  throw new RequestRefusedError(
    403,
    ErrorCode.PERSISTED_QUERY_NOT_IN_LIST,
    DocumentIdRefusal.OPERATION_NOT_LISTED,
    `Operation refused: ${agency} runs only its trusted documents, and this operation is not one of them. Send a listed operation by its id, or its exact text.`,
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `sha256:<hex>` (the GraphQL-over-HTTP persisted-documents form) or the bare hex digest. */
function normaliseId(id: string): string {
  const hex = id.startsWith('sha256:') ? id.slice('sha256:'.length) : id;
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new RequestRefusedError(
      400,
      ErrorCode.BAD_REQUEST,
      DocumentIdRefusal.MALFORMED,
      'A document id is "sha256:" followed by 64 lower-case hex digits (or the digits alone).',
    );
  }
  return hex;
}

/** The id a request names: `documentId`, or Apollo clients' `extensions.persistedQuery.sha256Hash`. */
function requestedId(documentIdValue: unknown, extensions: unknown): string | undefined {
  if (typeof documentIdValue === 'string') return documentIdValue;
  const persisted = isRecord(extensions) ? extensions.persistedQuery : undefined;
  if (isRecord(persisted) && typeof persisted.sha256Hash === 'string') return persisted.sha256Hash;
  return undefined;
}

function withoutPersistedQuery(extensions: unknown): Record<string, unknown> | undefined {
  if (!isRecord(extensions)) return undefined;
  const { persistedQuery: _persistedQuery, ...rest } = extensions;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/**
 * The operation text for a request that names an id: looked up in the caller agency's
 * manifest only (PERSISTED_QUERY_NOT_FOUND otherwise, 400). A request that sends both
 * text and id must send the text the id hashes. Apollo's own automatic persisted queries
 * are off, so this is the only way an id becomes an operation.
 */
function resolveText(trusted: TrustedDocuments, caller: CallerContext, id: string, query: unknown): string {
  const hex = normaliseId(id);
  if (typeof query === 'string') {
    if (documentId(query) !== hex)
      throw new RequestRefusedError(
        400,
        ErrorCode.BAD_REQUEST,
        DocumentIdRefusal.MISMATCH,
        'The document id is not the SHA-256 of the query sent with it.',
      );
    return query;
  }
  const body = trusted.body(caller.principal.agency, hex);
  if (body === undefined) {
    throw new RequestRefusedError(
      400,
      ErrorCode.PERSISTED_QUERY_NOT_FOUND,
      DocumentIdRefusal.NOT_LISTED,
      `No trusted document with id ${hex} is listed for ${caller.principal.agency}.`,
    );
  }
  return body;
}

/**
 * Turns operations referenced by id into their text, for POST bodies and GET query strings
 * alike, before Apollo reads the request; then refuses, for an agency under trusted
 * documents, any text its manifest does not list (`refuseUnlisted`), before any other work.
 * `useTrustedDocuments` checks again inside Apollo, for every route.
 */
export function createDocumentIdResolver(
  trusted: TrustedDocuments,
): (request: GraphQLHttpRequestParts, caller: CallerContext) => GraphQLHttpRequestParts {
  const resolve = resolveIds(trusted);
  return (request, caller) => {
    const resolved = resolve(request, caller);
    if (trusted.restricts(caller.principal.agency)) {
      const text =
        resolved.method === 'GET'
          ? new URLSearchParams(resolved.search).get('query')
          : isRecord(resolved.body)
            ? resolved.body.query
            : undefined;
      refuseUnlisted(trusted, caller.principal.agency, text);
    }
    return resolved;
  };
}

function resolveIds(trusted: TrustedDocuments): (request: GraphQLHttpRequestParts, caller: CallerContext) => GraphQLHttpRequestParts {
  return (request, caller) => {
    if (request.method === 'GET') {
      const params = new URLSearchParams(request.search);
      let extensions: unknown;
      try {
        extensions = params.has('extensions') ? JSON.parse(params.get('extensions')!) : undefined;
      } catch {
        return request; // Apollo answers malformed extensions itself.
      }
      const id = requestedId(params.get('documentId') ?? undefined, extensions);
      if (id === undefined) return request;
      params.set('query', resolveText(trusted, caller, id, params.get('query') ?? undefined));
      params.delete('documentId');
      const rest = withoutPersistedQuery(extensions);
      if (rest) params.set('extensions', JSON.stringify(rest));
      else params.delete('extensions');
      return { ...request, search: `?${params.toString()}` };
    }
    if (!isRecord(request.body)) return request;
    const { documentId: idValue, extensions, ...body } = request.body;
    const id = requestedId(idValue, extensions);
    if (id === undefined) return request;
    const rest = withoutPersistedQuery(extensions);
    return { ...request, body: { ...body, query: resolveText(trusted, caller, id, body.query), ...(rest ? { extensions: rest } : {}) } };
  };
}
