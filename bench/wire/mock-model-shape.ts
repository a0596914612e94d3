/** How the mock streams an answer: how many text deltas, and how far apart. */
export interface MockStreamShape {
  deltas: number;
  intervalMs: number;
}

export const DEFAULT_STREAM_SHAPE: MockStreamShape = { deltas: 20, intervalMs: 0 };

const PATTERN = /^mock-c(\d{1,4})-i(\d{1,5})$/;

/**
 * The mock reads the stream shape from the model name (`mock-c20-i500` = 20 deltas, 500 ms
 * apart) because the model is the one request field every gateway forwards to the upstream.
 */
export function mockModelShape(model: string | undefined): MockStreamShape {
  const match = model === undefined ? null : PATTERN.exec(model);
  if (match === null) return DEFAULT_STREAM_SHAPE;
  return { deltas: Math.max(1, Number(match[1])), intervalMs: Number(match[2]) };
}

export function mockModelName(shape: MockStreamShape): string {
  return `mock-c${shape.deltas}-i${shape.intervalMs}`;
}
