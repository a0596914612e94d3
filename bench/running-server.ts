import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A bench server listening on 127.0.0.1. */
export interface RunningServer {
  /** Origin, e.g. `http://127.0.0.1:41234`. */
  url: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 only (the bench never leaves the machine) and closes idle sockets on close. */
export async function listenOnLoopback(server: Server, port: number, onClose?: () => Promise<void>): Promise<RunningServer> {
  // Above Node's default backlog of 511 so a burst of 1,000 stream opens is not refused.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port, backlog: 4096 }, () => resolve());
  });
  const { port: boundPort } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${boundPort}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await onClose?.();
    },
  };
}
