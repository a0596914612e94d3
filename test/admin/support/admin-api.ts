import { ADMIN_KEY } from '../../support/start-test-gateway';

export interface AdminCallOptions {
  method?: string;
  /** Sent as JSON unless a string (then sent as is, with `contentType`). */
  body?: unknown;
  contentType?: string;
  /** The admin key to send; null sends no Authorization header. */
  key?: string | null;
  headers?: Record<string, string>;
}

/** One call to the admin API of a running gateway. */
export function adminFetch(gatewayUrl: string, path: string, options: AdminCallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? ADMIN_KEY : options.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] = options.contentType ?? (typeof options.body === 'string' ? 'application/yaml' : 'application/json');
  }
  return fetch(`${gatewayUrl}${path}`, { method: options.method ?? 'GET', headers, body });
}

/** The JSON of a call that must answer `status`; fails with the body otherwise. */
export async function adminJson<T = any>(gatewayUrl: string, path: string, options: AdminCallOptions = {}, status = 200): Promise<T> {
  const response = await adminFetch(gatewayUrl, path, options);
  const text = await response.text();
  if (response.status !== status) throw new Error(`${options.method ?? 'GET'} ${path}: expected ${status}, got ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 3000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
