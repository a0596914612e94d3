export * from './anthropic-messages-types';
export { anthropicMessagesCodec } from './anthropic-messages-codec';
export { AnthropicMessagesStreamDecoder } from './anthropic-messages-stream-decoder';
export { AnthropicMessagesStreamEncoder } from './anthropic-messages-stream-encoder';
