import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Dispatcher } from 'undici';
import { Agent } from './undici-lite';
import type { ProviderConfig } from '../config/plexus-config';
import type { UpstreamAbortSignal } from './upstream-abort-signal';
import { toTransportError } from './upstream-transport-error';

export interface UpstreamCall {
  provider: ProviderConfig;
  url: string;
  headers: Record<string, string>;
  body: string;
  signal: UpstreamAbortSignal;
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData['body'];
}

interface UrlParts {
  origin: string;
  path: string;
}

const MAX_REMEMBERED_URLS = 1024;

/**
 * The one way Plexus talks to providers: undici with a keep-alive connection pool per provider
 * (never a new connection per request), and the provider's connect / first-byte / idle timeouts.
 * Failures without an HTTP answer are thrown as UpstreamTransportError.
 */
@Injectable()
export class UpstreamClientService implements OnApplicationShutdown {
  private readonly agents = new Map<string, Agent>();
  private readonly urlParts = new Map<string, UrlParts>();

  async send(call: UpstreamCall): Promise<UpstreamResponse> {
    const { provider } = call;
    try {
      // The agent's own request() with origin and path: undici's top-level request(url) parses
      // the URL again on every call.
      const { origin, path } = this.partsOf(call.url);
      const response = await this.agentFor(provider).request({
        origin,
        path,
        method: 'POST',
        headers: call.headers,
        body: call.body,
        signal: call.signal,
        headersTimeout: provider.timeouts.firstByteMs,
        bodyTimeout: provider.timeouts.idleMs,
      });
      return { status: response.statusCode, headers: response.headers, body: response.body };
    } catch (error) {
      if (call.signal.aborted) throw error;
      throw toTransportError(error, provider.name);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const agents = [...this.agents.values()];
    this.agents.clear();
    await Promise.allSettled(agents.map((agent) => agent.close()));
  }

  private partsOf(url: string): UrlParts {
    let parts = this.urlParts.get(url);
    if (parts === undefined) {
      const parsed = new URL(url);
      parts = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
      // Upstream URLs come from the config (and the model name for Gemini): few, but not trusted to stay few.
      if (this.urlParts.size >= MAX_REMEMBERED_URLS) this.urlParts.clear();
      this.urlParts.set(url, parts);
    }
    return parts;
  }

  private agentFor(provider: ProviderConfig): Agent {
    const key = `${provider.name}\u0000${provider.timeouts.connectMs}`;
    let agent = this.agents.get(key);
    if (!agent) {
      agent = new Agent({
        connect: { timeout: provider.timeouts.connectMs },
        keepAliveTimeout: 30_000,
        keepAliveMaxTimeout: 600_000,
        // No cap per origin: a cap queues streams inside Plexus (1,000 open streams to one
        // provider need 1,000 sockets); the provider's own limits answer with 429s we can act on.
        connections: null,
        pipelining: 1,
      });
      this.agents.set(key, agent);
    }
    return agent;
  }
}
