import { randomUUID } from 'node:crypto';
import type { IrFinishReason, IrStreamEncoder, IrStreamEvent, IrUsage } from '../ir';
import { formatSseEvent } from '../sse/format-sse-event';
import type { StreamEncoderOptions } from '../wire-codec';
import type { AnthropicMessagesStreamEvent } from './anthropic-messages-types';
import { encodeAnthropicMessagesDeltaUsage, encodeAnthropicMessagesUsage } from './convert-anthropic-messages-usage';
import { encodeAnthropicMessagesError } from './encode-anthropic-messages-error';
import { encodeAnthropicMessagesFinishReason } from './map-anthropic-messages-finish-reason';

interface OpenBlock {
  index: number;
  kind: 'text' | 'thinking' | 'tool';
  toolIndex?: number;
}

interface QueuedToolCall {
  toolIndex: number;
  id: string;
  name: string;
  argumentsSoFar: string;
  ended: boolean;
}

/**
 * IR stream events (from any provider's decoder) → Anthropic SSE frames
 * (https://docs.anthropic.com/en/docs/build-with-claude/streaming):
 * message_start, then one content block at a time (start / deltas / stop, indices counting up),
 * then message_delta (stop reason + usage) and message_stop.
 *
 * - message_start waits for the first event that is not usage, so usage sent right after the IR
 *   message-start (Anthropic, Gemini) shows in it.
 * - A tool_use block starts with `input: {}`; its arguments go out only as input_json_delta.
 *   Anthropic allows one open block at a time, so a tool call that starts while another is
 *   still open waits in a queue with its arguments until that one ends; nothing is lost.
 *   Text or reasoning arriving while a tool call is open closes it (and flushes the queue).
 * - message_delta needs the stop reason and the usage together. OpenAI sends its usage after
 *   the finish, so the finish is held until usage arrives or the stream ends; usage arriving
 *   after that sends another message_delta (totals, never increments).
 * - An IR error becomes `event: error` with Anthropic's envelope, and the stream stops there.
 * - A stream that ends without a finish still closes its blocks and ends with message_stop.
 * - Gemini signatures on text and tool calls cannot be expressed: dropped on purpose.
 */
export class AnthropicMessagesStreamEncoder implements IrStreamEncoder {
  private messageId?: string;
  private started = false;
  private closed = false;
  private nextBlockIndex = 0;
  private open?: OpenBlock;
  private readonly queue: QueuedToolCall[] = [];
  private usage: Partial<IrUsage> = {};
  private finish?: { reason: IrFinishReason; stopSequence?: string };
  private messageDeltaSent = false;
  private sawToolCall = false;

  constructor(private readonly options: StreamEncoderOptions) {}

  push(event: IrStreamEvent): string {
    if (this.closed) return '';
    switch (event.type) {
      case 'message-start':
        this.messageId ??= event.id;
        return '';
      case 'usage':
        this.usage = { ...this.usage, ...event.usage };
        return this.finish && this.started ? this.messageDelta() : '';
      case 'text-delta':
        if (event.text === '') return '';
        return this.start() + this.openBlock('text') + this.delta({ type: 'text_delta', text: event.text });
      case 'reasoning-delta':
        if (event.text === '') return '';
        return this.start() + this.openBlock('thinking') + this.delta({ type: 'thinking_delta', thinking: event.text });
      case 'reasoning-signature':
        return this.start() + this.openBlock('thinking') + this.delta({ type: 'signature_delta', signature: event.signature });
      case 'redacted-reasoning':
        return this.start() + this.closeAll() + this.wholeRedactedBlock(event.data);
      case 'tool-call-start':
        return this.start() + this.toolCallStart({ toolIndex: event.index, id: event.id, name: event.name, argumentsSoFar: '', ended: false });
      case 'tool-call-delta':
        return this.toolCallDelta(event.index, event.argumentsDelta);
      case 'tool-call-end':
        return this.toolCallEnd(event.index);
      case 'finish':
        this.finish ??= event.stopSequence === undefined ? { reason: event.reason } : { reason: event.reason, stopSequence: event.stopSequence };
        return this.start() + this.closeAll();
      case 'error':
        this.closed = true;
        return formatSseEvent(JSON.stringify(encodeAnthropicMessagesError(event.error).body), 'error');
    }
  }

  end(): string {
    if (this.closed) return '';
    this.closed = true;
    const out = this.start() + this.closeAll() + (this.messageDeltaSent ? '' : this.messageDelta());
    return out + frame({ type: 'message_stop' });
  }

  private start(): string {
    if (this.started) return '';
    this.started = true;
    return frame({
      type: 'message_start',
      message: {
        id: this.messageId || `msg_${randomUUID().replace(/-/g, '')}`,
        type: 'message',
        role: 'assistant',
        model: this.options.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: encodeAnthropicMessagesUsage(this.usage),
      },
    });
  }

  private messageDelta(): string {
    this.messageDeltaSent = true;
    const reason = this.finish ? encodeAnthropicMessagesFinishReason(this.finish.reason) : this.sawToolCall ? 'tool_use' : 'end_turn';
    return frame({
      type: 'message_delta',
      delta: { stop_reason: reason, stop_sequence: this.finish?.stopSequence ?? null },
      usage: encodeAnthropicMessagesDeltaUsage(this.usage),
    });
  }

  private openBlock(kind: 'text' | 'thinking'): string {
    if (this.open?.kind === kind) return '';
    const out = this.closeAll();
    this.open = { index: this.nextBlockIndex++, kind };
    const contentBlock = kind === 'text' ? { type: 'text' as const, text: '' } : { type: 'thinking' as const, thinking: '', signature: '' };
    return out + frame({ type: 'content_block_start', index: this.open.index, content_block: contentBlock });
  }

  private wholeRedactedBlock(data: string): string {
    const index = this.nextBlockIndex++;
    return (
      frame({ type: 'content_block_start', index, content_block: { type: 'redacted_thinking', data } }) +
      frame({ type: 'content_block_stop', index })
    );
  }

  private toolCallStart(call: QueuedToolCall): string {
    this.sawToolCall = true;
    if (this.open?.kind === 'tool') {
      this.queue.push(call);
      return '';
    }
    return this.closeOpen() + this.openTool(call);
  }

  private toolCallDelta(toolIndex: number, argumentsDelta: string): string {
    if (argumentsDelta === '') return '';
    if (this.open?.kind === 'tool' && this.open.toolIndex === toolIndex) return this.delta({ type: 'input_json_delta', partial_json: argumentsDelta });
    const queued = this.queue.find((call) => call.toolIndex === toolIndex);
    if (queued) queued.argumentsSoFar += argumentsDelta;
    return '';
  }

  private toolCallEnd(toolIndex: number): string {
    if (this.open?.kind === 'tool' && this.open.toolIndex === toolIndex) return this.closeOpen() + this.flushQueue(false);
    const queued = this.queue.find((call) => call.toolIndex === toolIndex);
    if (queued) queued.ended = true;
    return '';
  }

  /** Starts queued tool calls in order; stops at one still streaming unless `closeEvery`. */
  private flushQueue(closeEvery: boolean): string {
    let out = '';
    for (let call = this.queue.shift(); call; call = this.queue.shift()) {
      out += this.openTool(call);
      if (!call.ended && !closeEvery) break;
      out += this.closeOpen();
    }
    return out;
  }

  private openTool(call: QueuedToolCall): string {
    this.open = { index: this.nextBlockIndex++, kind: 'tool', toolIndex: call.toolIndex };
    const id = call.id || `toolu_${randomUUID().replace(/-/g, '')}`;
    const out = frame({ type: 'content_block_start', index: this.open.index, content_block: { type: 'tool_use', id, name: call.name, input: {} } });
    return call.argumentsSoFar === '' ? out : out + this.delta({ type: 'input_json_delta', partial_json: call.argumentsSoFar });
  }

  private closeAll(): string {
    return this.closeOpen() + this.flushQueue(true);
  }

  private closeOpen(): string {
    if (!this.open) return '';
    const index = this.open.index;
    this.open = undefined;
    return frame({ type: 'content_block_stop', index });
  }

  private delta(delta: Extract<AnthropicMessagesStreamEvent, { type: 'content_block_delta' }>['delta']): string {
    return frame({ type: 'content_block_delta', index: this.open?.index ?? 0, delta });
  }
}

function frame(event: AnthropicMessagesStreamEvent): string {
  return formatSseEvent(JSON.stringify(event), event.type);
}
