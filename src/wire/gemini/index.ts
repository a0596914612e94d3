export { geminiCodec } from './gemini-codec';
export type * from './gemini-types';
