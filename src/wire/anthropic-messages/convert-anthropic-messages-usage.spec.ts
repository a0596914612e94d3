import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../../../test/support/fixtures';
import {
  convertAnthropicMessagesUsage,
  convertAnthropicMessagesUsagePartial,
  encodeAnthropicMessagesDeltaUsage,
  encodeAnthropicMessagesUsage,
} from './convert-anthropic-messages-usage';

describe('convert-anthropic-messages-usage', () => {
  it('message-cache-creation.json: 10 uncached input, 7351 written to the cache, 4 output', () => {
    expect(convertAnthropicMessagesUsage(fixtureJson('anthropic-messages', 'message-cache-creation.json').usage)).toEqual({
      inputTokens: 10,
      cacheReadTokens: 0,
      cacheWriteTokens: 7351,
      outputTokens: 4,
      reasoningTokens: 0,
    });
  });

  it('a partial usage (message_delta with output only) has no input fields at all', () => {
    expect(convertAnthropicMessagesUsagePartial({ output_tokens: 221 })).toEqual({ outputTokens: 221 });
    expect(convertAnthropicMessagesUsagePartial({ input_tokens: null, output_tokens: 3 })).toEqual({ outputTokens: 3 });
    expect(convertAnthropicMessagesUsagePartial('garbage')).toEqual({});
  });

  it('encodes IR usage for a client, the delta usage only with known totals', () => {
    expect(encodeAnthropicMessagesUsage({ inputTokens: 5, cacheReadTokens: 7, outputTokens: 9 })).toEqual({
      input_tokens: 5,
      cache_read_input_tokens: 7,
      cache_creation_input_tokens: 0,
      output_tokens: 9,
    });
    expect(encodeAnthropicMessagesDeltaUsage({ outputTokens: 9 })).toEqual({ output_tokens: 9 });
  });
});
