import type { IrError, IrStreamDecoder, IrStreamEvent, SseEvent } from '../ir';
import { isJsonObject, type JsonObject } from './anthropic-messages-field-readers';
import { convertAnthropicMessagesUsagePartial } from './convert-anthropic-messages-usage';
import { decodeAnthropicMessagesStreamError } from './decode-anthropic-messages-error';
import { decodeAnthropicMessagesFinishReason } from './map-anthropic-messages-finish-reason';

interface OpenBlock {
  kind: 'text' | 'thinking' | 'tool' | 'other';
  /** The IR tool-call index (tool calls only). */
  toolIndex?: number;
}

/**
 * Anthropic SSE events → IR stream events (https://docs.anthropic.com/en/docs/build-with-claude/streaming).
 * - message_start → message-start + usage (input and cache fields, output so far).
 * - content blocks → text / reasoning deltas, signatures, redacted reasoning; tool_use blocks →
 *   tool-call-start / -delta / -end with their own 0-based index (Anthropic's block index also
 *   counts text and thinking blocks).
 * - message_delta → usage (cumulative output; newer API versions repeat the input and cache
 *   fields, which simply replace the same totals) then finish.
 * - ping and unknown events are ignored; `event: error` → an IR error, after which nothing more
 *   is decoded.
 * A stream that ends before message_delta was cut short: it ends with an error, so a truncated
 * answer is never passed off as complete.
 */
export class AnthropicMessagesStreamDecoder implements IrStreamDecoder {
  private started = false;
  private finished = false;
  private failed = false;
  private nextToolIndex = 0;
  private readonly blocks = new Map<number, OpenBlock>();

  push(event: SseEvent): IrStreamEvent[] {
    if (this.failed || event.data.trim() === '') return [];
    let data: unknown;
    try {
      data = JSON.parse(event.data);
    } catch {
      return this.fail(unreadable(event.data));
    }
    if (!isJsonObject(data)) return this.fail(unreadable(event.data));
    const type = typeof data.type === 'string' ? data.type : event.event;
    switch (type) {
      case 'message_start':
        return this.messageStart(data);
      case 'content_block_start':
        return this.withStart(this.blockStart(data));
      case 'content_block_delta':
        return this.withStart(this.blockDelta(data));
      case 'content_block_stop':
        return this.blockStop(data);
      case 'message_delta':
        return this.withStart(this.messageDelta(data));
      case 'error':
        return this.fail(decodeAnthropicMessagesStreamError(data));
      default:
        return [];
    }
  }

  end(): IrStreamEvent[] {
    if (this.failed) return [];
    if (this.finished) return this.closeToolCalls();
    return this.fail({ kind: 'connection_error', status: 502, message: 'Anthropic stream ended before the message was complete' });
  }

  private messageStart(data: JsonObject): IrStreamEvent[] {
    if (this.started) return [];
    this.started = true;
    const message = isJsonObject(data.message) ? data.message : {};
    const events: IrStreamEvent[] = [{ type: 'message-start', id: stringOf(message.id), model: stringOf(message.model) }];
    const usage = convertAnthropicMessagesUsagePartial(message.usage);
    if (Object.keys(usage).length > 0) events.push({ type: 'usage', usage });
    return events;
  }

  private blockStart(data: JsonObject): IrStreamEvent[] {
    const block = isJsonObject(data.content_block) ? data.content_block : {};
    const index = numberOf(data.index);
    switch (block.type) {
      case 'text':
        this.blocks.set(index, { kind: 'text' });
        return nonEmpty(block.text) ? [{ type: 'text-delta', text: block.text }] : [];
      case 'thinking': {
        this.blocks.set(index, { kind: 'thinking' });
        const events: IrStreamEvent[] = [];
        if (nonEmpty(block.thinking)) events.push({ type: 'reasoning-delta', text: block.thinking });
        if (nonEmpty(block.signature)) events.push({ type: 'reasoning-signature', signature: block.signature });
        return events;
      }
      case 'redacted_thinking':
        this.blocks.set(index, { kind: 'other' });
        return nonEmpty(block.data) ? [{ type: 'redacted-reasoning', data: block.data }] : [];
      case 'tool_use': {
        const toolIndex = this.nextToolIndex++;
        this.blocks.set(index, { kind: 'tool', toolIndex });
        const events: IrStreamEvent[] = [{ type: 'tool-call-start', index: toolIndex, id: stringOf(block.id), name: stringOf(block.name) }];
        // Arguments normally arrive as input_json_delta; a block that starts with them filled in still counts.
        if (isJsonObject(block.input) && Object.keys(block.input).length > 0) {
          events.push({ type: 'tool-call-delta', index: toolIndex, argumentsDelta: JSON.stringify(block.input) });
        }
        return events;
      }
      default:
        this.blocks.set(index, { kind: 'other' });
        return [];
    }
  }

  private blockDelta(data: JsonObject): IrStreamEvent[] {
    const block = this.blocks.get(numberOf(data.index));
    const delta = isJsonObject(data.delta) ? data.delta : {};
    switch (delta.type) {
      case 'text_delta':
        return nonEmpty(delta.text) ? [{ type: 'text-delta', text: delta.text }] : [];
      case 'thinking_delta':
        return nonEmpty(delta.thinking) ? [{ type: 'reasoning-delta', text: delta.thinking }] : [];
      case 'signature_delta':
        return nonEmpty(delta.signature) ? [{ type: 'reasoning-signature', signature: delta.signature }] : [];
      case 'input_json_delta':
        if (block?.kind !== 'tool' || block.toolIndex === undefined || !nonEmpty(delta.partial_json)) return [];
        return [{ type: 'tool-call-delta', index: block.toolIndex, argumentsDelta: delta.partial_json }];
      default:
        return [];
    }
  }

  private blockStop(data: JsonObject): IrStreamEvent[] {
    const index = numberOf(data.index);
    const block = this.blocks.get(index);
    this.blocks.delete(index);
    return block?.kind === 'tool' && block.toolIndex !== undefined ? [{ type: 'tool-call-end', index: block.toolIndex }] : [];
  }

  private messageDelta(data: JsonObject): IrStreamEvent[] {
    const events: IrStreamEvent[] = [];
    const usage = convertAnthropicMessagesUsagePartial(data.usage);
    if (Object.keys(usage).length > 0) events.push({ type: 'usage', usage });
    const delta = isJsonObject(data.delta) ? data.delta : {};
    if (!this.finished && delta.stop_reason !== undefined && delta.stop_reason !== null) {
      this.finished = true;
      events.push(
        typeof delta.stop_sequence === 'string'
          ? { type: 'finish', reason: decodeAnthropicMessagesFinishReason(delta.stop_reason), stopSequence: delta.stop_sequence }
          : { type: 'finish', reason: decodeAnthropicMessagesFinishReason(delta.stop_reason) },
      );
    }
    return events;
  }

  /** Keeps the ordering contract (message-start first) even if an upstream skips message_start. */
  private withStart(events: IrStreamEvent[]): IrStreamEvent[] {
    if (this.started || events.length === 0) return events;
    this.started = true;
    return [{ type: 'message-start', id: '', model: '' }, ...events];
  }

  private closeToolCalls(): IrStreamEvent[] {
    const events: IrStreamEvent[] = [];
    for (const block of this.blocks.values()) {
      if (block.kind === 'tool' && block.toolIndex !== undefined) events.push({ type: 'tool-call-end', index: block.toolIndex });
    }
    this.blocks.clear();
    return events;
  }

  private fail(error: IrError): IrStreamEvent[] {
    this.failed = true;
    return [{ type: 'error', error }];
  }
}

function unreadable(data: string): IrError {
  const sample = data.length > 120 ? `${data.slice(0, 120)}…` : data;
  return { kind: 'server_error', status: 502, message: `Anthropic sent an unreadable stream event: ${sample}` };
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function numberOf(value: unknown): number {
  return typeof value === 'number' ? value : -1;
}
