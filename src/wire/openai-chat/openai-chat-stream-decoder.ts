import type { IrStreamDecoder, IrStreamEvent, SseEvent } from '../ir';
import { decodeOpenAiChatUsage } from './convert-openai-chat-usage';
import { decodeOpenAiChatErrorObject } from './decode-openai-chat-error';
import { decodeOpenAiChatFinishReason } from './map-openai-chat-finish-reason';
import { isRecord, type WireRecord } from './read-wire-fields';

interface OpenToolCall {
  wireIndex: number;
  irIndex: number;
  id: string;
}

/**
 * Provider `chat.completion.chunk` SSE events → IR stream events.
 * https://platform.openai.com/docs/api-reference/chat-streaming
 * - The first chunk opens the message; role chunks carry nothing else.
 * - A tool call opens on the delta that brings its id and name; continuation deltas have only
 *   `index` and belong to the call open at that index. OpenAI streams calls one after another,
 *   so a new call (or text) closes the previous one, keeping the IR's one-block-at-a-time order.
 * - `finish_reason` arrives before the usage-only chunk (`choices: []`); both pass through in
 *   that order. Only choice 0 is read (the IR answers one candidate).
 * - `{"error": …}` in a data frame becomes an IR error and ends the stream.
 * - An upstream that stops without `finish_reason` and without `[DONE]` was cut off, which is
 *   reported as an error rather than passed off as a normal end.
 */
export class OpenAiChatStreamDecoder implements IrStreamDecoder {
  private started = false;
  private messageId = '';
  private finished = false;
  private sawDone = false;
  private ended = false;
  private openCall: OpenToolCall | undefined;
  private readonly calls: OpenToolCall[] = [];

  push(event: SseEvent): IrStreamEvent[] {
    const data = event.data.trim();
    if (this.ended || data === '') return [];
    if (data === '[DONE]') {
      this.sawDone = true;
      return [];
    }
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      return this.fail('upstream sent a stream event that is not JSON');
    }
    if (!isRecord(chunk)) return [];
    if (chunk.error !== undefined && chunk.error !== null) {
      this.ended = true;
      return [{ type: 'error', error: decodeOpenAiChatErrorObject(chunk.error) }];
    }
    const events: IrStreamEvent[] = [];
    if (!this.started) {
      this.started = true;
      this.messageId = text(chunk.id);
      const start: IrStreamEvent = { type: 'message-start', id: this.messageId, model: text(chunk.model) };
      if (typeof chunk.created === 'number') start.created = chunk.created;
      events.push(start);
    }
    const choice = Array.isArray(chunk.choices) ? chunk.choices.find((entry) => isRecord(entry) && (entry.index ?? 0) === 0) : undefined;
    if (isRecord(choice)) this.readChoice(choice, events);
    if (isRecord(chunk.usage)) events.push({ type: 'usage', usage: decodeOpenAiChatUsage(chunk.usage) });
    return events;
  }

  end(): IrStreamEvent[] {
    if (this.ended) return [];
    if (!this.started) return this.fail('upstream stream ended without sending a response');
    if (!this.finished && !this.sawDone) return this.fail('upstream stream ended before the response finished');
    this.ended = true;
    if (this.finished) return [];
    const events: IrStreamEvent[] = [];
    this.closeToolCall(events);
    events.push({ type: 'finish', reason: this.calls.length > 0 ? 'tool_calls' : 'stop' });
    return events;
  }

  private readChoice(choice: WireRecord, events: IrStreamEvent[]): void {
    const delta = isRecord(choice.delta) ? choice.delta : {};
    // reasoning_content (DeepSeek, vLLM) wins over reasoning (OpenRouter): some servers send both.
    const reasoning = text(delta.reasoning_content) || text(delta.reasoning);
    if (reasoning) {
      this.closeToolCall(events);
      events.push({ type: 'reasoning-delta', text: reasoning });
    }
    // A refusal streams as text: the IR has no refusal flag and the client should still read it.
    for (const content of [text(delta.content), text(delta.refusal)]) {
      if (!content) continue;
      this.closeToolCall(events);
      events.push({ type: 'text-delta', text: content });
    }
    if (Array.isArray(delta.tool_calls)) {
      for (const call of delta.tool_calls) if (isRecord(call)) this.readToolCall(call, events);
    }
    if (isRecord(delta.function_call)) this.readToolCall({ index: 0, id: 'call_function_0', function: delta.function_call }, events);
    if (typeof choice.finish_reason === 'string' && !this.finished) {
      this.closeToolCall(events);
      this.finished = true;
      events.push({ type: 'finish', reason: decodeOpenAiChatFinishReason(choice.finish_reason) });
    }
  }

  private readToolCall(call: WireRecord, events: IrStreamEvent[]): void {
    const fn = isRecord(call.function) ? call.function : {};
    const id = text(call.id);
    const wireIndex = typeof call.index === 'number' ? call.index : (this.openCall?.wireIndex ?? 0);
    let target = this.calls.find((known) => known.wireIndex === wireIndex && (!id || known.id === id));
    if (!target) {
      this.closeToolCall(events);
      // Some OpenAI-compatible servers omit the id; one is derived so tool results can answer it.
      target = { wireIndex, irIndex: this.calls.length, id: id || `call_${this.messageId}_${this.calls.length}` };
      this.calls.push(target);
      this.openCall = target;
      events.push({ type: 'tool-call-start', index: target.irIndex, id: target.id, name: text(fn.name) });
    }
    // A fragment for a call already closed (an upstream interleaving calls, which OpenAI does not
    // do) still goes out under its own index rather than being lost.
    const argumentsDelta = text(fn.arguments);
    if (argumentsDelta) events.push({ type: 'tool-call-delta', index: target.irIndex, argumentsDelta });
  }

  private closeToolCall(events: IrStreamEvent[]): void {
    if (!this.openCall) return;
    events.push({ type: 'tool-call-end', index: this.openCall.irIndex });
    this.openCall = undefined;
  }

  private fail(message: string): IrStreamEvent[] {
    this.ended = true;
    return [{ type: 'error', error: { kind: 'server_error', status: 502, message } }];
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
