import type { IrError, IrResponsePart, IrStreamDecoder, IrStreamEvent, SseEvent } from '../ir';
import { decodeGeminiUsage } from './convert-gemini-usage';
import { decodeGeminiError } from './decode-gemini-error';
import { decodeGeminiResponseParts } from './decode-gemini-response-parts';
import { isRecord } from './gemini-field-readers';
import type { GeminiUsageMetadata } from './gemini-types';
import { decodeGeminiFinishReason } from './map-gemini-finish-reason';

/**
 * streamGenerateContent?alt=sse → IR events. Every chunk is a whole GenerateContentResponse:
 * text and thought parts are deltas, functionCall parts arrive whole (possibly several in one
 * chunk), usageMetadata repeats the totals so far on every chunk (candidatesTokenCount may be
 * missing until the end), and the last chunk carries finishReason. An `{"error":…}` chunk is
 * Google's in-stream error. https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
 */
export class GeminiStreamDecoder implements IrStreamDecoder {
  private started = false;
  private finished = false;
  private failed = false;
  private responseId = '';
  private toolCallCount = 0;
  private lastUsage = '';

  push(event: SseEvent): IrStreamEvent[] {
    if (this.failed) return [];
    const data = event.data.trim();
    if (data === '') return [];
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      return this.fail({ kind: 'server_error', status: 502, message: `Gemini sent a stream chunk that is not JSON: ${data.slice(0, 120)}` });
    }
    if (!isRecord(chunk)) return [];
    if (isRecord(chunk.error)) {
      const code = typeof chunk.error.code === 'number' ? chunk.error.code : 500;
      return this.fail(decodeGeminiError(code, data, {}));
    }

    const events: IrStreamEvent[] = [];
    if (!this.started) events.push(this.start(chunk));
    const candidate = Array.isArray(chunk.candidates) && isRecord(chunk.candidates[0]) ? chunk.candidates[0] : undefined;
    if (!this.finished && isRecord(candidate?.content)) {
      const parts = decodeGeminiResponseParts(candidate.content.parts, this.responseId, this.toolCallCount);
      for (const part of parts) this.pushPart(part, events);
    }
    if (isRecord(chunk.usageMetadata)) this.pushUsage(chunk.usageMetadata as GeminiUsageMetadata, events);
    if (!this.finished) {
      const blocked = isRecord(chunk.promptFeedback) && typeof chunk.promptFeedback.blockReason === 'string';
      if (typeof candidate?.finishReason === 'string') {
        events.push({ type: 'finish', reason: decodeGeminiFinishReason(candidate.finishReason, this.toolCallCount > 0) });
        this.finished = true;
      } else if (blocked) {
        events.push({ type: 'finish', reason: 'content_filter' });
        this.finished = true;
      }
    }
    return events;
  }

  end(): IrStreamEvent[] {
    if (this.failed) return [];
    if (!this.started) {
      return this.fail({ kind: 'server_error', status: 502, message: 'Gemini ended the stream without sending a single chunk' });
    }
    if (this.finished) return [];
    // The upstream closed without a finishReason: the answer may be cut short, so no "stop".
    this.finished = true;
    return [{ type: 'finish', reason: 'other' }];
  }

  private start(chunk: Record<string, unknown>): IrStreamEvent {
    this.started = true;
    this.responseId = typeof chunk.responseId === 'string' ? chunk.responseId : '';
    return { type: 'message-start', id: this.responseId, model: typeof chunk.modelVersion === 'string' ? chunk.modelVersion : '' };
  }

  private pushPart(part: IrResponsePart, events: IrStreamEvent[]): void {
    switch (part.type) {
      case 'text':
        if (part.text !== '' || part.signature !== undefined) {
          events.push(part.signature === undefined ? { type: 'text-delta', text: part.text } : { type: 'text-delta', text: part.text, signature: part.signature });
        }
        return;
      case 'reasoning':
        if (part.text !== '') events.push({ type: 'reasoning-delta', text: part.text });
        if (part.signature !== undefined) events.push({ type: 'reasoning-signature', signature: part.signature });
        return;
      case 'tool-call': {
        const index = this.toolCallCount;
        this.toolCallCount += 1;
        const start: IrStreamEvent = { type: 'tool-call-start', index, id: part.id, name: part.name };
        if (part.signature !== undefined) start.signature = part.signature;
        events.push(start, { type: 'tool-call-delta', index, argumentsDelta: JSON.stringify(part.arguments) }, { type: 'tool-call-end', index });
        return;
      }
    }
  }

  /** Usage totals repeat on every chunk; only a change is worth an event. */
  private pushUsage(metadata: GeminiUsageMetadata, events: IrStreamEvent[]): void {
    const usage = decodeGeminiUsage(metadata);
    const key = JSON.stringify(usage);
    if (key === this.lastUsage) return;
    this.lastUsage = key;
    events.push({ type: 'usage', usage });
  }

  private fail(error: IrError): IrStreamEvent[] {
    this.failed = true;
    const events: IrStreamEvent[] = [];
    if (!this.started) {
      this.started = true;
      events.push({ type: 'message-start', id: '', model: '' });
    }
    events.push({ type: 'error', error });
    return events;
  }
}
