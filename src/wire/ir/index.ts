export * from './ir-request';
export * from './ir-response';
export * from './ir-error';
export * from './ir-stream';
