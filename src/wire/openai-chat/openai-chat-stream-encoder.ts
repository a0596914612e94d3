import { randomUUID } from 'node:crypto';
import { emptyUsage, type IrFinishReason, type IrStreamEncoder, type IrStreamEvent, type IrUsage } from '../ir';
import { formatSseEvent } from '../sse/format-sse-event';
import type { StreamEncoderOptions } from '../wire-codec';
import { encodeOpenAiChatUsage } from './convert-openai-chat-usage';
import { encodeOpenAiChatError } from './encode-openai-chat-error';
import { encodeOpenAiChatFinishReason } from './map-openai-chat-finish-reason';
import type { OpenAiChatChunk, OpenAiChatChunkDelta } from './openai-chat-types';

/**
 * IR stream events (from any format's decoder) → `chat.completion.chunk` SSE frames, one event
 * at a time. https://platform.openai.com/docs/api-reference/chat-streaming
 * Frames: a role chunk (`{role: "assistant", content: ""}`), content / `reasoning_content` /
 * `tool_calls` deltas, one finish chunk, then — only when the client asked for
 * `stream_options.include_usage` — one usage chunk with `choices: []`, then `data: [DONE]`.
 * - Usage events are totals so far, merged field by field and sent once at the end, so Anthropic's
 *   split usage (input at the start, output at the end) adds up to one complete chunk.
 * - A tool call that ends without any argument fragment gets `{}`, so a client can always
 *   JSON.parse what it reassembles.
 * - Signatures and redacted reasoning have no Chat Completions field and are dropped.
 * - An IR error becomes `data: {"error": {...}}` (OpenAI's own mid-stream error frame, which the
 *   openai SDK raises as an APIError) and ends the stream without `[DONE]`, so a client that
 *   waits for `[DONE]` does not mistake a failed answer for a complete one.
 */
export class OpenAiChatStreamEncoder implements IrStreamEncoder {
  private id = '';
  private created = 0;
  private started = false;
  private finished = false;
  private ended = false;
  private readonly usage: IrUsage = emptyUsage();
  /** IR tool-call index → whether any argument fragment was sent. */
  private readonly toolCallArguments = new Map<number, boolean>();

  constructor(
    private readonly options: StreamEncoderOptions,
    private readonly now: () => number = Date.now,
  ) {}

  push(event: IrStreamEvent): string {
    if (this.ended) return '';
    switch (event.type) {
      case 'message-start':
        return this.started ? '' : this.start(event.id, event.created);
      case 'text-delta':
        return event.text ? this.delta({ content: event.text }) : '';
      case 'reasoning-delta':
        return event.text ? this.delta({ reasoning_content: event.text }) : '';
      case 'reasoning-signature':
      case 'redacted-reasoning':
        return '';
      case 'tool-call-start':
        this.toolCallArguments.set(event.index, false);
        return this.delta({
          tool_calls: [{ index: event.index, id: event.id, type: 'function', function: { name: event.name, arguments: '' } }],
        });
      case 'tool-call-delta':
        if (!event.argumentsDelta) return '';
        this.toolCallArguments.set(event.index, true);
        return this.delta({ tool_calls: [{ index: event.index, function: { arguments: event.argumentsDelta } }] });
      case 'tool-call-end':
        if (this.toolCallArguments.get(event.index) !== false) return '';
        this.toolCallArguments.set(event.index, true);
        return this.delta({ tool_calls: [{ index: event.index, function: { arguments: '{}' } }] });
      case 'usage':
        for (const [key, value] of Object.entries(event.usage) as Array<[keyof IrUsage, number | undefined]>) {
          if (value !== undefined) this.usage[key] = value;
        }
        return '';
      case 'finish':
        return this.finish(event.reason);
      case 'error':
        this.ended = true;
        return formatSseEvent(JSON.stringify(encodeOpenAiChatError(event.error).body));
    }
  }

  end(): string {
    if (this.ended) return '';
    let out = this.finish('stop');
    this.ended = true;
    if (this.options.includeUsage) out += this.frame([], encodeOpenAiChatUsage(this.usage));
    return `${out}data: [DONE]\n\n`;
  }

  private start(id: string | undefined, created: number | undefined): string {
    this.started = true;
    this.id = id || `chatcmpl-${randomUUID().replace(/-/g, '')}`;
    this.created = created ?? Math.floor(this.now() / 1000);
    return this.delta({ role: 'assistant', content: '' });
  }

  /** A stream that skipped message-start (a decoder that failed early) still opens properly. */
  private delta(delta: OpenAiChatChunkDelta, finishReason: IrFinishReason | null = null): string {
    const opening = this.started ? '' : this.start(undefined, undefined);
    const finish = finishReason === null ? null : encodeOpenAiChatFinishReason(finishReason);
    return opening + this.frame([{ index: 0, delta, logprobs: null, finish_reason: finish }]);
  }

  private finish(reason: IrFinishReason): string {
    if (this.finished) return '';
    this.finished = true;
    return this.delta({}, reason);
  }

  private frame(choices: OpenAiChatChunk['choices'], usage?: OpenAiChatChunk['usage']): string {
    const chunk: OpenAiChatChunk = { id: this.id, object: 'chat.completion.chunk', created: this.created, model: this.options.model, choices };
    if (usage) chunk.usage = usage;
    return formatSseEvent(JSON.stringify(chunk));
  }
}
