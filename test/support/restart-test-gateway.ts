import { rmSync } from 'node:fs';
import { startPlexus } from '../../src/bootstrap';
import type { TestGateway } from './start-test-gateway';

/**
 * Stops a test gateway without deleting its data dir, then starts the real server again on the
 * same config file: what an operator's restart looks like (cooldowns and logs stay on disk).
 */
export async function restartTestGateway(gateway: TestGateway): Promise<TestGateway> {
  await gateway.close();
  const running = await startPlexus({ configPath: gateway.configPath, port: 0, host: '127.0.0.1', watchConfig: false });
  return {
    ...running,
    dataDir: gateway.dataDir,
    configPath: gateway.configPath,
    async stop() {
      await running.close();
      rmSync(gateway.dataDir, { recursive: true, force: true });
    },
  };
}
