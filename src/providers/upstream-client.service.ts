import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Agent, request, type Dispatcher } from 'undici';
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

/**
 * The one way Plexus talks to providers: undici with a keep-alive connection pool per provider
 * (never a new connection per request), and the provider's connect / first-byte / idle timeouts.
 * Failures without an HTTP answer are thrown as UpstreamTransportError.
 */
@Injectable()
export class UpstreamClientService implements OnApplicationShutdown {
  private readonly agents = new Map<string, Agent>();

  async send(call: UpstreamCall): Promise<UpstreamResponse> {
    const { provider } = call;
    try {
      const response = await request(call.url, {
        method: 'POST',
        headers: call.headers,
        body: call.body,
        signal: call.signal,
        dispatcher: this.agentFor(provider),
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
