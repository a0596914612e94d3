import type { CompletedRequestRecord } from '../../src/logging/completed-request-record';

/** A successful, translated, streamed request; override what a case is about. */
export function completedRequest(overrides: Partial<CompletedRequestRecord> = {}): CompletedRequestRecord {
  return {
    requestId: 'req-1',
    timestamp: '2025-03-10T12:00:00.000Z',
    keyName: 'team-a',
    clientApi: 'chat',
    requestedModel: 'smart',
    alias: 'smart',
    provider: 'openai',
    targetModel: 'gpt-4o',
    providerApi: 'chat',
    streamed: true,
    translated: false,
    status: 'success',
    httpStatus: 200,
    attempts: [{ provider: 'openai', model: 'gpt-4o', providerApi: 'chat', status: 200, durationMs: 1500 }],
    usage: { inputTokens: 1000, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 200, reasoningTokens: 0 },
    usageEstimated: false,
    finishReason: 'stop',
    durationMs: 1500,
    ttftMs: 500,
    ...overrides,
  };
}
