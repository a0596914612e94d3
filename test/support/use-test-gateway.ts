import { afterAll, beforeAll, beforeEach } from 'vitest';
import { MockUpstream } from './mock-upstream';
import { startTestGateway, type TestGateway } from './start-test-gateway';

export interface GatewayUnderTest {
  readonly upstream: MockUpstream;
  readonly gateway: TestGateway;
}

/**
 * The usual e2e setup inside a `describe`: a mock upstream replaying the recorded fixtures and
 * the real gateway in front of it, started once, stopped after; the mock's overrides and
 * recorded requests are reset before each test.
 */
export function useTestGateway(mutate?: (config: Record<string, any>) => void): GatewayUnderTest {
  const upstream = new MockUpstream();
  let gateway: TestGateway | undefined;
  beforeAll(async () => {
    await upstream.start();
    gateway = await startTestGateway(upstream.url, mutate);
  });
  afterAll(async () => {
    await gateway?.stop();
    await upstream.close();
  });
  beforeEach(() => upstream.reset());
  return {
    upstream,
    get gateway(): TestGateway {
      if (!gateway) throw new Error('the gateway starts in beforeAll: use it inside a test');
      return gateway;
    },
  };
}
