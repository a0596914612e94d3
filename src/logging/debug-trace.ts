import type { DebugTraceDocument } from './debug-trace-document';

export interface DebugTraceOptions {
  captureRequests: boolean;
  captureResponses: boolean;
  /** Cap on all captured text together, in characters. */
  maxChars: number;
  /** Masks credential headers (applied as headers are captured). */
  maskHeaders: (headers: Record<string, unknown>) => Record<string, unknown>;
  /** Receives the finished document once; the service masks secrets and writes it. */
  onFinish: (document: DebugTraceDocument) => void;
}

type HeadersLike = Record<string, unknown> | Headers | Iterable<[string, string]>;

/**
 * Collects one request's debug trace in memory. Each method only copies text within the size
 * budget, so a trace costs at most `maxChars` of memory; serialising, masking and writing
 * happen once, after `finish`.
 */
export class DebugTrace {
  private readonly startedAt = new Date();
  private remainingChars: number;
  private droppedChars = 0;
  private finished = false;
  private clientRequestCapture?: { headers: Record<string, unknown>; body?: string };
  private readonly upstreamRequests: Array<{ url: string; headers: Record<string, unknown>; body?: string }> = [];
  private readonly upstreamChunks: string[] = [];
  private readonly clientChunks: string[] = [];

  constructor(
    readonly requestId: string,
    private readonly options: DebugTraceOptions,
  ) {
    this.remainingChars = options.maxChars;
  }

  clientRequest(headers: HeadersLike, body?: unknown): void {
    if (!this.options.captureRequests || this.finished) return;
    this.clientRequestCapture = { headers: this.options.maskHeaders(toRecord(headers)), body: this.take(bodyText(body)) };
  }

  upstreamRequest(url: string, headers: HeadersLike, body?: unknown): void {
    if (!this.options.captureRequests || this.finished) return;
    this.upstreamRequests.push({ url, headers: this.options.maskHeaders(toRecord(headers)), body: this.take(bodyText(body)) });
  }

  upstreamResponseChunk(text: string): void {
    if (!this.options.captureResponses || this.finished) return;
    const kept = this.take(text);
    if (kept) this.upstreamChunks.push(kept);
  }

  clientResponseChunk(text: string): void {
    if (!this.options.captureResponses || this.finished) return;
    const kept = this.take(text);
    if (kept) this.clientChunks.push(kept);
  }

  finish(summary: Record<string, unknown> = {}): void {
    if (this.finished) return;
    this.finished = true;
    const finishedAt = new Date();
    const document: DebugTraceDocument = {
      requestId: this.requestId,
      startedAt: this.startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - this.startedAt.getTime(),
      upstreamRequests: this.upstreamRequests.map((request) => ({ ...request, body: parsedBody(request.body) })),
      summary,
    };
    if (this.clientRequestCapture) document.clientRequest = { ...this.clientRequestCapture, body: parsedBody(this.clientRequestCapture.body) };
    if (this.options.captureResponses) {
      document.upstreamResponse = this.upstreamChunks.join('');
      document.clientResponse = this.clientChunks.join('');
    }
    if (this.droppedChars > 0) document.truncated = { limitChars: this.options.maxChars, droppedChars: this.droppedChars };
    this.options.onFinish(document);
  }

  /** The part of `text` that fits in the budget, with a marker where the cap cut it. */
  private take(text: string | undefined): string | undefined {
    if (text === undefined) return undefined;
    if (text.length <= this.remainingChars) {
      this.remainingChars -= text.length;
      return text;
    }
    const kept = text.slice(0, this.remainingChars);
    const marked = this.droppedChars === 0 ? `${kept}\n[plexus: debug trace truncated at ${this.options.maxChars} characters]` : kept;
    this.droppedChars += text.length - kept.length;
    this.remainingChars = 0;
    return marked || undefined;
  }
}

function toRecord(headers: HeadersLike): Record<string, unknown> {
  if (headers instanceof Headers || Symbol.iterator in headers) return Object.fromEntries(headers as Iterable<[string, string]>);
  return headers as Record<string, unknown>;
}

function bodyText(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  try {
    return JSON.stringify(body);
  } catch {
    return String(body);
  }
}

/** JSON bodies are stored as JSON (readable); anything else, or a truncated body, as text. */
function parsedBody(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
