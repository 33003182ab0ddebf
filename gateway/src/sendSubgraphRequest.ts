import type { Dispatcher } from 'undici';
import type { RefusalReasonSet } from '@intel-gateway/shared/errors';

/** Why a subgraph call gave nothing (`extensions.reason` of its SUBGRAPH_UNAVAILABLE errors). */
export const SubgraphFailure = {
  UNREACHABLE: 'SUBGRAPH_UNREACHABLE',
  TIMEOUT: 'SUBGRAPH_TIMEOUT',
  RESPONSE_TOO_LARGE: 'SUBGRAPH_RESPONSE_TOO_LARGE',
  BAD_RESPONSE: 'SUBGRAPH_BAD_RESPONSE',
} as const satisfies RefusalReasonSet;
export type SubgraphFailure = (typeof SubgraphFailure)[keyof typeof SubgraphFailure];

/** A subgraph call that gave nothing usable: why, and the cause kept for the log (never for the client). */
export class SubgraphCallFailure extends Error {
  constructor(
    readonly reason: SubgraphFailure,
    cause: unknown,
  ) {
    super(reason, { cause });
  }
}

/** One POST to a subgraph: where, its headers and exact body bytes, and its bounds. */
export interface SubgraphCall {
  origin: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  /** Total deadline: queueing, connect, headers and the whole body. */
  timeoutMs: number;
  /** Largest answer, counted as the bytes arrive (a declared content-length past it is refused unread). */
  maxResponseBytes: number;
}

/** A subgraph's JSON answer, read in full. */
export interface SubgraphReply {
  statusCode: number;
  text: string;
}

const UNDICI_TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * Sends one request on undici's dispatcher and reads its JSON answer straight from the
 * connection's chunks: no response stream, no abort signal, one timer for the total
 * deadline. An answer that is not JSON, too large or too late is dropped by aborting the
 * request, which closes its connection rather than drain it (a hostile subgraph may send
 * without end); the promise rejects with a SubgraphCallFailure.
 */
export function sendSubgraphRequest(dispatcher: Dispatcher, call: SubgraphCall): Promise<SubgraphReply> {
  return new Promise((resolve, reject) => {
    const handler = new ReplyHandler(call, resolve, reject);
    dispatcher.dispatch(
      {
        origin: call.origin,
        path: call.path,
        method: 'POST',
        headers: call.headers,
        body: call.body,
        headersTimeout: call.timeoutMs,
        bodyTimeout: call.timeoutMs,
      },
      handler,
    );
  });
}

/** Collects one answer's chunks, within its bounds. */
class ReplyHandler implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | null = null;
  private settled = false;
  private started = false;
  private statusCode = 0;
  private chunks: Buffer[] = [];
  private size = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly call: SubgraphCall,
    private readonly resolve: (reply: SubgraphReply) => void,
    private readonly reject: (failure: SubgraphCallFailure) => void,
  ) {
    this.timer = setTimeout(
      () => this.fail(SubgraphFailure.TIMEOUT, new Error(`no full answer within ${call.timeoutMs} ms`)),
      call.timeoutMs,
    );
    // As an abort signal's timer: it holds no process open by itself.
    this.timer.unref();
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    // The deadline passed while the request waited for a connection.
    if (this.settled) controller.abort(new Error('subgraph call given up'));
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    if (this.settled || statusCode < 200) return;
    this.started = true;
    this.statusCode = statusCode;
    const contentType = String(headers['content-type'] ?? '');
    if (!contentType.startsWith('application/json') && !contentType.startsWith('application/graphql-response+json')) {
      return this.fail(SubgraphFailure.BAD_RESPONSE, new Error(`HTTP ${statusCode} with content type "${contentType}"`));
    }
    const declared = Number(headers['content-length']);
    if (Number.isFinite(declared) && declared > this.call.maxResponseBytes) this.tooLarge();
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.settled) return;
    this.size += chunk.length;
    if (this.size > this.call.maxResponseBytes) return this.tooLarge();
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    const { chunks } = this;
    const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, this.size).toString('utf8');
    this.chunks = [];
    this.resolve({ statusCode: this.statusCode, text });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && UNDICI_TIMEOUTS.has(code)) return this.fail(SubgraphFailure.TIMEOUT, error);
    this.fail(this.started ? SubgraphFailure.BAD_RESPONSE : SubgraphFailure.UNREACHABLE, error);
  }

  private tooLarge(): void {
    this.fail(SubgraphFailure.RESPONSE_TOO_LARGE, new Error(`answer over ${this.call.maxResponseBytes} bytes`));
  }

  private fail(reason: SubgraphFailure, cause: Error): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    this.chunks = [];
    // Aborting closes the connection: the rest of the answer is never read.
    this.controller?.abort(cause);
    this.reject(new SubgraphCallFailure(reason, cause));
  }
}
