import type { IrFinishReason, IrStreamEncoder, IrStreamEvent, IrUsage } from '../ir';
import { formatSseEvent } from '../sse/format-sse-event';
import type { StreamEncoderOptions } from '../wire-codec';
import { encodeGeminiUsage } from './convert-gemini-usage';
import { encodeGeminiError } from './encode-gemini-error';
import { encodeGeminiResponsePart } from './encode-gemini-response';
import type { GeminiGenerateContentResponse, GeminiPart } from './gemini-types';
import { encodeGeminiFinishReason } from './map-gemini-finish-reason';

interface PendingToolCall {
  id: string;
  name: string;
  signature?: string;
  argumentsJson: string;
}

/**
 * IR events (from any format's decoder) → Gemini stream chunks, each a whole
 * GenerateContentResponse. Text and thought deltas go out as they arrive; function calls go out
 * whole at tool-call-end, as Gemini sends them. finishReason and the final usage ride on the
 * last chunk, so the finish is held until usage arrives after it (OpenAI sends usage after the
 * finish) or until end(). Framing: `sse` for `?alt=sse`, else Google's streamed JSON array
 * (`[` chunk `,\r\n` chunk … `]`).
 *
 * An IR error becomes a final `{"error":{code,message,status}}` chunk, which is how Google
 * reports in-stream failures; the @google/genai SDK throws it from the stream iterator as an
 * ApiError carrying that code, after yielding the chunks that came before.
 */
export class GeminiStreamEncoder implements IrStreamEncoder {
  private readonly framing: 'sse' | 'json-array';
  private readonly model: string;
  private responseId = '';
  private chunkCount = 0;
  private usage: Partial<IrUsage> | undefined;
  private readonly toolCalls = new Map<number, PendingToolCall>();
  private heldFinish: IrFinishReason | undefined;
  private finalSent = false;
  private failed = false;
  private ended = false;

  constructor(options: StreamEncoderOptions) {
    this.framing = options.framing ?? 'sse';
    this.model = options.model;
  }

  push(event: IrStreamEvent): string {
    if (this.failed || this.ended) return '';
    switch (event.type) {
      case 'message-start':
        this.responseId = event.id;
        return '';
      case 'text-delta':
        if (event.text === '' && event.signature === undefined) return '';
        return this.contentChunk(encodeGeminiResponsePart({ type: 'text', text: event.text, signature: event.signature }));
      case 'reasoning-delta':
        return event.text === '' ? '' : this.contentChunk([{ text: event.text, thought: true }]);
      case 'reasoning-signature':
        return this.contentChunk([{ text: '', thought: true, thoughtSignature: event.signature }]);
      case 'redacted-reasoning':
        return '';
      case 'tool-call-start':
        this.toolCalls.set(event.index, { id: event.id, name: event.name, signature: event.signature, argumentsJson: '' });
        return '';
      case 'tool-call-delta': {
        const call = this.toolCalls.get(event.index);
        if (call !== undefined) call.argumentsJson += event.argumentsDelta;
        return '';
      }
      case 'tool-call-end':
        return this.flushToolCall(event.index);
      case 'usage':
        this.usage = { ...this.usage, ...event.usage };
        if (this.finalSent) return this.contentChunk([{ text: '' }]);
        return this.heldFinish === undefined ? '' : this.finalChunk();
      case 'finish':
        if (this.heldFinish === undefined && !this.finalSent) this.heldFinish = event.reason;
        return '';
      case 'error': {
        const out = this.flushAllToolCalls();
        this.failed = true;
        return out + this.frame(encodeGeminiError(event.error).body);
      }
    }
  }

  end(): string {
    if (this.ended) return '';
    let out = '';
    if (!this.failed) {
      out += this.flushAllToolCalls();
      if (this.heldFinish !== undefined && !this.finalSent) out += this.finalChunk();
    }
    this.ended = true;
    if (this.framing === 'json-array') out += this.chunkCount === 0 ? '[]' : '\n]';
    return out;
  }

  private flushToolCall(index: number): string {
    const call = this.toolCalls.get(index);
    if (call === undefined) return '';
    this.toolCalls.delete(index);
    return this.contentChunk(
      encodeGeminiResponsePart({ type: 'tool-call', id: call.id, name: call.name, arguments: parseArguments(call.argumentsJson), signature: call.signature }),
    );
  }

  /** Tool calls the upstream never closed (cut short) still reach the client. */
  private flushAllToolCalls(): string {
    let out = '';
    for (const index of [...this.toolCalls.keys()]) out += this.flushToolCall(index);
    return out;
  }

  private finalChunk(): string {
    this.finalSent = true;
    // A text part, because the SDK's chat history rejects a turn with an empty parts list.
    return this.frame(this.response([{ text: '' }], encodeGeminiFinishReason(this.heldFinish ?? 'stop')));
  }

  private contentChunk(parts: GeminiPart[]): string {
    return parts.length === 0 ? '' : this.frame(this.response(parts));
  }

  private response(parts: GeminiPart[], finishReason?: string): GeminiGenerateContentResponse {
    const candidate = finishReason === undefined
      ? { content: { role: 'model' as const, parts }, index: 0 }
      : { content: { role: 'model' as const, parts }, finishReason, index: 0 };
    const response: GeminiGenerateContentResponse = { candidates: [candidate] };
    if (this.usage !== undefined) response.usageMetadata = encodeGeminiUsage(this.usage);
    response.modelVersion = this.model;
    response.responseId = this.responseId;
    return response;
  }

  private frame(payload: object): string {
    const json = JSON.stringify(payload);
    this.chunkCount += 1;
    if (this.framing === 'sse') return formatSseEvent(json);
    return this.chunkCount === 1 ? `[${json}` : `,\r\n${json}`;
  }
}

/** Gemini's args must be an object; arguments that do not parse to one are sent as {}. */
function parseArguments(json: string): Record<string, unknown> {
  if (json.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
