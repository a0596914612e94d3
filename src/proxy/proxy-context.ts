import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AttemptRecord } from '../logging/completed-request-record';
import type { DebugTrace } from '../logging/debug-trace';
import type { UpstreamAbortSignal } from '../providers/upstream-abort-signal';
import type { IrApi, IrRequest } from '../wire/ir';
import type { WireCodec } from '../wire/wire-codec';

/** Per-request state of the request path: one plain object, passed along (DESIGN.md hot-path rules). */
export interface ProxyContext {
  requestId: string;
  clientApi: IrApi;
  clientCodec: WireCodec;
  /** performance.now() at arrival. */
  startedAt: number;
  timestamp: string;
  request: FastifyRequest;
  reply: FastifyReply;
  keyName: string;
  body: Record<string, unknown>;
  ir: IrRequest;
  requestedModel: string;
  stream: boolean;
  /** Gemini stream framing the client asked for. */
  framing: 'sse' | 'json-array';
  /** Fired when the client leaves: cancels the upstream call in flight. */
  abort: UpstreamAbortSignal;
  attempts: AttemptRecord[];
  alias?: string;
  /** Set once the client connection closed before the answer was complete. */
  clientGone: boolean;
  /** The request's debug trace: undefined until first asked for, null when capture is off. */
  debugTrace?: DebugTrace | null;
}

/** What the Gemini routes read from the URL; the other formats carry model and stream in the body. */
export interface RouteHints {
  model?: string;
  stream?: boolean;
  framing?: 'sse' | 'json-array';
}
