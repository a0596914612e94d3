export { openAiChatCodec } from './openai-chat-codec';
export { OpenAiChatStreamDecoder } from './openai-chat-stream-decoder';
export { OpenAiChatStreamEncoder } from './openai-chat-stream-encoder';
export type * from './openai-chat-types';
