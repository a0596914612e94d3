import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { CooldownService } from '../../src/resilience/cooldown.service';
import { FaultUpstream, closedPortUrl } from './fault-upstream';
import { upstreamRequestsInFlight, waitFor } from './gateway-records';
import { startTestGateway, type TestGateway } from './start-test-gateway';

export interface FaultGatewayUnderTest {
  readonly upstream: FaultUpstream;
  /** An http:// origin on 127.0.0.1 where nothing listens. */
  readonly refusedUrl: string;
  readonly gateway: TestGateway;
  readonly cooldowns: CooldownService;
  /** Waits until no faulted answer is open and no upstream call runs (also done after each test). */
  settled(): Promise<void>;
}

/**
 * The failure-test setup inside a `describe`: a FaultUpstream, a port that refuses connections,
 * and the real gateway configured by `mutateFor` against both. Before each test the faults and
 * the cooldowns are cleared; after each, the test must have left no faulted answer open and no
 * upstream call in flight.
 */
export function useFaultGateway(mutateFor: (upstreamUrl: string, refusedUrl: string) => (config: Record<string, any>) => void): FaultGatewayUnderTest {
  const upstream = new FaultUpstream();
  let refusedUrl: string | undefined;
  let gateway: TestGateway | undefined;
  beforeAll(async () => {
    await upstream.start();
    refusedUrl = await closedPortUrl();
    gateway = await startTestGateway(upstream.url, mutateFor(upstream.url, refusedUrl));
  });
  afterAll(async () => {
    await gateway?.stop();
    await upstream.close();
  });
  beforeEach(() => {
    upstream.reset();
    gateway?.app.get(CooldownService).clear();
  });
  const settled = async (): Promise<void> => {
    await waitFor(() => upstream.openFaults === 0, 'the gateway to close every faulted upstream answer');
    await waitFor(() => gateway === undefined || upstreamRequestsInFlight(gateway) === 0, 'no upstream request in flight');
  };
  afterEach(settled);
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the gateway starts in beforeAll: use it inside a test');
    return value;
  };
  return {
    upstream,
    get refusedUrl() {
      return started(refusedUrl);
    },
    get gateway() {
      return started(gateway);
    },
    get cooldowns() {
      return started(gateway).app.get(CooldownService);
    },
    settled,
  };
}
