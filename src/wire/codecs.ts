import { anthropicMessagesCodec } from './anthropic-messages';
import { geminiCodec } from './gemini';
import type { IrApi } from './ir';
import { openAiChatCodec } from './openai-chat';
import type { WireCodec } from './wire-codec';

export const CODECS: Readonly<Record<IrApi, WireCodec>> = {
  chat: openAiChatCodec,
  messages: anthropicMessagesCodec,
  gemini: geminiCodec,
};
