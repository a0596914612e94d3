export * from './ir';
export * from './wire-codec';
export * from './sse/format-sse-event';
export * from './sse/sse-event-splitter';
export * from './sse/create-stream-translator';
export * from './sse/create-translating-stream';
