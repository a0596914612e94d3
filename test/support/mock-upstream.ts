import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixtureText, type FixtureFormat } from './fixtures';

export type ProviderFormat = 'chat' | 'messages' | 'gemini';
export type Scenario = 'text' | 'tools' | 'reasoning';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: any;
}

/** Which recorded fixture answers which kind of request, per provider format. */
export const FIXTURE_FILES: Record<ProviderFormat, Record<Scenario, { json: string; sse: string }>> = {
  chat: {
    text: { json: 'chat-text.json', sse: 'stream-text.sse' },
    tools: { json: 'chat-parallel-tool-calls.json', sse: 'stream-parallel-tool-calls.sse' },
    reasoning: { json: 'chat-reasoning-tokens.json', sse: 'stream-reasoning-model-usage.sse' },
  },
  messages: {
    text: { json: 'message-text.json', sse: 'stream-text.sse' },
    tools: { json: 'message-parallel-tool-use.json', sse: 'stream-parallel-tool-use.sse' },
    reasoning: { json: 'message-thinking-tool-use.json', sse: 'stream-thinking-tool-use.sse' },
  },
  gemini: {
    text: { json: 'generate-content-text.json', sse: 'stream-text.sse' },
    tools: { json: 'generate-content-parallel-function-calls.json', sse: 'stream-parallel-function-calls.sse' },
    reasoning: { json: 'generate-content-thinking.json', sse: 'stream-thinking-function-call.sse' },
  },
};

export const FIXTURE_FOLDER: Record<ProviderFormat, FixtureFormat> = {
  chat: 'openai-chat',
  messages: 'anthropic-messages',
  gemini: 'gemini',
};

/** A handler may take over a request (fault injection); return true when it answered. */
export type Override = (request: ReceivedRequest, response: ServerResponse) => boolean | Promise<boolean>;

/**
 * A provider on 127.0.0.1 that speaks all three formats and replays the recorded fixtures:
 * the scenario follows the request (tools → the parallel tool-call recording, reasoning/thinking
 * → the reasoning recording, else plain text). Streams are written one SSE event per write with
 * a turn of the event loop between, so the gateway sees real chunk boundaries.
 */
export class MockUpstream {
  readonly received: ReceivedRequest[] = [];
  private server?: Server;
  private overrides: Override[] = [];
  readonly openSockets = new Set<import('node:net').Socket>();
  closedMidStream = 0;

  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.handle(request, response));
    this.server.on('connection', (socket) => {
      this.openSockets.add(socket);
      socket.on('close', () => this.openSockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this.url;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** Overrides run first, newest first; clear them with reset(). */
  override(handler: Override): void {
    this.overrides.unshift(handler);
  }

  reset(): void {
    this.overrides = [];
    this.received.length = 0;
  }

  async close(): Promise<void> {
    for (const socket of this.openSockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Counts answers the gateway hung up on before they were complete (client disconnects must propagate).
    response.on('close', () => {
      if (!response.writableFinished) this.closedMidStream++;
    });
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: any;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const received: ReceivedRequest = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body };
    this.received.push(received);
    for (const override of this.overrides) {
      if (await override(received, response)) return;
    }
    const format = formatOf(received.url);
    if (!format) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"no such route"}}');
      return;
    }
    const stream = format === 'gemini' ? received.url.includes(':streamGenerateContent') : body?.stream === true;
    const files = FIXTURE_FILES[format][scenarioOf(format, body)];
    const data = fixtureText(FIXTURE_FOLDER[format], stream ? files.sse : files.json);
    if (!stream) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(data);
      return;
    }
    await this.writeStream(response, data);
  }

  async writeStream(response: ServerResponse, data: string): Promise<void> {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const separator = data.includes('\r\n\r\n') ? '\r\n\r\n' : '\n\n';
    const events = data.split(separator).filter((event) => event.trim() !== '');
    for (const event of events) {
      if (response.destroyed) return;
      response.write(event + separator);
      await new Promise((resolve) => setImmediate(resolve));
    }
    response.end();
  }
}

export function formatOf(url: string): ProviderFormat | undefined {
  if (url.includes('/chat/completions')) return 'chat';
  if (url.includes('/messages')) return 'messages';
  if (url.includes(':generateContent') || url.includes(':streamGenerateContent')) return 'gemini';
  return undefined;
}

function scenarioOf(format: ProviderFormat, body: any): Scenario {
  if (format === 'chat' && body?.reasoning_effort) return 'reasoning';
  if (format === 'messages' && body?.thinking?.type === 'enabled') return 'reasoning';
  if (format === 'gemini' && body?.generationConfig?.thinkingConfig?.includeThoughts) return 'reasoning';
  const tools = body?.tools;
  return Array.isArray(tools) && tools.length > 0 ? 'tools' : 'text';
}
