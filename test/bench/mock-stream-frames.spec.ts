import { describe, expect, it } from 'vitest';
import { buildMockStreamFrames } from '../../bench/wire/build-mock-stream-frames';
import { readStreamOutcome } from '../../bench/wire/read-stream-outcome';
import type { WireFormat } from '../../bench/wire/wire-format';
import { fixtureText, type FixtureFormat } from '../support/fixtures';

const RECORDED: Record<WireFormat, FixtureFormat> = { chat: 'openai-chat', messages: 'anthropic-messages', gemini: 'gemini' };

describe.each(Object.keys(RECORDED) as WireFormat[])('mock %s stream', (format) => {
  const recorded = fixtureText(RECORDED[format], 'stream-text.sse');
  const frames = buildMockStreamFrames(format, recorded, 20);
  const whole = (deltas: Buffer[], tail = frames.tail) => Buffer.concat([frames.head, ...deltas, tail]).toString('utf8');

  it('stretches the recorded stream to 20 text events that a client reads as one complete answer', () => {
    expect(frames.deltas).toHaveLength(20);
    const outcome = readStreamOutcome(format, whole(frames.deltas));
    expect(outcome).toEqual({ deltas: 20, text: frames.text, terminated: true });
  });

  it('keeps the recorded events around the text byte for byte', () => {
    const recordedOutcome = readStreamOutcome(format, recorded);
    const shortFrames = buildMockStreamFrames(format, recorded, recordedOutcome.deltas);
    expect(Buffer.concat([shortFrames.head, ...shortFrames.deltas, shortFrames.tail]).toString('utf8')).toBe(recorded);
  });

  it('lets the completeness check catch a missing event', () => {
    const outcome = readStreamOutcome(format, whole([...frames.deltas.slice(0, 9), ...frames.deltas.slice(10)]));
    expect(outcome.deltas).toBe(19);
    expect(outcome.text).not.toBe(frames.text);
  });
});

describe('stream completeness', () => {
  it('says an OpenAI stream cut before [DONE] did not end properly', () => {
    const frames = buildMockStreamFrames('chat', fixtureText('openai-chat', 'stream-text.sse'), 5);
    const cut = Buffer.concat([frames.head, ...frames.deltas]).toString('utf8');
    expect(readStreamOutcome('chat', cut).terminated).toBe(false);
  });

  it('reports an Anthropic error event inside a stream', () => {
    const outcome = readStreamOutcome('messages', fixtureText('anthropic-messages', 'stream-error-overloaded.sse'));
    expect(outcome.error).toContain('overloaded_error');
  });
});
