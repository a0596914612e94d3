import { createServer } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Pool } from 'undici';
import { listenOnLoopback, type RunningServer } from './running-server';

export interface FloorProxyOptions {
  /** Origin of the upstream, e.g. the mock's `http://127.0.0.1:PORT`. */
  upstreamUrl: string;
  /** 0 = any free port. */
  port?: number;
}

/**
 * The least any Node gateway must do per call, as the yardstick for Plexus: read the body with
 * node:http, JSON.parse and JSON.stringify it, send it through an undici Pool to the same path
 * upstream, and pipe the answer's bytes back. No auth, routing, translation or logging.
 */
export async function startFloorProxy(options: FloorProxyOptions): Promise<RunningServer> {
  // No connection cap: 1,000 held streams need 1,000 upstream sockets, as in Plexus.
  const pool = new Pool(options.upstreamUrl, { connections: null, keepAliveTimeout: 60_000 });
  const server = createServer({ keepAliveTimeout: 65_000 }, (request, response) => {
    if (request.method === 'GET' && request.url === '/health') return void response.writeHead(200).end('ok');
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      try {
        const body = JSON.stringify(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        const upstream = await pool.request({
          method: 'POST',
          path: request.url ?? '/',
          headers: { 'content-type': 'application/json', authorization: request.headers.authorization ?? '' },
          body,
        });
        const contentType = upstream.headers['content-type'];
        response.writeHead(upstream.statusCode, contentType === undefined ? {} : { 'content-type': contentType });
        await pipeline(upstream.body, response);
      } catch (error) {
        if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: `floor proxy: ${(error as Error).message}` } }));
      }
    });
  });
  return listenOnLoopback(server, options.port ?? 0, () => pool.close());
}
