import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CODECS } from '../../src/wire/codecs';
import type { IrApi, IrRequest, IrResponse, IrStreamEvent, IrUsage } from '../../src/wire/ir';
import { SseEventSplitter } from '../../src/wire/sse/sse-event-splitter';
import { FIXTURES_DIR, fixtureJson, fixtureText, type FixtureFormat } from '../support/fixtures';

/**
 * Every recorded fixture of each format is decoded and translated into each of the other two
 * formats, then read back: the meaningful content (text, tool calls and parsed arguments,
 * reasoning, finish reason, each usage number) must survive, except what the target format
 * cannot express (named below).
 */
const FOLDERS: Record<IrApi, FixtureFormat> = { chat: 'openai-chat', messages: 'anthropic-messages', gemini: 'gemini' };
const APIS: IrApi[] = ['chat', 'messages', 'gemini'];

interface Content {
  text: string;
  reasoning: string;
  toolCalls: Array<{ name: string; arguments: unknown }>;
  finish: string;
  usage: IrUsage;
}

function files(api: IrApi, predicate: (name: string) => boolean): string[] {
  return readdirSync(`${FIXTURES_DIR}/${FOLDERS[api]}`).filter(predicate).sort();
}

function fromResponse(response: IrResponse): Content {
  return {
    text: response.content.map((part) => (part.type === 'text' ? part.text : '')).join(''),
    reasoning: response.content.map((part) => (part.type === 'reasoning' ? part.text : '')).join(''),
    toolCalls: response.content.flatMap((part) => (part.type === 'tool-call' ? [{ name: part.name, arguments: part.arguments }] : [])),
    finish: response.finishReason,
    usage: response.usage,
  };
}

function fromEvents(events: IrStreamEvent[]): Content {
  const content: Content = { text: '', reasoning: '', toolCalls: [], finish: '', usage: { inputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 0, reasoningTokens: 0 } };
  const args: string[] = [];
  for (const event of events) {
    if (event.type === 'text-delta') content.text += event.text;
    if (event.type === 'reasoning-delta') content.reasoning += event.text;
    if (event.type === 'tool-call-start') content.toolCalls[event.index] = { name: event.name, arguments: undefined };
    if (event.type === 'tool-call-delta') args[event.index] = (args[event.index] ?? '') + event.argumentsDelta;
    if (event.type === 'finish') content.finish = event.reason;
    if (event.type === 'usage') Object.assign(content.usage, event.usage);
  }
  content.toolCalls = content.toolCalls.map((call, index) => ({ ...call, arguments: args[index] ? JSON.parse(args[index]) : {} }));
  return content;
}

function decodeStream(api: IrApi, text: string): IrStreamEvent[] {
  const decoder = CODECS[api].createStreamDecoder();
  const splitter = new SseEventSplitter();
  const events: IrStreamEvent[] = [];
  for (const sseEvent of [...splitter.feed(text), ...splitter.end()]) events.push(...decoder.push(sseEvent));
  events.push(...decoder.end());
  return events;
}

function encodeStream(api: IrApi, events: IrStreamEvent[]): string {
  const encoder = CODECS[api].createStreamEncoder({ model: 'client-model', includeUsage: true, framing: 'sse' });
  return events.map((event) => encoder.push(event)).join('') + encoder.end();
}

/** What a target format cannot say, removed from the expectation on purpose. */
function expressible(source: Content, target: IrApi): Content {
  const expected = structuredClone(source);
  // Usage survives every direction: reasoning tokens travel in Anthropic's
  // output_tokens_details.thinking_tokens, cache writes in OpenAI's prompt_tokens_details.cache_write_tokens.
  // Gemini has no cache-write count: those tokens are billed as ordinary prompt tokens.
  if (target === 'gemini') {
    expected.usage.inputTokens += expected.usage.cacheWriteTokens;
    expected.usage.cacheWriteTokens = 0;
  }
  // stop_sequence is Anthropic-only; elsewhere it is a plain stop.
  if (target !== 'messages' && expected.finish === 'stop_sequence') expected.finish = 'stop';
  // Gemini answers STOP for a tool call turn; reading it back gives tool_calls only when calls are present.
  return expected;
}

describe('cross-format translation of every recorded fixture', () => {
  for (const source of APIS) {
    for (const file of files(source, (name) => name.endsWith('.json') && !name.includes('request') && !name.startsWith('error'))) {
      for (const target of APIS.filter((api) => api !== source)) {
        it(`response ${FOLDERS[source]}/${file} → ${target} → back`, () => {
          const decoded = CODECS[source].decodeResponse(fixtureJson(FOLDERS[source], file));
          const encoded = CODECS[target].encodeResponse(decoded, 'client-model');
          const readBack = fromResponse(CODECS[target].decodeResponse(JSON.parse(JSON.stringify(encoded))));
          const expected = expressible(fromResponse(decoded), target);
          expect(readBack.text).toBe(expected.text);
          expect(readBack.toolCalls).toEqual(expected.toolCalls);
          expect(readBack.finish).toBe(expected.finish);
          expect(readBack.usage).toEqual(expected.usage);
          expect(readBack.reasoning).toBe(expected.reasoning);
          expect(expected.text + expected.reasoning + expected.toolCalls.length).not.toBe('0');
        });
      }
    }

    for (const file of files(source, (name) => name.endsWith('.sse'))) {
      for (const target of APIS.filter((api) => api !== source)) {
        it(`stream ${FOLDERS[source]}/${file} → ${target} → back`, () => {
          const events = decodeStream(source, fixtureText(FOLDERS[source], file));
          const readBackEvents = decodeStream(target, encodeStream(target, events));
          const sourceError = events.find((event) => event.type === 'error');
          if (sourceError) {
            // An upstream error event must reach the client as an error in its own format.
            const targetError = readBackEvents.find((event) => event.type === 'error');
            expect(targetError).toBeDefined();
            expect(targetError && targetError.type === 'error' && targetError.error.message).toBe(sourceError.error.message);
            return;
          }
          const expected = expressible(fromEvents(events), target);
          const readBack = fromEvents(readBackEvents);
          expect(readBack.text).toBe(expected.text);
          expect(readBack.reasoning).toBe(expected.reasoning);
          expect(readBack.toolCalls).toEqual(expected.toolCalls);
          expect(readBack.finish).toBe(expected.finish);
          expect(readBack.usage).toEqual(expected.usage);
        });
      }
    }

    for (const file of files(source, (name) => name.endsWith('.request.json'))) {
      for (const target of APIS.filter((api) => api !== source)) {
        it(`request ${FOLDERS[source]}/${file} → ${target} → back`, () => {
          const request = CODECS[source].decodeRequest(fixtureJson(FOLDERS[source], file));
          const encoded = CODECS[target].encodeRequest(request, 'provider-model');
          const readBack = CODECS[target].decodeRequest(JSON.parse(JSON.stringify(encoded)));
          expect(systemText(readBack)).toBe(systemText(request));
          expect(conversation(readBack)).toEqual(conversation(request));
          expect((readBack.tools ?? []).map((tool) => tool.name)).toEqual((request.tools ?? []).map((tool) => tool.name));
          if (target !== 'messages') expect(readBack.maxOutputTokens).toBe(request.maxOutputTokens);
          else expect(readBack.maxOutputTokens).toBeGreaterThan(0); // Anthropic requires max_tokens
        });
      }
    }
  }
});

function systemText(request: IrRequest): string {
  return request.system.map((part) => part.text).join('\n');
}

/** Text, tool calls (name + arguments) and tool results (id-free: Gemini has no ids) in order. */
function conversation(request: IrRequest): string[] {
  const lines: string[] = [];
  for (const message of request.messages) {
    for (const part of message.content) {
      if (part.type === 'text' && part.text !== '') lines.push(`${message.role}: ${part.text}`);
      if (part.type === 'tool-call') lines.push(`${message.role} calls ${part.name}(${JSON.stringify(part.arguments)})`);
      if (part.type === 'tool-result') lines.push(`${message.role} result: ${part.content.map((item) => (item.type === 'text' ? item.text : item.type)).join('')}`);
    }
  }
  return lines;
}
