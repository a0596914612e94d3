import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback, type RunningServer } from './running-server';
import { buildMockStreamFrames, type MockStreamFrames } from './wire/build-mock-stream-frames';
import { mockModelShape } from './wire/mock-model-shape';
import type { WireFixtures } from './wire/wire-fixtures';
import type { WireFormat } from './wire/wire-format';

export interface MockUpstreamOptions {
  fixtures: WireFixtures;
  /** 0 = any free port. */
  port?: number;
}

interface MockRoute {
  format: WireFormat;
  stream: boolean;
  /** Gemini names the model in the path. */
  pathModel?: string;
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };
const MAX_CACHED_SHAPES = 64;

/**
 * A provider stand-in that answers all three formats with recorded bytes, pre-rendered at start
 * so it costs a small fraction of what any gateway in front of it costs. The stream shape comes
 * from the model name (see mock-model-shape.ts). It still parses each body and rejects one that
 * is not the format it claims, so a broken translation shows up as errors, not as speed.
 */
export async function startMockUpstream(options: MockUpstreamOptions): Promise<RunningServer> {
  const { fixtures } = options;
  const responses: Record<WireFormat, Buffer> = {
    chat: Buffer.from(fixtures.chat.response),
    messages: Buffer.from(fixtures.messages.response),
    gemini: Buffer.from(fixtures.gemini.response),
  };
  const frameCache = new Map<string, MockStreamFrames & { whole: Buffer }>();
  const framesFor = (format: WireFormat, deltas: number) => {
    const key = `${format}:${deltas}`;
    let frames = frameCache.get(key);
    if (frames === undefined) {
      const built = buildMockStreamFrames(format, fixtures[format].stream, deltas);
      frames = { ...built, whole: Buffer.concat([built.head, ...built.deltas, built.tail]) };
      if (frameCache.size >= MAX_CACHED_SHAPES) frameCache.clear();
      frameCache.set(key, frames);
    }
    return frames;
  };

  const server = createServer({ keepAliveTimeout: 65_000 }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => answer(request, response, Buffer.concat(chunks).toString('utf8')));
  });

  const answer = (request: IncomingMessage, response: ServerResponse, bodyText: string) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/health') return void response.writeHead(200, JSON_HEADERS).end('{"status":"ok"}');
    const route = routeOf(request.method, path, request.url ?? '');
    if (route === undefined) return sendError(response, 404, `mock upstream: no route for ${request.method} ${path}`);
    let body: any;
    try {
      body = JSON.parse(bodyText);
    } catch {
      return sendError(response, 400, 'mock upstream: body is not JSON');
    }
    const problem = formatProblem(route.format, body);
    if (problem !== undefined) return sendError(response, 400, `mock upstream: ${problem}`);
    const stream = route.stream || (route.format !== 'gemini' && body.stream === true);
    if (!stream) return void response.writeHead(200, { ...JSON_HEADERS, 'content-length': responses[route.format].length }).end(responses[route.format]);
    const shape = mockModelShape(route.pathModel ?? body.model);
    streamFrames(response, framesFor(route.format, shape.deltas), shape.intervalMs);
  };

  return listenOnLoopback(server, options.port ?? 0);
}

function routeOf(method: string | undefined, path: string, url: string): MockRoute | undefined {
  if (method !== 'POST') return undefined;
  if (path.endsWith('/chat/completions')) return { format: 'chat', stream: false };
  if (path.endsWith('/messages')) return { format: 'messages', stream: false };
  const gemini = /\/models\/([^/:]+):(generateContent|streamGenerateContent)$/.exec(path);
  if (gemini === null) return undefined;
  const stream = gemini[2] === 'streamGenerateContent';
  if (stream && !url.includes('alt=sse')) return undefined;
  return { format: 'gemini', stream, pathModel: decodeURIComponent(gemini[1]) };
}

function formatProblem(format: WireFormat, body: any): string | undefined {
  if (body === null || typeof body !== 'object') return 'body is not an object';
  if (format === 'gemini') return Array.isArray(body.contents) ? undefined : 'gemini request without contents[]';
  if (typeof body.model !== 'string') return `${format} request without model`;
  if (!Array.isArray(body.messages) || body.messages.length === 0) return `${format} request without messages[]`;
  // The tell-tale signs of the other format: where each one puts the system prompt.
  if (format === 'chat' && body.system !== undefined) return 'chat request with a top-level system (that is the Anthropic shape)';
  if (format === 'messages') {
    if (typeof body.max_tokens !== 'number') return 'messages request without max_tokens';
    if (body.messages.some((message: any) => message?.role !== 'user' && message?.role !== 'assistant')) {
      return 'messages request with a role other than user/assistant (the system prompt goes in `system`)';
    }
  }
  return undefined;
}

function streamFrames(response: ServerResponse, frames: MockStreamFrames & { whole: Buffer }, intervalMs: number): void {
  response.writeHead(200, SSE_HEADERS);
  if (intervalMs <= 0) return void response.end(frames.whole);
  let timer: NodeJS.Timeout | undefined;
  // The tail goes out with the last delta, as providers send finish and usage right after it.
  const send = (index: number) => {
    const last = index === frames.deltas.length - 1;
    const chunk = index === 0 ? Buffer.concat([frames.head, frames.deltas[0]]) : frames.deltas[index];
    if (last) return void response.end(Buffer.concat([chunk, frames.tail]));
    response.write(chunk);
    timer = setTimeout(send, intervalMs, index + 1);
  };
  send(0);
  response.on('close', () => clearTimeout(timer));
}

function sendError(response: ServerResponse, status: number, message: string): void {
  const body = JSON.stringify({ error: { message, type: 'invalid_request_error', code: null } });
  response.writeHead(status, JSON_HEADERS).end(body);
}
