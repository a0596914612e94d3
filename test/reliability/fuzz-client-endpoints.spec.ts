import fc from 'fast-check';
import { connect } from 'node:net';
import { Pool } from 'undici';
import { describe, expect, it } from 'vitest';
import { CLIENT_KEY } from '../support/start-test-gateway';
import { useTestGateway } from '../support/use-test-gateway';
import { envelopeFor, envelopeProblem } from './support/error-envelopes';
import { hostileClientRequest, type HostileRequest } from './support/hostile-requests';

/**
 * Property: whatever a client sends to a client endpoint, the answer is never a 5xx, an error is
 * in that route's own envelope without internal detail, nothing hangs, and the server still
 * answers a normal request afterwards. The bulk goes through Fastify's inject() (the whole
 * Fastify + Nest pipeline minus the socket) for speed; a sample goes over real keep-alive HTTP.
 * FUZZ_RUNS and FUZZ_SEED reproduce or widen a run.
 */
const INJECT_RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const HTTP_RUNS = Math.max(200, Math.round(INJECT_RUNS / 20));
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const HANG_MS = 15_000;

describe('hostile and broken clients: client endpoints', () => {
  const env = useTestGateway();

  const inject = (request: HostileRequest) =>
    withDeadline(
      env.gateway.app
        .getHttpAdapter()
        .getInstance()
        .inject({ method: request.method as 'POST', url: request.url, headers: request.headers, payload: request.payload })
        .then((response) => ({ status: response.statusCode, text: response.body, headers: response.headers })),
      request,
    );

  it(`answers ${INJECT_RUNS} damaged requests (inject) with a 4xx in the route's envelope or a success, never a 5xx or a hang`, async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(hostileClientRequest, async (request) => {
        const answer = await inject(request);
        seen.set(answer.status, (seen.get(answer.status) ?? 0) + 1);
        assertAnswer(request, answer);
      }),
      { numRuns: INJECT_RUNS, seed: SEED, endOnFailure: true },
    );
    // The run must really have exercised both sides of the property.
    expect([...seen.keys()].some((status) => status >= 400)).toBe(true);
    expect(seen.get(200) ?? 0).toBeGreaterThan(0);
    await expectStillServing(env.gateway.url);
  }, 240_000);

  it(`answers ${HTTP_RUNS} damaged requests over real keep-alive HTTP the same way`, async () => {
    const pool = new Pool(env.gateway.url, { connections: 4, pipelining: 1 });
    try {
      await fc.assert(
        fc.asyncProperty(hostileClientRequest, async (request) => {
          const answer = await withDeadline(
            pool.request({ method: request.method as 'POST', path: request.url, headers: request.headers, body: request.payload }).then(async (response) => ({
              status: response.statusCode,
              text: await response.body.text(),
              headers: response.headers,
            })),
            request,
          );
          assertAnswer(request, answer);
        }),
        { numRuns: HTTP_RUNS, seed: SEED, endOnFailure: true },
      );
    } finally {
      await pool.close();
    }
    await expectStillServing(env.gateway.url);
  }, 120_000);

  it('answers broken HTTP (bad request line, bad header, bad chunking) with a 4xx and keeps serving', async () => {
    const broken = [
      'GARBAGE\r\n\r\n',
      'POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n',
      `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nAuthorization: Bearer ${CLIENT_KEY}\r\n\r\nzz\r\n`,
      'POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello',
      `GET /v1/models HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n${'X-Many: 1\r\n'.repeat(3000)}\r\n`,
    ];
    for (const raw of broken) {
      const statusLine = await sendRaw(env.gateway.url, raw);
      expect(statusLine, JSON.stringify(raw.slice(0, 80))).toMatch(/^HTTP\/1\.1 4\d\d /);
    }
    await expectStillServing(env.gateway.url);
  });
});

interface Answer {
  status: number;
  text: string;
  headers: Record<string, unknown>;
}

function assertAnswer(request: HostileRequest, answer: Answer): void {
  const where = `${request.method} ${request.url.slice(0, 120)} [${request.label}]`;
  if (answer.status >= 500) throw new Error(`${where} → ${answer.status}: ${answer.text.slice(0, 300)}`);
  if (answer.headers['x-powered-by'] !== undefined) throw new Error(`${where} → x-powered-by: ${String(answer.headers['x-powered-by'])}`);
  if (answer.status < 400) return;
  if (request.method === 'HEAD') return;
  const problem = envelopeProblem(envelopeFor(request.method, request.url), answer.status, answer.text);
  if (problem) throw new Error(`${where} → ${answer.status}: ${problem}`);
}

function withDeadline<T>(promise: Promise<T>, request: HostileRequest): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${HANG_MS} ms: ${request.method} ${request.url} [${request.label}]`)), HANG_MS);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

async function expectStillServing(url: string): Promise<void> {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'via-chat', messages: [{ role: 'user', content: 'hi' }] }),
  });
  expect(response.status).toBe(200);
  expect((await response.json()).choices[0].message.content).toBe('Oi!');
}

/** Writes raw bytes on a fresh socket and resolves with the status line the server answers. */
function sendRaw(url: string, raw: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to ${JSON.stringify(raw.slice(0, 60))}`));
    }, HANG_MS);
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n')) {
        clearTimeout(timer);
        socket.destroy();
        resolve(received.split('\r\n', 1)[0]);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received.split('\r\n', 1)[0]);
    });
    socket.write(raw);
  });
}
