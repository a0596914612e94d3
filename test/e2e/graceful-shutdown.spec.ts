import { describe, expect, it } from 'vitest';
import { fixtureText } from '../support/fixtures';
import { anthropicClient } from '../support/sdk-clients';
import { useTestGateway } from '../support/use-test-gateway';

describe('graceful shutdown', () => {
  const setup = useTestGateway();
  const { upstream } = setup;

  it('lets an open stream finish, refuses new work, then closes', async () => {
    // A slow upstream stream: one recorded event every 60 ms (about 1 s in all).
    upstream.override(async (_request, response) => {
      const events = fixtureText('anthropic-messages', 'stream-text.sse').split('\n\n').filter((event) => event.trim());
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const event of events) {
        response.write(`${event}\n\n`);
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
      response.end();
      return true;
    });
    const stream = anthropicClient(setup.gateway.url).messages.stream({ model: 'via-messages', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
    const firstText = new Promise<void>((resolve) => stream.once('text', () => resolve()));
    await firstText;

    const shutdown = setup.gateway.shutdown(10_000);
    let shutdownDone = false;
    void shutdown.then(() => (shutdownDone = true));
    // New requests are no longer accepted while the stream drains.
    await expect(fetch(`${setup.gateway.url}/health`)).rejects.toThrow();

    const message = await stream.finalMessage();
    expect(message.stop_reason).toBe('end_turn');
    expect(message.content[0].type === 'text' && message.content[0].text.length).toBeGreaterThan(10);
    await shutdown;
    expect(shutdownDone).toBe(true);
  });
});
